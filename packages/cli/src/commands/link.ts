// `kb link`: every case of an export linked to the articles (and runbooks) that resolve it, as contract lines or a
// table, with the ledger written atomically; large JSON Lines inputs go to the worker pool of link-workers.ts.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { defineCommand } from 'citty';
import { caseFormatFromPath, openAtomicLineWriter, readLines } from '@nimbus/case-index';
import { addRedactionCounts, emptyRedactionCounts } from '@nimbus/redact';
import { openAtomicFile } from '@nimbus/atomic-file';
import { describeRedactions } from '@nimbus/redact';
import { caseFormat, goodCases, openCaseIndex, positiveInteger } from '../case-input.ts';
import { createOutput } from '../case-output.ts';
import { KbError, kbError, kbErrors } from '../error-catalog.ts';
import { err, ioOf, type KbIO } from '../io.ts';
import { aboveProgress, createProgress } from '../progress.ts';
import { loadVocabulary } from '../vocabulary.ts';
import { learnFromLedger, linkedCasesArg, loadLinkedCases } from '../linked-cases.ts';
import type { LinkedCase } from '@nimbus/case-index';
import { BATCH_LINES, linkBatch, linkCase, SMALL_INPUT, startWorkers, type BatchResult, type LinkSettings } from './link-workers.ts';
import { mergeShards, parseShard, rangeHash, shardFiles, shardRange, writeManifest } from './link-shard.ts';

/** CPU time of the whole process so far (every thread, start-up included): beside wall time, it tells a slow run on a busy machine from slow code. */
function cpuText(): string {
  const { user, system } = process.cpuUsage();
  return `CPU ${((user + system) / 1e6).toFixed(2)} s`;
}

/** What a shard's manifest records of the ledger it learned from: shards that learned from different ledgers rank differently. */
function linkedCasesDigest(linkedCases: readonly LinkedCase[] | undefined): string | null {
  return linkedCases && linkedCases.length > 0 ? createHash('sha256').update(JSON.stringify(linkedCases)).digest('hex').slice(0, 16) : null;
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
    if (missing || !args.articles || !args.cases) throw new KbError(kbErrors.CLIError, `Missing required argument: ${missing} (or --merge DIR)`);
    const casesArg = args.cases;
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    if (shard && !args['shard-dir']) throw new KbError(kbErrors.ConflictingOptions, '--shard needs --shard-dir, the folder the parts go to for `kb link --merge`');
    const progress = createProgress(ioOf(context), 'Linked cases');
    const io = aboveProgress(ioOf(context), progress);
    const format = args.format;
    if (format !== 'text' && format !== 'jsonl') throw kbError(kbErrors.InvalidOption, 'format', format, 'text or jsonl');
    const top = positiveInteger(args.top, 'top', format === 'jsonl' ? 10 : 3);
    const jobs = positiveInteger(args.jobs, 'jobs', Math.min(4, os.availableParallelism()));
    const casesFile = args.cases === '-' ? '-' : path.resolve(io.cwd, args.cases);
    const inputFormat = caseFormat(args['input-format']);
    const started = performance.now();
    const jsonl = (inputFormat ?? (casesArg === '-' ? 'jsonl' : caseFormatFromPath(casesArg))) === 'jsonl';
    if (shard && (!jsonl || casesArg === '-')) throw new KbError(kbErrors.ConflictingOptions, '--shard splits a JSON Lines file by byte ranges: give --cases a .jsonl file, not standard input, CSV or a Zendesk export');
    const range = shard ? await shardRange(casesFile, shard).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES') throw kbError(kbErrors.UnreadableCases, casesArg, error.code);
      throw error;
    }) : undefined;
    const opened = await openCaseIndex(io, { ...args, articles: args.articles });
    const linkedCases = await loadLinkedCases(io, args['linked-cases']);
    const index = learnFromLedger(opened.index, linkedCases);
    const indexSeconds = (performance.now() - started) / 1000;
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
      await out.drained();
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
                pool = startWorkers(jobs, index, casesArg, settings);
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
          if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw kbError(kbErrors.UnreadableCases, casesArg, code);
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
          await out.drained();
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
      await writeManifest(shardDir!, { kind: 'kb-link-shard', version: 1, shard: shard.index, of: shard.count, cases, indexKey: opened.key, settings: { top, format, ledger: settings.ledger, linked: linkedCasesDigest(linkedCases) }, totals });
      const seconds = (performance.now() - started) / 1000;
      err(
        io,
        `kb: shard ${shard.index}/${shard.count} (bytes ${range.start}–${range.end}, from line ${range.firstLine}): linked ${totals.cases} case(s) in ${seconds.toFixed(2)} s` +
          ` (${Math.round(totals.cases / seconds)} cases/s; ${cpuText()}; index ready after ${indexSeconds.toFixed(2)} s)${totals.skipped ? `; ${totals.skipped} bad record(s) skipped` : ''}; written to ${args['shard-dir']}`,
      );
      return 0;
    }
    const seconds = (performance.now() - started) / 1000;
    err(
      io,
      `kb: linked ${totals.cases} case(s) against ${index.docs.length} document(s) in ${seconds.toFixed(2)} s (${cpuText()})` +
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
  const merged = await mergeShards(
    path.resolve(io.cwd, dirArg),
    (text) => {
      out.write(text);
      return out.drained();
    },
    ledgerFile,
  );
  out.flush();
  err(
    io,
    `kb: merged ${merged.manifests.length} shard(s): ${merged.cases} case(s) in ${((performance.now() - started) / 1000).toFixed(2)} s (${cpuText()})` +
      `${merged.skipped ? `; ${merged.skipped} bad record(s) skipped` : ''}; redacted: ${describeRedactions(merged.redactions)}${ledgerFile ? `; ledger written to ${ledgerArg}` : ''}`,
  );
  return 0;
}
