import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { formatMessage, validateTaxonomy, type Taxonomy } from '@nimbus/content';
import { loadRunbooks, type Runbook, type ValidateRunbookOptions } from '../src/index.ts';

/** The repository's `content/taxonomy.yaml`: the areas and severities runbooks name. */
export function realTaxonomy(): Taxonomy {
  const file = new VFile({ path: 'taxonomy.yaml', value: readFileSync(fileURLToPath(new URL('../../../content/taxonomy.yaml', import.meta.url)), 'utf8') });
  const taxonomy = validateTaxonomy(file);
  if (!taxonomy) throw new Error(file.messages.map((message) => formatMessage(message)).join('\n'));
  return taxonomy;
}

/** The options every fixture is validated with: a fixed day, the real taxonomy, two known articles. */
export const fixtureOptions: ValidateRunbookOptions = {
  taxonomy: realTaxonomy(),
  articleIds: ['compute/ssh-connection-timed-out', 'compute/ssh-permission-denied-publickey'],
  today: '2026-11-21',
};

/** Messages of a file as `line:col: error|warning: reason (rule-id)`, without the path. */
export function messagesOf(file: VFile): string[] {
  return file.messages.map((message) => {
    const formatted = formatMessage(message);
    const prefix = `${file.path}:`;
    if (!formatted.startsWith(prefix)) throw new Error(`Expected "${formatted}" to start with "${prefix}"`);
    return formatted.slice(prefix.length);
  });
}

export const fixturesDir = new URL('./fixtures/', import.meta.url);

/**
 * Frozen copies of two of the package's runbooks (`test/runbooks/`), for tests of the walk and the case note: L3
 * editing the live runbooks never breaks them, and what they assert stays next to the text it is about.
 */
export async function fixtureRunbooks(): Promise<Runbook[]> {
  const { runbooks } = await loadRunbooks(fileURLToPath(new URL('./runbooks/', import.meta.url)), { taxonomy: realTaxonomy(), today: '2026-11-21' });
  return runbooks;
}
