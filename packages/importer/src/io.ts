import { isUtf8 } from 'node:buffer';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { glob } from 'tinyglobby';
import { availableParallelism } from 'node:os';
import { convertKnowledgeBase } from './convert-knowledge-base.ts';
import type { ImportOptions, ImportResult } from './import-options.ts';
import { convertInWorkers } from './_parallel.ts';
import { recoverInterrupted, stagingFolder, swapIn } from './_swap.ts';
import type { SourceFile } from './source.ts';

/** Reads every Markdown file under `dir` (sorted by path; `node_modules` and dot folders skipped). */
export async function readSourceFolder(dir: string): Promise<SourceFile[]> {
  const root = path.resolve(dir);
  const paths = (await glob(['**/*.{md,markdown}'], { cwd: root, ignore: ['**/node_modules/**', '**/.*/**'], caseSensitiveMatch: false })).sort();
  // Bounded parallelism: thousands of files, without thousands of open handles.
  const limit = pLimit(64);
  return Promise.all(paths.map((relative) => limit(async () => ({ path: relative.replaceAll('\\', '/'), text: await readText(path.join(root, relative)) }))));
}

/** A source file that cannot be imported as it is: `file` (absolute), and where in it when that is known. */
export class ImportSourceError extends Error {
  override name = 'ImportSourceError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** What is wrong, without the position. */
  readonly reason: string;
  constructor(file: string, reason: string, line?: number, column?: number) {
    super(`${file}${line !== undefined ? `:${line}:${column ?? 1}` : ''}: ${reason}`);
    this.file = file;
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** A source file's text; a file that cannot be read, or is not UTF-8, is an {@link ImportSourceError}. */
async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportSourceError(file, `unreadable (${code ?? (error instanceof Error ? error.message : String(error))})`);
  }
  if (isUtf8(bytes)) return bytes.toString('utf8');
  // Decoding anyway would put U+FFFD into the article where a character was: say where, so the file can be fixed.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportSourceError(file, 'UTF-16, not UTF-8; save the file as UTF-8 and import again', 1, 1);
  }
  const at = invalidUtf8At(bytes);
  const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let index = 0; index < lineStart; index++) if (bytes[index] === 0x0a) line++;
  const column = [...bytes.subarray(lineStart, at).toString('utf8')].length + 1;
  throw new ImportSourceError(file, `not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}); save the file as UTF-8 and import again`, line, column);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or the length when all are. */
function invalidUtf8At(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      // The second byte has narrower bounds after E0 (no overlong forms), ED (no surrogates), F0 and F4 (U+10000…U+10FFFF).
      const low = next === 1 && lead === 0xe0 ? 0xa0 : next === 1 && lead === 0xf0 ? 0x90 : 0x80;
      const high = next === 1 && lead === 0xed ? 0x9f : next === 1 && lead === 0xf4 ? 0x8f : 0xbf;
      if (byte === undefined || byte < low || byte > high) return index;
    }
    index += length;
  }
  return index;
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
  readonly code: 'dest-not-empty' | 'dest-not-folder' | 'dest-inside-source' | 'dest-unwritable';
  constructor(message: string, code: ImportTargetError['code']) {
    super(message);
    this.code = code;
  }
}

/**
 * Writes the files of an import to `dest`, atomically: everything goes to a staging folder beside it
 * (`<dest>.importing.<pid>.<hex>`), which then replaces `dest` (see `_swap.ts`). A failed or killed import never leaves
 * a half-written `dest`: it keeps its previous content, and a staging folder a killed import left behind is removed by
 * the next one.
 */
export async function writeContentFolder(dest: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): Promise<void> {
  const target = path.resolve(dest);
  await recoverInterrupted(target).catch((error: unknown) => {
    throw writeError(error, target);
  });
  await checkTarget(target, options.force ?? false);
  const staging = stagingFolder(target);
  try {
    await mkdir(staging, { recursive: true });
    const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(staging, file))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    // Bounded parallelism: thousands of small files, without thousands of open handles; after a failure nothing
    // queued starts, and the writes already running end before the staging folder is removed (one finishing during
    // the removal would leave the folder behind).
    const limit = pLimit(64);
    const running: Array<Promise<void>> = [];
    const write = (file: string, text: string) => {
      const writing = writeFile(path.join(staging, file), text);
      running.push(writing);
      return writing;
    };
    await Promise.all([...files].map(([file, text]) => limit(() => write(file, text)))).catch(async (error: unknown) => {
      limit.clearQueue();
      await Promise.allSettled(running);
      throw error;
    });
    await swapIn(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw writeError(error, target, staging);
  }
}

/** A file-system failure while writing `target`, as an {@link ImportTargetError} that names the file (in `target`). */
function writeError(error: unknown, target: string, staging?: string): unknown {
  const { code, path: file } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !code.startsWith('E')) return error;
  const shown = file === undefined ? target : staging && (file === staging || file.startsWith(`${staging}${path.sep}`)) ? path.join(target, path.relative(staging, file)) : file;
  return new ImportTargetError(`Cannot write \`${shown}\` (${code}); \`${target}\` was left as it was`, 'dest-unwritable');
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
  // A run that was killed may have left the previous output beside `dest`: put it back before looking at `dest`.
  await recoverInterrupted(target).catch((error: unknown) => {
    throw writeError(error, target);
  });
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
