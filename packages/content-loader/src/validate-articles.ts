import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { VFile } from 'vfile';
import { validateArticle, type Article, type ValidateArticleOptions } from '@nimbus/content';
import { applyResult, type ValidationResult } from './validation-result.ts';

// Validating articles is most of `kb check` and of a cold build's first seconds, and each article is validated on its
// own: threads share the work. The threads are started before the files are read, so they load the parser meanwhile;
// then they and this one take the next file from one shared counter, so a thread still starting takes less, and none
// is ever waited for while work is left.

/** Below this many files to validate, `auto` uses one thread: a thread's start-up costs more than it saves. */
export const AUTO_THREADS_MIN_FILES = 256;
/** `auto` never uses more threads than this, whatever the machine has. */
export const AUTO_THREADS_MAX = 4;

/** How many threads validate: a number, or `auto` (the cores, for enough files). */
export type ValidationThreads = number | 'auto';

/** What a validation thread is sent: the files, and `[next file index]`, shared by every thread. */
export interface WorkerInput {
  next: Int32Array;
  files: { path: string; cwd: string; value: string }[];
  options: ValidateArticleOptions;
}

/** What a validation thread sends for each file it validated. */
export interface WorkerResult {
  index: number;
  result: ValidationResult;
}

/** The number of threads `threads` means for `files` files. */
export function threadCount(threads: ValidationThreads, files: number): number {
  const wanted = threads === 'auto' ? (files >= AUTO_THREADS_MIN_FILES ? Math.min(availableParallelism(), AUTO_THREADS_MAX) : 1) : Math.floor(threads);
  if (!(wanted >= 1)) throw new RangeError(`Unexpected validation threads \`${threads}\`, expected a whole number of at least 1 or \`auto\``);
  return Math.max(1, Math.min(wanted, files));
}

/** Threads started ahead of the work; {@link validateArticles} uses them once and then stops them. */
export class ValidationPool {
  readonly workers: Worker[];

  /** Starts `threads - 1` threads beside this one (none for 1). */
  constructor(threads: number) {
    // Unreferenced: a pool left unused (the read failed) never keeps the process alive.
    this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
      const worker = new Worker(new URL('./validate-worker.ts', import.meta.url));
      worker.unref();
      return worker;
    });
  }

  /** Stops every thread (waiting for none). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }
}

/** What {@link validateArticles} gives. */
export interface ValidatedArticles {
  /** The article of each file (`undefined` where its frontmatter is invalid), in the order of the files. */
  articles: (Article | undefined)[];
  /** How many files other threads validated. */
  byOtherThreads: number;
}

/**
 * Validates every file (as `validateArticle`, messages and body facts left on each file), sharing them with the
 * threads of `pool`, which it stops; the result is the same whatever the number of threads.
 */
export async function validateArticles(files: readonly VFile[], options: ValidateArticleOptions, pool?: ValidationPool): Promise<ValidatedArticles> {
  const workers = pool?.workers.slice() ?? [];
  if (workers.length === 0 || files.length < 2) {
    await pool?.close();
    return { articles: files.map((file) => validateArticle(file, options)), byOtherThreads: 0 };
  }
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const input: WorkerInput = { next, files: files.map((file) => ({ path: file.path, cwd: file.cwd, value: String(file.value) })), options };
  const fromThreads = new Map<number, ValidationResult>();
  let expected = Number.POSITIVE_INFINITY;
  let allIn: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allIn = resolve));
  let running = workers.length;
  for (const worker of workers) {
    worker.on('message', ({ index, result }: WorkerResult) => {
      fromThreads.set(index, result);
      if (fromThreads.size >= expected) allIn();
    });
    // A thread that fails leaves its files without a result: they are validated here below, so a problem in one is
    // reported as validating it here would report it.
    worker.on('error', () => undefined);
    worker.on('exit', () => --running === 0 && allIn());
    // Referenced while it works: this thread waits for its results.
    worker.ref();
    worker.postMessage(input);
  }

  const articles: (Article | undefined)[] = new Array(files.length);
  const mine = new Set<number>();
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    articles[index] = validateArticle(files[index]!, options);
    mine.add(index);
  }
  // Every file is taken: wait only for the files the threads took, then stop them (one still starting took none).
  expected = files.length - mine.size;
  if (fromThreads.size < expected && running > 0) await done;
  await pool!.close();

  for (let index = 0; index < files.length; index++) {
    if (mine.has(index)) continue;
    const result = fromThreads.get(index);
    articles[index] = result ? applyResult(files[index]!, result) : validateArticle(files[index]!, options);
  }
  return { articles, byOtherThreads: fromThreads.size };
}
