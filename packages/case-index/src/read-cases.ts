// The case readers: one entry point for the three export formats; each format has a module of its own.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { CaseFormat, CaseReadItem, ReadCasesOptions } from './case-record.ts';
import { readCsvCases } from './read-csv.ts';
import { readJsonlCases } from './read-jsonl.ts';
import { readZendeskCases } from './read-zendesk.ts';

export type { CaseFormat, CaseReadItem, ReadCasesOptions } from './case-record.ts';
export { readLines } from './read-bytes.ts';
export { readCsvCases } from './read-csv.ts';
export { parseJsonlLine, readJsonlCases } from './read-jsonl.ts';
export { readZendeskCases, zendeskTicketToCase } from './read-zendesk.ts';

/** The format a file name implies. */
export function caseFormatFromPath(file: string): CaseFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return 'zendesk';
  return 'jsonl';
}

/**
 * Reads cases from a file path or a stream in any supported format; every case comes out redacted. A stream is read
 * as JSON Lines unless `options.format` says otherwise.
 */
export async function* readCases(source: string | Readable, options: ReadCasesOptions = {}): AsyncGenerator<CaseReadItem> {
  const format = options.format ?? (typeof source === 'string' ? caseFormatFromPath(source) : 'jsonl');
  const stream: Readable = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 16 }) : source;
  if (format === 'csv') yield* readCsvCases(stream, options);
  else if (format === 'zendesk') yield* readZendeskCases(stream, options);
  else yield* readJsonlCases(stream, options);
}
