import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { availableParallelism } from 'node:os';
import { convertKnowledgeBase, type ImportOptions, type ImportResult } from './convert-knowledge-base.ts';
import { convertInWorkers } from './_parallel.ts';
import type { SourceFile } from './_source.ts';

/** Reads every Markdown file under `dir` (sorted by path; `node_modules` and dot folders skipped). */
export async function readSourceFolder(dir: string): Promise<SourceFile[]> {
  const root = path.resolve(dir);
  const paths = (await glob(['**/*.{md,markdown}'], { cwd: root, ignore: ['**/node_modules/**', '**/.*/**'], caseSensitiveMatch: false })).sort();
  return Promise.all(paths.map(async (relative) => ({ path: relative.replaceAll('\\', '/'), text: await readFile(path.join(root, relative), 'utf8') })));
}

/** Options of {@link writeContentFolder} and {@link importKnowledgeBase}. */
export interface WriteOptions {
  /** Replace a `dest` folder that already has files in it. Default `false`. */
  force?: boolean;
  /** Worker threads for the conversion (at most the machine's parallelism). Default 1; the result does not depend on it. */
  workers?: number;
}

/** Why a content folder could not be written; `code` says which mistake it was. */
export class ImportTargetError extends Error {
  override name = 'ImportTargetError';
  readonly code: 'dest-not-empty' | 'dest-not-folder' | 'dest-inside-source';
  constructor(message: string, code: ImportTargetError['code']) {
    super(message);
    this.code = code;
  }
}

/**
 * Writes the files of an import to `dest`, atomically: everything goes to `<dest>.importing` first, which then
 * replaces `dest` in one rename, so a failed import never leaves a half-written folder.
 */
export async function writeContentFolder(dest: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): Promise<void> {
  const target = path.resolve(dest);
  await checkTarget(target, options.force ?? false);
  const staging = `${target}.importing`;
  await rm(staging, { recursive: true, force: true });
  try {
    const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(staging, file))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    const entries = [...files];
    // Bounded parallelism: thousands of small files, without thousands of open handles.
    for (let start = 0; start < entries.length; start += 64) {
      await Promise.all(entries.slice(start, start + 64).map(([file, text]) => writeFile(path.join(staging, file), text)));
    }
    const old = `${target}.replaced`;
    await rm(old, { recursive: true, force: true });
    const existed = await rename(target, old).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    });
    await rename(staging, target);
    if (existed) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function checkTarget(target: string, force: boolean): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new ImportTargetError(`\`${target}\` exists and is not a folder`, 'dest-not-folder');
  if (!force && (await readdir(target)).length > 0) throw new ImportTargetError(`\`${target}\` is not empty, choose another folder or pass --force to replace it`, 'dest-not-empty');
}

/** Reads `src`, converts it and writes the content folder `dest`. Returns the conversion, report included. */
export async function importKnowledgeBase(src: string, dest: string, options: ImportOptions & WriteOptions = {}): Promise<ImportResult> {
  const source = path.resolve(src);
  const target = path.resolve(dest);
  if (target === source || target.startsWith(`${source}${path.sep}`)) {
    throw new ImportTargetError(`\`${target}\` is inside the source folder, choose a folder outside it`, 'dest-inside-source');
  }
  await checkTarget(target, options.force ?? false);
  const files = await readSourceFolder(source);
  const convertOptions = { sourceName: path.basename(source), ...options };
  // Threads cost about half as much CPU again (each warms up its own copy of the parser), so they pay off only on
  // machines with idle cores to spare: opt in with `workers`.
  const workers = Math.max(1, Math.min(options.workers ?? 1, availableParallelism()));
  const result = workers > 1 ? await convertInWorkers(files, convertOptions, workers) : convertKnowledgeBase(files, convertOptions);
  await writeContentFolder(target, result.files, options);
  return result;
}
