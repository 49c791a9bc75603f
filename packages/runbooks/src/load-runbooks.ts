import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { VFile } from 'vfile';
import { formatMessage } from '@nimbus/content';
import type { Runbook } from './runbook.ts';
import { validateRunbookFile, type ValidateRunbookOptions } from './validate-runbook.ts';

/** Options of {@link loadRunbooks}: those of `validateRunbookFile`, applied to every file. */
export type LoadRunbooksOptions = ValidateRunbookOptions;

/** A runbook folder read from disk. */
export interface LoadedRunbooks {
  /** Absolute path of the folder. */
  dir: string;
  /** Runbooks without errors, sorted by id. */
  runbooks: Runbook[];
  /** Every file read, with its messages; paths are relative to `dir`. */
  files: VFile[];
}

/** The folder of the runbooks this package ships (`runbooks/` next to `src/`). */
export function defaultRunbooksDir(): string {
  // Not `new URL('../runbooks/', import.meta.url)`: bundlers read that pattern as an asset to copy.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'runbooks');
}

/** Reads and validates every `*.mdx` file of a runbook folder. Never throws for bad content. */
export async function loadRunbooks(dir: string = defaultRunbooksDir(), options: LoadRunbooksOptions = {}): Promise<LoadedRunbooks> {
  const root = path.resolve(dir);
  const paths = (await glob(['*.mdx'], { cwd: root })).sort();
  const files = await Promise.all(paths.map(async (relative) => new VFile({ path: relative, cwd: root, value: await readFile(path.join(root, relative), 'utf8') })));
  const runbooks = files.flatMap((file) => validateRunbookFile(file, options) ?? []).sort((a, b) => a.id.localeCompare(b.id));
  return { dir: root, runbooks, files };
}

/** Validates a runbook folder: every file with its messages (the checker formats and counts them). */
export async function validateRunbookFolder(dir: string = defaultRunbooksDir(), options: LoadRunbooksOptions = {}): Promise<VFile[]> {
  return (await loadRunbooks(dir, options)).files;
}

/**
 * Reads and validates the runbook files at `paths` (a checker's arguments). Each file keeps its path as given, so
 * messages print as the user typed it. A file that cannot be read gets a `runbook-path` error; never throws.
 */
export async function validateRunbookFiles(paths: readonly string[], options: LoadRunbooksOptions & { cwd?: string } = {}): Promise<VFile[]> {
  return Promise.all(
    paths.map(async (filePath) => {
      const source = await readFile(path.resolve(options.cwd ?? '', filePath), 'utf8').catch(() => undefined);
      const file = new VFile({ path: filePath, value: source ?? '' });
      if (source === undefined) file.message(`Cannot read \`${filePath}\`, expected a runbook file`, { place: { line: 1, column: 1 }, ruleId: 'runbook-path', source: 'kb' }).fatal = true;
      else validateRunbookFile(file, options);
      return file;
    }),
  );
}

/** All errors and warnings of a loaded folder, one `path:line:col: …` line each, paths relative to `cwd`. */
export function runbookProblems(loaded: LoadedRunbooks, cwd: string = process.cwd()): { errors: string[]; warnings: string[] } {
  const lines = (fatal: boolean) =>
    loaded.files.flatMap((file) =>
      file.messages.filter((message) => Boolean(message.fatal) === fatal).map((message) => formatMessage(message, path.relative(cwd, path.join(loaded.dir, file.path)) || file.path)),
    );
  return { errors: lines(true), warnings: lines(false) };
}

/** The runbook with `id`, or undefined. */
export function getRunbook(runbooks: readonly Runbook[], id: string): Runbook | undefined {
  return runbooks.find((runbook) => runbook.id === id);
}
