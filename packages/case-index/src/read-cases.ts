import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { parser as jsonParser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { parseCase, redactCase, type SupportCase } from './case.ts';
import type { RedactionCounts } from './redact.ts';

/** Case export formats: JSON Lines (contract 4), CSV with a header row, Zendesk ticket export JSON. */
export type CaseFormat = 'jsonl' | 'csv' | 'zendesk';

/** One item read from a case export: a redacted case, or a problem with a record that was skipped. */
export type CaseReadItem =
  | {
      type: 'case';
      case: SupportCase;
      /** 1-based line of the record (CSV: its first line; Zendesk: 1-based ticket number). */
      line: number;
      /** `line` or `ticket`: what the number counts. */
      unit: 'line' | 'ticket';
      /** What was redacted from this case. */
      redactions: RedactionCounts;
    }
  | {
      type: 'problem';
      /** 1-based line of the bad record, or the ticket number for Zendesk exports. */
      line: number;
      /** `line` or `ticket`: what the number counts. */
      unit: 'line' | 'ticket';
      message: string;
    };

/** Options of {@link readCases}. */
export interface ReadCasesOptions {
  /** Input format. Default: from the file extension (`.csv` → csv, `.json` → zendesk, else jsonl). */
  format?: CaseFormat;
  /** Longest JSON Lines record read, in bytes; a longer line is reported and skipped without being held in memory. Default 8 MiB. */
  maxLineBytes?: number;
}

/** The format a file name implies. */
export function caseFormatFromPath(file: string): CaseFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return 'zendesk';
  return 'jsonl';
}

function validated(raw: unknown, line: number, unit: 'line' | 'ticket', fieldNames?: Record<string, string>): CaseReadItem {
  const parsed = parseCase(raw);
  if ('error' in parsed) {
    // Name fields the way the file does (`description` in a Zendesk export, not `body`).
    const message = fieldNames ? parsed.error.replace(/`(\w+)`/g, (whole, field: string) => `\`${fieldNames[field] ?? field}\``) : parsed.error;
    return { type: 'problem', line, unit, message };
  }
  const { case: supportCase, counts } = redactCase(parsed.case);
  return { type: 'case', case: supportCase, line, unit, redactions: counts };
}

/**
 * Splits a byte stream into numbered lines without ever holding more than one line (up to `maxLineBytes`) in memory;
 * a longer line comes out as `text: undefined`.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<{ line: number; text: string | undefined }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 1;
  const finish = () => {
    const text = tooLong ? undefined : Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
    parts = [];
    size = 0;
    tooLong = false;
    return text;
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      if (!tooLong) {
        parts.push(buffer.subarray(start, newline));
        size += newline - start;
        if (size > maxLineBytes) tooLong = true;
      }
      yield { line, text: finish() };
      line++;
      start = newline + 1;
    }
    if (start < buffer.length && !tooLong) {
      parts.push(buffer.subarray(start));
      size += buffer.length - start;
      if (size > maxLineBytes) {
        tooLong = true;
        parts = [];
      }
    }
  }
  if (size > 0 || tooLong) yield { line, text: finish() };
}

const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * One JSON Lines record: a redacted case, a problem, or `undefined` for a blank line. `text: undefined` stands for a
 * line longer than `maxLineBytes` (see {@link readLines}).
 */
export function parseJsonlLine(text: string | undefined, line: number, maxLineBytes = DEFAULT_MAX_LINE_BYTES): CaseReadItem | undefined {
  if (text === undefined) return { type: 'problem', line, unit: 'line', message: `record longer than ${maxLineBytes} bytes, skipped` };
  const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
  if (trimmed === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/ in JSON at position.*$/, '').replace(/\s+/g, ' ') : String(error);
    return { type: 'problem', line, unit: 'line', message: `invalid JSON (${reason})` };
  }
  return validated(raw, line, 'line');
}

/** Reads JSON Lines cases from a stream. */
export async function* readJsonlCases(stream: AsyncIterable<Buffer | string>, options: ReadCasesOptions = {}): AsyncGenerator<CaseReadItem> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  for await (const { line, text } of readLines(stream, maxLineBytes)) {
    const item = parseJsonlLine(text, line, maxLineBytes);
    if (item) yield item;
  }
}

const CSV_COLUMNS: Record<string, string> = {
  id: 'id', caseid: 'id', ticketid: 'id', number: 'id',
  subject: 'subject', title: 'subject', summary: 'subject',
  body: 'body', description: 'body', text: 'body',
  product: 'product', area: 'area', severity: 'severity', priority: 'severity', status: 'status',
  createdat: 'createdAt', created: 'createdAt', opened: 'createdAt', openedat: 'createdAt',
  resolvedat: 'resolvedAt', resolved: 'resolvedAt', closedat: 'resolvedAt', solvedat: 'resolvedAt',
  linkedarticles: 'linkedArticles', articles: 'linkedArticles', comments: 'comments', tags: 'tags',
};

/** Splits a CSV cell holding a list: a JSON array, or items separated by `;`, `|`, `,` or white space. */
function csvList(cell: string): string[] {
  const trimmed = cell.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: split it like any other list.
    }
  }
  return trimmed.split(/[;|,\s]+/).filter(Boolean);
}

/** Reads CSV cases (header row first; column names as in contract 4, snake_case and common synonyms accepted). */
export async function* readCsvCases(stream: Readable): AsyncGenerator<CaseReadItem> {
  const problems: CaseReadItem[] = [];
  const csv = parseCsv({
    bom: true,
    columns: (header: string[]) => header.map((name) => CSV_COLUMNS[name.toLowerCase().replace(/[^a-z]/g, '')] ?? `_${name}`),
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  csv.on('skip', (error: Error & { lines?: number; code?: string; record?: unknown[] }) => {
    const reason =
      error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && Array.isArray(error.record)
        ? `expected ${error.message.match(/columns length is (\d+)/)?.[1] ?? 'as many'} fields like the header, found ${error.record.length}`
        : error.message.replace(/ (?:on|at) line \d+.*$/, '');
    problems.push({ type: 'problem', line: error.lines ?? 0, unit: 'line', message: `invalid CSV record (${reason})` });
  });
  stream.on('error', (error) => csv.destroy(error));
  stream.pipe(csv);
  for await (const { record, info } of csv as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const raw: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(record)) {
      if (column.startsWith('_')) continue;
      if (column === 'linkedArticles' || column === 'tags') raw[column] = csvList(value);
      else if (column === 'comments') raw[column] = value.trim() === '' ? [] : [value];
      else raw[column] = value;
    }
    // A record ends on `info.lines`; report where it starts, where an editor would put the cursor.
    const newlines = Object.values(record).reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlines;
    // The parser reports skipped records as it reads ahead; give them back in file order.
    while (problems.length > 0 && problems[0]!.line < line) yield problems.shift()!;
    yield validated(raw, line, 'line');
  }
  while (problems.length > 0) yield problems.shift()!;
}

const ZENDESK_FIELDS: Record<string, string> = { body: 'description', severity: 'priority', createdAt: 'created_at', resolvedAt: 'solved_at' };
const ZENDESK_PRIORITY: Record<string, string> = { urgent: 'sev1', high: 'sev2', normal: 'sev3', low: 'sev4' };

/** Maps one Zendesk ticket to a case record (fields of contract 4). */
export function zendeskTicketToCase(ticket: unknown): unknown {
  if (ticket === null || typeof ticket !== 'object' || Array.isArray(ticket)) return ticket;
  const t = ticket as Record<string, unknown>;
  const priority = typeof t.priority === 'string' ? t.priority.toLowerCase() : undefined;
  return {
    id: t.id,
    subject: t.subject ?? (typeof t.raw_subject === 'string' ? t.raw_subject : undefined),
    body: t.description,
    severity: priority ? (ZENDESK_PRIORITY[priority] ?? priority) : undefined,
    status: t.status,
    createdAt: t.created_at,
    resolvedAt: t.solved_at ?? undefined,
    tags: Array.isArray(t.tags) ? t.tags.filter((tag) => typeof tag === 'string') : undefined,
  };
}

/** Reads a Zendesk export `{"tickets":[…]}` one ticket at a time, so a 1 GB export stays in bounded memory. */
export async function* readZendeskCases(stream: Readable): AsyncGenerator<CaseReadItem> {
  const parserStream = jsonParser.asStream();
  const pickStream = pick.asStream({ filter: 'tickets' });
  const pipeline = streamArray.asStream();
  // `pipe` does not forward errors: send every stage's error to the stream being read, so the loop below sees it.
  for (const stage of [stream, parserStream, pickStream]) stage.on('error', (error: Error) => pipeline.destroy(error));
  stream.pipe(parserStream).pipe(pickStream).pipe(pipeline);
  let ticket = 0;
  try {
    for await (const { key, value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      ticket = key + 1;
      yield validated(zendeskTicketToCase(value), ticket, 'ticket', ZENDESK_FIELDS);
    }
  } catch (error) {
    // Broken JSON ends the stream: everything before it was read; say where it stopped.
    const reason = error instanceof Error ? error.message : String(error);
    yield { type: 'problem', line: ticket + 1, unit: 'ticket', message: `invalid JSON, stopped reading (${reason})` };
  }
}

/**
 * Reads cases from a file path or a stream in any supported format; every case comes out redacted. A stream is read
 * as JSON Lines unless `options.format` says otherwise.
 */
export async function* readCases(source: string | Readable, options: ReadCasesOptions = {}): AsyncGenerator<CaseReadItem> {
  const format = options.format ?? (typeof source === 'string' ? caseFormatFromPath(source) : 'jsonl');
  const stream: Readable = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 16 }) : source;
  if (format === 'csv') yield* readCsvCases(stream);
  else if (format === 'zendesk') yield* readZendeskCases(stream);
  else yield* readJsonlCases(stream, options);
}
