import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { defineCommand } from 'citty';
import {
  addRedactionCounts,
  caseFormatFromPath,
  defaultCacheDir,
  emptyRedactionCounts,
  ledgerEntry,
  linkLine,
  loadIndex,
  openAtomicLineWriter,
  openIndex,
  parseJsonlLine,
  rank,
  readCases,
  readLines,
  serializeIndex,
  type CaseFormat,
  type CaseReadItem,
  type IndexDocument,
  type OpenedIndex,
  type CaseIndex,
  type RankedResult,
  type RedactionCounts,
  type SupportCase,
  type SynonymTable,
} from '@nimbus/case-index';
import { UserError } from '../errors.ts';
import { err, ioOf, type KbIO, type KbWritable } from '../io.ts';
import { aboveProgress, createProgress } from '../progress.ts';
import { mergeShards, openAtomicFile, parseShard, rangeHash, shardFiles, shardRange, writeManifest } from './link-shard.ts';
import { loadVocabulary } from '../vocabulary.ts';
import { learnFromLedger, linkedCasesArg, loadLinkedCases } from '../linked-cases.ts';
import type { LinkedCase } from '@nimbus/case-index';

import { describeRedactions } from '@nimbus/redact';
// Helpers shared by `kb link`, `kb suggest` and `kb report` (each verb module is loaded on its own).

/** Opens the index of `--articles` (and `--runbooks`), cached under `--index-cache`; bad folders are user errors. */
export async function openCaseIndex(
  io: KbIO,
  args: { articles: string; runbooks?: string | undefined; 'index-cache'?: string | undefined },
  extraDocuments: readonly IndexDocument[] = [],
): Promise<OpenedIndex> {
  const cacheArg = args['index-cache'] ?? io.env.KB_INDEX_CACHE;
  const cacheDir = cacheArg === 'off' || cacheArg === 'false' ? false : path.resolve(io.cwd, cacheArg ?? defaultCacheDir(io.cwd));
  const articles = path.resolve(io.cwd, args.articles);
  // Checked here, so a wrong folder is a user error without recognising the index's message by its words.
  if (!(await stat(articles).catch(() => undefined))?.isDirectory()) throw new UserError(`Expected a folder of articles at ${args.articles}`);
  const runbooks = args.runbooks ? path.resolve(io.cwd, args.runbooks) : undefined;
  if (runbooks && !(await stat(runbooks).catch(() => undefined))?.isDirectory()) throw new UserError(`Expected a folder of runbooks at ${args.runbooks}`);
  const opened = await openIndex(articles, { cacheDir, extraDocuments, ...(runbooks ? { runbooksDir: runbooks } : {}) });
  if (opened.index.docs.length === 0) throw new UserError(`No articles found under ${args.articles} (expected .md or .mdx files)`);
  if (opened.skipped.length > 0) {
    err(io, `kb: ${opened.skipped.length} article(s) under ${args.articles} are invalid and were not indexed; run \`kb check\` for details`);
  }
  return opened;
}

/** A positive integer option. */
export function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UserError(`Expected --${name} to be a positive whole number, got \`${value}\``);
  return number;
}

/** The `--input-format` option, checked. */
export function caseFormat(value: string | undefined): CaseFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'jsonl' || value === 'csv' || value === 'zendesk') return value;
  throw new UserError(`Unknown --input-format \`${value}\`, expected jsonl, csv or zendesk`);
}

/** One line for a skipped record, `file:line:1: error: message (case-record)`, positions as `kb check` prints them. */
export function problemLine(file: string, item: Extract<CaseReadItem, { type: 'problem' }>): string {
  return `${recordPlace(file, item)}: error: ${item.message} (case-record)`;
}

/** Where a record sits: `file:line:1`, or `file: ticket N` in a Zendesk export. */
function recordPlace(file: string, item: Pick<CaseReadItem, 'unit' | 'line'>): string {
  return item.unit === 'ticket' ? `${file}: ticket ${item.line}` : `${file}:${item.line}:1`;
}

/** One line per warning of a kept case (a field cut to size), `file:line:1: warning: message (case-record)`. */
export function warningLines(file: string, item: Extract<CaseReadItem, { type: 'case' }>): string[] {
  return item.warnings.map((warning) => `${recordPlace(file, item)}: warning: ${warning} (case-record)`);
}

// Counts in words ("3 × e-mail address"), shared with report and suggest.
export { describeRedactions };

/** Reads cases, reports bad records on stderr, and yields the good ones (already redacted). */
export async function* goodCases(io: KbIO, file: string, format: CaseFormat | undefined, totals: { skipped: number; redactions: RedactionCounts }) {
  const source = file === '-' ? io.stdin : path.resolve(io.cwd, file);
  try {
    for await (const item of readCases(source, format ? { format } : {})) {
      if (item.type === 'problem') {
        totals.skipped++;
        err(io, problemLine(file, item));
        continue;
      }
      for (const line of warningLines(file, item)) err(io, line);
      addRedactionCounts(totals.redactions, item.redactions);
      yield item;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new UserError(`Cannot read cases from ${file} (${code})`);
    throw error;
  }
}

/** Buffered standard output that stops quietly when the reader goes away (`kb link … | head -2`). */
export function createOutput(stream: KbWritable) {
  let buffer = '';
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  const flush = () => {
    if (buffer && !closed) stream.write(buffer);
    buffer = '';
  };
  return {
    get closed() {
      return closed;
    },
    write(text: string) {
      if (closed) return;
      buffer += text;
      if (buffer.length >= 1 << 16) flush();
    },
    flush,
  };
}

const clip = (text: string, length: number) => {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
};

/** The evidence of a result in one line. */
export function evidenceText(result: RankedResult): string {
  const signatures = result.evidence.signatures.map((signature) => signature.text);
  const parts: string[] = [];
  if (signatures.length > 0) parts.push(`signatures: ${signatures.slice(0, 3).join(', ')}`);
  if (result.evidence.terms.length > 0) parts.push(`terms: ${result.evidence.terms.slice(0, 5).join(', ')}`);
  return parts.join('; ') || 'no shared terms';
}

/** How one case is printed and recorded. */
interface LinkSettings {
  top: number;
  /** The search vocabulary (content/vocabulary.yaml), compiled. */
  synonyms?: SynonymTable | undefined;
  format: 'text' | 'jsonl';
  ledger: boolean;
}

/** The output (contract line or table rows) and the ledger line of one case. */
function linkCase(index: CaseIndex, supportCase: SupportCase, settings: LinkSettings): { out: string; ledger?: string } {
  // Evidence costs a little per result; only the table and the ledger show it.
  const results = rank(index, supportCase, { top: settings.top, evidence: settings.format === 'text' || settings.ledger, ...(settings.synonyms ? { synonyms: settings.synonyms } : {}) });
  let out: string;
  if (settings.format === 'jsonl') {
    out = `${JSON.stringify(linkLine(supportCase.id, results))}\n`;
  } else {
    out = `${supportCase.id}  ${clip(supportCase.subject, 100)}\n`;
    if (results.length === 0) out += '     (no matching article)\n';
    results.forEach((result, position) => {
      out += `  ${position + 1}. ${result.path}  score ${result.score.toFixed(2)}  confidence ${result.confidence.toFixed(2)}\n`;
      out += `     ${clip(result.title, 100)}\n     ${evidenceText(result)}\n`;
    });
  }
  if (!settings.ledger) return { out };
  return { out, ledger: JSON.stringify(ledgerEntry(index, supportCase, results.slice(0, Math.min(settings.top, 3)))) };
}

/** What a worker returns for a batch of JSON Lines. */
interface BatchResult {
  id: number;
  out: string;
  ledger: string[];
  problems: string[];
  warnings: string[];
  redactions: RedactionCounts;
  cases: number;
}

/** Links a batch of numbered JSON Lines records (in a worker, or in the main thread for small inputs). */
function linkBatch(index: CaseIndex, file: string, id: number, lines: ReadonlyArray<readonly [number, string | undefined]>, settings: LinkSettings): BatchResult {
  const result: BatchResult = { id, out: '', ledger: [], problems: [], warnings: [], redactions: emptyRedactionCounts(), cases: 0 };
  for (const [line, text] of lines) {
    const item = parseJsonlLine(text, line);
    if (!item) continue;
    if (item.type === 'problem') {
      result.problems.push(problemLine(file, item));
      continue;
    }
    result.warnings.push(...warningLines(file, item));
    addRedactionCounts(result.redactions, item.redactions);
    const linked = linkCase(index, item.case, settings);
    result.out += linked.out;
    if (linked.ledger) result.ledger.push(linked.ledger);
    result.cases++;
  }
  return result;
}

const WORKER_ROLE = 'kb-link-worker';
/** Records per message to a worker: large enough to amortise messaging, small enough to keep output flowing. */
const BATCH_LINES = 256;
/** Inputs up to this many records are linked in the main thread: starting workers would cost more than it saves. */
const SMALL_INPUT = 2_000;

// A worker thread runs this same module: it loads the index once and links the batches it is sent.
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  const data = workerData as { role: string; indexFile?: string; indexJson?: string; linkedCases?: LinkedCase[]; file: string; settings: LinkSettings };
  const index = learnFromLedger(loadIndex(data.indexJson ?? readFileSync(data.indexFile!, 'utf8')), data.linkedCases);
  const port = parentPort;
  port.on('message', (batch: { id: number; lines: Array<[number, string | undefined]> }) => {
    port.postMessage(linkBatch(index, data.file, batch.id, batch.lines, data.settings));
  });
}

/** A pool of link workers that answer batches in the order they were sent. */
function startWorkers(count: number, workerInput: { indexFile?: string; indexJson?: string; linkedCases?: LinkedCase[] | undefined }, file: string, settings: LinkSettings) {
  const waiting = new Map<number, { resolve: (result: BatchResult) => void; reject: (error: Error) => void }>();
  const fail = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE, ...workerInput, file, settings } });
    worker.on('message', (result: BatchResult) => {
      waiting.get(result.id)?.resolve(result);
      waiting.delete(result.id);
    });
    worker.on('error', fail);
    return worker;
  });
  return {
    send(id: number, lines: Array<[number, string | undefined]>): Promise<BatchResult> {
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, lines });
      });
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

export default defineCommand({
  meta: { name: 'link', description: 'Link every case of an export to the articles (and runbooks) that resolve it' },
  args: {
    articles: { type: 'string', description: 'Folder of articles: our content folder, or Markdown/MDX files with YAML frontmatter (required unless --merge)' },
    cases: { type: 'string', description: 'Case export: JSON Lines (default), CSV (.csv) or Zendesk JSON (.json); `-` reads standard input (required unless --merge)' },
    top: { type: 'string', description: 'Results per case (default: 10 with --format jsonl, 3 in the table)' },
    format: { type: 'string', default: 'text', description: 'text | jsonl' },
    ledger: { type: 'string', description: 'Also write the link ledger (one JSON line per case) to this file, atomically' },
    'input-format': { type: 'string', description: 'jsonl | csv | zendesk (default: from the file extension)' },
    runbooks: { type: 'string', description: 'Folder of runbooks to index beside the articles' },
    'index-cache': { type: 'string', description: 'Folder for the cached index (default: node_modules/.cache/kb; `off` to always rebuild)' },
    'linked-cases': linkedCasesArg,
    jobs: { type: 'string', description: 'Worker threads for large JSON Lines inputs (default: the number of CPUs, at most 4; 1 to stay single-threaded)' },
    shard: { type: 'string', description: 'Link only part i of n of a JSON Lines case file (say 2/4), into --shard-dir; any job runner can run the n parts' },
    'shard-dir': { type: 'string', description: 'Folder the shard writes its output, ledger and manifest to (with --shard)' },
    merge: { type: 'string', description: 'Folder of finished shards: prints their output in order, byte for byte what one run prints (--ledger merges their ledgers)' },
  },
  async run(context) {
    const { args } = context;
    if (args.merge !== undefined) return mergeCommand(ioOf(context), args.merge, args.ledger);
    // Required unless --merge: worded and handled like the parser's own missing-argument errors (with the help hint).
    const missing = !args.articles ? '--articles' : !args.cases ? '--cases' : undefined;
    if (missing || !args.articles || !args.cases) throw Object.assign(new Error(`Missing required argument: ${missing} (or --merge DIR)`), { name: 'CLIError' });
    const casesArg = args.cases;
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    if (shard && !args['shard-dir']) throw new UserError('--shard needs --shard-dir, the folder the parts go to for `kb link --merge`');
    const progress = createProgress(ioOf(context), 'Linked cases');
    const io = aboveProgress(ioOf(context), progress);
    const format = args.format;
    if (format !== 'text' && format !== 'jsonl') throw new UserError(`Unknown --format \`${format}\`, expected text or jsonl`);
    const top = positiveInteger(args.top, 'top', format === 'jsonl' ? 10 : 3);
    const jobs = positiveInteger(args.jobs, 'jobs', Math.min(4, os.availableParallelism()));
    const casesFile = args.cases === '-' ? '-' : path.resolve(io.cwd, args.cases);
    const inputFormat = caseFormat(args['input-format']);
    const started = performance.now();
    const jsonl = (inputFormat ?? (casesArg === '-' ? 'jsonl' : caseFormatFromPath(casesArg))) === 'jsonl';
    if (shard && (!jsonl || casesArg === '-')) throw new UserError('--shard splits a JSON Lines file by byte ranges: give --cases a .jsonl file, not standard input, CSV or a Zendesk export');
    const range = shard ? await shardRange(casesFile, shard).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES') throw new UserError(`Cannot read cases from ${casesArg} (${error.code})`);
      throw error;
    }) : undefined;
    const opened = await openCaseIndex(io, { ...args, articles: args.articles });
    const linkedCases = await loadLinkedCases(io, args['linked-cases']);
    const index = learnFromLedger(opened.index, linkedCases);
    const shardDir = args['shard-dir'] === undefined ? undefined : path.resolve(io.cwd, args['shard-dir']);
    const parts = shard ? shardFiles(shardDir!, shard) : undefined;
    const ledger = args.ledger ? await openAtomicLineWriter(parts ? parts.ledger : path.resolve(io.cwd, args.ledger)) : undefined;
    const settings: LinkSettings = { top, format, ledger: ledger !== undefined, synonyms: await loadVocabulary(io) };
    // A shard writes its part to a file, renamed into place only when the shard is complete.
    const partFile = parts ? await openAtomicFile(parts.out) : undefined;
    const out = createOutput(partFile?.stream ?? io.stdout);
    const totals = { cases: 0, skipped: 0, redactions: emptyRedactionCounts() };
    const emit = async (result: BatchResult) => {
      for (const problem of result.problems) err(io, problem);
      for (const warning of result.warnings) err(io, warning);
      totals.skipped += result.problems.length;
      totals.cases += result.cases;
      addRedactionCounts(totals.redactions, result.redactions);
      progress.update(totals.cases);
      out.write(result.out);
      if (ledger) for (const line of result.ledger) await ledger.write(line);
    };
    try {
      if (jsonl && (jobs > 1 || range)) {
        // JSON Lines is split here and linked in worker threads; small inputs never start a worker. A shard reads
        // only its byte range, numbering lines as in the whole file.
        const source = casesFile === '-' ? io.stdin : range && range.end === range.start ? Readable.from([]) : createReadStream(casesFile, { highWaterMark: 1 << 16, ...(range ? { start: range.start, end: range.end - 1 } : {}) });
        const lineOffset = range ? range.firstLine - 1 : 0;
        const lines = readLines(source, 8 * 1024 * 1024);
        let batch: Array<[number, string | undefined]> = [];
        const head: Array<Array<[number, string | undefined]>> = [];
        let headCount = 0;
        let pool: ReturnType<typeof startWorkers> | undefined;
        const pending: Array<Promise<BatchResult>> = [];
        let nextId = 0;
        const dispatch = async (lines: Array<[number, string | undefined]>) => {
          pending.push(pool!.send(nextId++, lines));
          while (pending.length > jobs * 2) await emit(await pending.shift()!);
        };
        try {
          for await (const { line, text } of lines) {
            batch.push([line + lineOffset, text]);
            if (batch.length < BATCH_LINES) continue;
            if (pool) await dispatch(batch);
            else if (jobs === 1) await emit(linkBatch(index, casesArg, 0, batch, settings));
            else {
              head.push(batch);
              headCount += batch.length;
              if (headCount >= SMALL_INPUT) {
                const workerInput = opened.cacheFile && opened.fromCache ? { indexFile: opened.cacheFile } : { indexJson: JSON.stringify(serializeIndex(index)) };
                pool = startWorkers(jobs, { ...workerInput, linkedCases }, casesArg, settings);
                for (const queued of head.splice(0)) await dispatch(queued);
              }
            }
            batch = [];
            if (out.closed) break;
          }
          if (pool) {
            if (batch.length > 0 && !out.closed) await dispatch(batch);
            while (pending.length > 0 && !out.closed) await emit(await pending.shift()!);
          } else {
            for (const queued of [...head, batch]) await emit(linkBatch(index, casesArg, 0, queued, settings));
          }
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new UserError(`Cannot read cases from ${casesArg} (${code})`);
          throw error;
        } finally {
          await pool?.stop();
        }
      } else {
        for await (const item of goodCases(io, casesArg, inputFormat, totals)) {
          const linked = linkCase(index, item.case, settings);
          totals.cases++;
          progress.update(totals.cases);
          out.write(linked.out);
          if (ledger && linked.ledger) await ledger.write(linked.ledger);
          if (out.closed) break;
        }
      }
      out.flush();
      await ledger?.commit();
      await partFile?.commit();
    } catch (error) {
      await ledger?.abort();
      await partFile?.abort();
      progress.end();
      throw error;
    }
    progress.end();
    if (shard && range) {
      // The manifest goes last: `--merge` takes only shards that have one.
      const cases = { file: casesFile, bytes: range.fileBytes, start: range.start, end: range.end, sha256: await rangeHash(casesFile, range.start, range.end) };
      await writeManifest(shardDir!, { kind: 'kb-link-shard', version: 1, shard: shard.index, of: shard.count, cases, indexKey: opened.key, settings: { top, format, ledger: settings.ledger }, totals });
      const seconds = (performance.now() - started) / 1000;
      err(
        io,
        `kb: shard ${shard.index}/${shard.count} (bytes ${range.start}–${range.end}, from line ${range.firstLine}): linked ${totals.cases} case(s) in ${seconds.toFixed(2)} s` +
          ` (${Math.round(totals.cases / seconds)} cases/s)${totals.skipped ? `; ${totals.skipped} bad record(s) skipped` : ''}; written to ${args['shard-dir']}`,
      );
      return 0;
    }
    const seconds = (performance.now() - started) / 1000;
    err(
      io,
      `kb: linked ${totals.cases} case(s) against ${index.docs.length} document(s) in ${seconds.toFixed(2)} s` +
        `${totals.skipped ? `; ${totals.skipped} bad record(s) skipped` : ''}; redacted: ${describeRedactions(totals.redactions)}` +
        `${ledger ? `; ledger written to ${args.ledger}` : ''}${index.linked?.cases ? `; learned from ${index.linked.cases} linked case(s)` : ''}`,
    );
  },
});

/** `kb link --merge DIR`: the shards' output in order on stdout, their ledgers merged into `ledgerFile`. */
async function mergeCommand(io: KbIO, dirArg: string, ledgerArg: string | undefined): Promise<number> {
  const started = performance.now();
  const out = createOutput(io.stdout);
  const ledgerFile = ledgerArg === undefined ? undefined : path.resolve(io.cwd, ledgerArg);
  const merged = await mergeShards(path.resolve(io.cwd, dirArg), (text) => out.write(text), ledgerFile);
  out.flush();
  err(
    io,
    `kb: merged ${merged.manifests.length} shard(s): ${merged.cases} case(s) in ${((performance.now() - started) / 1000).toFixed(2)} s` +
      `${merged.skipped ? `; ${merged.skipped} bad record(s) skipped` : ''}; redacted: ${describeRedactions(merged.redactions)}${ledgerFile ? `; ledger written to ${ledgerArg}` : ''}`,
  );
  return 0;
}
