// The linking of one case and of a batch of JSON Lines records, and the pool of worker threads that links large
// inputs: a worker runs this same module, loads the index once and links the batches it is sent.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  ledgerEntry,
  linkLine,
  loadIndex,
  parseJsonlLine,
  rank,
  type CaseIndex,
  type LinkedCase,
  type SupportCase,
  type SynonymTable,
} from '@nimbus/case-index';
import { addRedactionCounts, emptyRedactionCounts, type RedactionCounts } from '@nimbus/redact';
import { problemLine, warningLines } from '../case-input.ts';
import { learnFromLedger } from '../linked-cases.ts';
import { clip, evidenceText } from '../case-output.ts';

/** How one case is printed and recorded. */
export interface LinkSettings {
  top: number;
  /** The search vocabulary (content/vocabulary.yaml), compiled. */
  synonyms?: SynonymTable | undefined;
  format: 'text' | 'jsonl';
  ledger: boolean;
}

/** The output (contract line or table rows) and the ledger line of one case. */
export function linkCase(index: CaseIndex, supportCase: SupportCase, settings: LinkSettings): { out: string; ledger?: string } {
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
export interface BatchResult {
  id: number;
  out: string;
  ledger: string[];
  problems: string[];
  warnings: string[];
  redactions: RedactionCounts;
  cases: number;
}

/** Links a batch of numbered JSON Lines records (in a worker, or in the main thread for small inputs). */
export function linkBatch(index: CaseIndex, file: string, id: number, lines: ReadonlyArray<readonly [number, string | undefined]>, settings: LinkSettings): BatchResult {
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
export const BATCH_LINES = 256;
/** Inputs up to this many records are linked in the main thread: starting workers would cost more than it saves. */
export const SMALL_INPUT = 2_000;

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
export function startWorkers(count: number, workerInput: { indexFile?: string; indexJson?: string; linkedCases?: LinkedCase[] | undefined }, file: string, settings: LinkSettings) {
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
