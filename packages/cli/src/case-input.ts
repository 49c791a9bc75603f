// Case input shared by `kb link`, `kb suggest` and `kb report`: the index they rank against, their common
// options, and the cases of an export with bad records reported as `kb check` prints positions.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultCacheDir,
  openIndex,
  readCases,
  type CaseFormat,
  type CaseReadItem,
  type IndexDocument,
  type OpenedIndex,
} from '@nimbus/case-index';
import { addRedactionCounts, type RedactionCounts } from '@nimbus/redact';
import { KbError, kbError, kbErrors } from './error-catalog.ts';
import { err, type KbIO } from './io.ts';

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
  if (!(await stat(articles).catch(() => undefined))?.isDirectory()) throw new KbError(kbErrors.NotFound, `Expected a folder of articles at ${args.articles}`);
  const runbooks = args.runbooks ? path.resolve(io.cwd, args.runbooks) : undefined;
  if (runbooks && !(await stat(runbooks).catch(() => undefined))?.isDirectory()) throw new KbError(kbErrors.NotFound, `Expected a folder of runbooks at ${args.runbooks}`);
  const opened = await openIndex(articles, { cacheDir, extraDocuments, ...(runbooks ? { runbooksDir: runbooks } : {}) });
  if (opened.index.docs.length === 0) throw new KbError(kbErrors.NotFound, `No articles found under ${args.articles} (expected .md or .mdx files)`);
  if (opened.skipped.length > 0) {
    err(io, `kb: ${opened.skipped.length} article(s) under ${args.articles} are invalid and were not indexed; run \`kb check\` for details`);
  }
  return opened;
}

/** A positive integer option. */
export function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new KbError(kbErrors.InvalidOption, `Expected --${name} to be a positive whole number, got \`${value}\``);
  return number;
}

/** The `--input-format` option, checked. */
export function caseFormat(value: string | undefined): CaseFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'jsonl' || value === 'csv' || value === 'zendesk') return value;
  throw kbError(kbErrors.InvalidOption, 'input-format', value, 'jsonl, csv or zendesk');
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
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw kbError(kbErrors.UnreadableCases, file, code);
    throw error;
  }
}
