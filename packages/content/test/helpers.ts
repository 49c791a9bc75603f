import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { formatMessage } from '../src/format-message.ts';
import { validateTaxonomy } from '../src/validate-taxonomy.ts';
import type { Taxonomy } from '../src/taxonomy.ts';

/** The real `content/taxonomy.yaml` of the repository. */
export const taxonomyPath = fileURLToPath(new URL('../../../content/taxonomy.yaml', import.meta.url));
export const taxonomySource = readFileSync(taxonomyPath, 'utf8');

/** The real taxonomy, parsed through validateTaxonomy; throws when it does not validate. */
export function realTaxonomy(): Taxonomy {
  const file = new VFile({ path: 'taxonomy.yaml', value: taxonomySource });
  const taxonomy = validateTaxonomy(file);
  if (!taxonomy) throw new Error(`content/taxonomy.yaml does not validate:\n${file.messages.map((m) => formatMessage(m)).join('\n')}`);
  return taxonomy;
}

/**
 * The messages of a file as `line:col: error|warning: reason (rule-id)`, the path stripped.
 * formatMessage is called with its default path (the file's own path), so the prefix is checked too.
 */
export function messagesOf(file: VFile): string[] {
  return file.messages.map((message) => {
    const formatted = formatMessage(message);
    const prefix = `${file.path}:`;
    if (!formatted.startsWith(prefix)) throw new Error(`Expected "${formatted}" to start with "${prefix}"`);
    return formatted.slice(prefix.length);
  });
}

/** A valid English article, used as the starting point of inline cases (same as fixtures/articles/valid). */
export const validArticle = readFileSync(new URL('./fixtures/articles/valid/input.mdx', import.meta.url), 'utf8');
export const validArticlePath = 'articles/en/object-storage/upload-access-denied.mdx';

/** `source` with `from` replaced by `to`; throws when `from` is not there, so a fixture edit cannot silently no-op. */
export function edit(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`Expected the source to contain ${JSON.stringify(from)}`);
  return source.replace(from, to);
}
