// Finding runbooks for `kb runbook`: the folder, the taxonomy, the id and the parameters the user typed.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatMessage, type Taxonomy } from '@nimbus/content';
import { loadContent } from '@nimbus/content-loader';
import { checkParameterValue, closestMatches, defaultRunbooksDir, loadRunbooks, type LoadedRunbooks, type Runbook } from '@nimbus/runbooks';
import { KbError, kbErrors } from './error-catalog.ts';
import type { KbIO } from './io.ts';

/** Where runbooks, taxonomy and articles are read from. */
export interface RunbookLocations {
  /** Runbook folder: `--dir`, else `$KB_RUNBOOKS_DIR`, else the folder of the runbooks package. */
  dir: string;
  /** Content folder (taxonomy, articles): `--content`, else `$KB_CONTENT_DIR`, else `./content`. */
  content: string;
}

/** Resolves the folders from the options, the environment and the defaults. */
export function runbookLocations(io: KbIO, args: { dir?: string | undefined; content?: string | undefined }): RunbookLocations {
  return {
    dir: path.resolve(io.cwd, args.dir || io.env.KB_RUNBOOKS_DIR || defaultRunbooksDir()),
    content: path.resolve(io.cwd, args.content || io.env.KB_CONTENT_DIR || 'content'),
  };
}

/** The version of the runbooks package, shown in case notes. */
export function runbooksVersion(): string {
  const pkg = createRequire(import.meta.url)('@nimbus/runbooks/package.json') as { version: string };
  return pkg.version;
}

/** What runbooks are checked against: the taxonomy and the English article ids; empty when there is no content folder. */
export async function readContentFacts(contentDir: string): Promise<{ taxonomy?: Taxonomy; articleIds?: string[] }> {
  if (!existsSync(path.join(contentDir, 'taxonomy.yaml'))) return {};
  const content = await loadContent(contentDir);
  return {
    ...(content.taxonomy ? { taxonomy: content.taxonomy } : {}),
    // Every English file counts, valid or not: a broken article gets its own message from `kb check`.
    articleIds: content.files.flatMap((file) => (/^articles\/en\/[^/]+\/[^/]+\.mdx$/.test(file.path) ? [file.path.slice('articles/en/'.length, -'.mdx'.length)] : [])),
  };
}

/** Loads the runbook folder; a folder without runbooks is a user error. */
export async function openRunbooks(io: KbIO, locations: RunbookLocations, options: { taxonomy?: Taxonomy; today?: string; articleIds?: string[] } = {}): Promise<LoadedRunbooks> {
  if (!existsSync(locations.dir)) throw new KbError(kbErrors.NotFound, `No runbook folder at ${path.relative(io.cwd, locations.dir) || '.'}`);
  const loaded = await loadRunbooks(locations.dir, options);
  if (loaded.files.length === 0) throw new KbError(kbErrors.NotFound, `No runbooks (*.mdx) in ${path.relative(io.cwd, locations.dir) || '.'}`);
  return loaded;
}

/** The runbook with `id`; an unknown id gets the closest ids, an invalid runbook its problems. */
export function resolveRunbook(io: KbIO, loaded: LoadedRunbooks, id: string): Runbook {
  const ids = loaded.files.map((file) => path.basename(file.path, '.mdx'));
  const file = loaded.files.find((candidate) => path.basename(candidate.path, '.mdx') === id);
  if (!file) {
    const close = closestMatches(id, ids);
    throw new KbError(kbErrors.UnknownName, `Unknown runbook \`${id}\`, ${close.length ? `did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : `expected one of ${ids.map((c) => `\`${c}\``).join(', ')}`} (kb runbook --list shows them all)`);
  }
  const runbook = loaded.runbooks.find((candidate) => candidate.id === id);
  const errors = file.messages.filter((message) => message.fatal);
  if (!runbook || errors.length > 0) {
    const where = (message: (typeof errors)[number]) => formatMessage(message, path.relative(io.cwd, path.join(loaded.dir, file.path)));
    throw new KbError(kbErrors.InvalidContent, `${errors.map(where).join('\n')}\nkb: runbook \`${id}\` has ${errors.length} error(s), fix them before walking it`);
  }
  return runbook;
}

/** The `--param key=value` values of the command line (every one, in order) as a record; later ones win. */
export function paramArgs(pairs: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([^=\s]+)=(.*)$/s.exec(pair ?? '');
    if (!match) throw new KbError(kbErrors.InvalidOption, `Unexpected --param \`${pair ?? ''}\`, expected key=value, like --param instanceId=i-0abc4f2e9d81c7a53`);
    values[match[1]!] = match[2]!;
  }
  return values;
}

/** Checks names and values of parameters against the runbook: unknown names get the closest ones. */
export function checkParams(runbook: Runbook, values: Readonly<Record<string, string>>, source = '--param'): void {
  const names = runbook.parameters.map((parameter) => parameter.name);
  for (const [name, value] of Object.entries(values)) {
    const parameter = runbook.parameters.find((candidate) => candidate.name === name);
    if (!parameter) {
      const close = closestMatches(name, names);
      throw new KbError(kbErrors.UnknownName, `Unknown parameter \`${name}\` (${source}) for runbook \`${runbook.id}\`, ${close.length ? `did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : `expected one of ${names.map((c) => `\`${c}\``).join(', ') || '(none)'}`}`);
    }
    const problem = checkParameterValue(parameter, value);
    if (problem) throw new KbError(kbErrors.InvalidOption, `${problem} (${source})`);
  }
}
