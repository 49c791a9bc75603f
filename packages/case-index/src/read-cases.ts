import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { capCase, cleanCase, parseCase, redactCase, type SupportCase } from './case.ts';
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
      /**
       * What was changed to keep the case, e.g. "`body`: 1048576 characters, cut to the first 100000" (see
       * `MAX_TEXT_FIELD_CHARS`); empty for most cases. Print them as warnings at `line`.
       */
      warnings: string[];
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
  /**
   * Longest record read, in bytes: a JSON Lines line, a CSV record, a Zendesk ticket. A longer one is reported and
   * skipped without being held in memory. Default 8 MiB.
   */
  maxLineBytes?: number;
}

/** The format a file name implies. */
export function caseFormatFromPath(file: string): CaseFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return 'zendesk';
  return 'jsonl';
}

/** `fields[name]` for own keys only: a field called `constructor` must not find `Object.prototype.constructor`. */
function own(fields: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * A raw record → a case item (cleaned of control characters, redacted, oversize fields cut with a warning) or a problem.
 * Cleaning comes before redaction so `jane\u0000.doe@example.com` cannot slip past it; cutting comes after, so a cut
 * never leaves the first half of a secret behind.
 */
function validated(raw: unknown, line: number, unit: 'line' | 'ticket', fieldNames?: Record<string, string>): CaseReadItem {
  // Name fields the way the file does (`description` in a Zendesk export, not `body`).
  const named = (message: string) => (fieldNames ? message.replace(/`(\w+)`/g, (whole, field: string) => `\`${own(fieldNames, field) ?? field}\``) : message);
  const parsed = parseCase(raw);
  if ('error' in parsed) return { type: 'problem', line, unit, message: named(parsed.error) };
  const { case: redacted, counts } = redactCase(cleanCase(parsed.case));
  const { case: supportCase, warnings } = capCase(redacted);
  return { type: 'case', case: supportCase, line, unit, redactions: counts, warnings: warnings.map(named) };
}

/**
 * JSON.parse's message without the position (the line is reported beside it) and without the snippet of the record
 * V8 quotes (`"[AKIAIOSFOD"... is not valid JSON`): error output must not carry unredacted case text.
 */
function jsonErrorReason(error: unknown): string {
  return error instanceof Error
    ? error.message.replace(/ in JSON at position.*$/, '').replace(/, ".*"(?:\.\.\.)? is not valid JSON$/s, ', not valid JSON').replace(/\s+/g, ' ')
    : String(error);
}

/**
 * Raw control characters, which JSON does not allow (`"a<TAB>b"` inside a string, a stray NUL): escaped inside strings
 * and dropped outside them (tab, line feed and carriage return stay: there they are white space). One stray byte from a
 * pasted terminal log must not cost the whole record, let alone, in a Zendesk export, the tickets after it; the
 * characters are cleaned out of the fields afterwards anyway (`cleanText`).
 */
function escapeRawControls(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20) {
      if (!inString && (code === 9 || code === 10 || code === 13)) continue;
      out += text.slice(from, index) + (inString ? `\\u${code.toString(16).padStart(4, '0')}` : '');
      from = index + 1;
      escaped = false;
    } else if (inString) {
      if (escaped) escaped = false;
      else if (code === 92) escaped = true;
      else if (code === 34) inString = false;
    } else if (code === 34) {
      inString = true;
    }
  }
  return out + text.slice(from);
}

const RAW_CONTROL = /[\0-\x1f]/;

/** JSON.parse that tolerates raw control characters (see {@link escapeRawControls}) and never throws. */
function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    if (RAW_CONTROL.test(text)) {
      try {
        return { value: JSON.parse(escapeRawControls(text)) };
      } catch {
        // Broken beyond its control characters: report the first error.
      }
    }
    return { error: jsonErrorReason(error) };
  }
}

/**
 * The bytes of one record, up to `maxBytes`: past that it keeps nothing more and only remembers that it was too long,
 * so a huge record is never held in memory.
 */
class BoundedBytes {
  private parts: Buffer[] = [];
  size = 0;
  tooLong = false;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  add(piece: Buffer): void {
    if (this.tooLong || piece.length === 0) return;
    this.size += piece.length;
    if (this.size > this.maxBytes) {
      this.tooLong = true;
      this.parts = [];
    } else {
      this.parts.push(piece);
    }
  }

  text(): string {
    return Buffer.concat(this.parts, this.size).toString('utf8');
  }

  clear(): void {
    this.parts = [];
    this.size = 0;
    this.tooLong = false;
  }
}

/**
 * Splits a byte stream into numbered lines without ever holding more than one line (up to `maxLineBytes`) in memory;
 * a longer line comes out as `text: undefined`.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<{ line: number; text: string | undefined }> {
  const record = new BoundedBytes(maxLineBytes);
  let line = 1;
  const finish = () => {
    const text = record.tooLong ? undefined : record.text().replace(/\r$/, '');
    record.clear();
    return text;
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      record.add(buffer.subarray(start, newline));
      yield { line, text: finish() };
      line++;
      start = newline + 1;
    }
    record.add(buffer.subarray(start));
  }
  if (record.size > 0 || record.tooLong) yield { line, text: finish() };
}

const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One JSON Lines record: a redacted case, a problem, or `undefined` for a blank line. `text: undefined` stands for a
 * line longer than `maxLineBytes` (see {@link readLines}).
 */
export function parseJsonlLine(text: string | undefined, line: number, maxLineBytes = DEFAULT_MAX_LINE_BYTES): CaseReadItem | undefined {
  if (text === undefined) return { type: 'problem', line, unit: 'line', message: `record longer than ${maxLineBytes} bytes, skipped` };
  const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
  if (trimmed === '') return undefined;
  const parsed = parseJson(trimmed);
  if ('error' in parsed) return { type: 'problem', line, unit: 'line', message: `invalid JSON (${parsed.error})` };
  return validated(parsed.value, line, 'line');
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

/** A UTF-8 byte order mark. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes of a stream without a leading byte order mark, even one split across chunks. */
async function* withoutBom(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (head === undefined) {
      yield buffer;
      continue;
    }
    head = head.length === 0 ? buffer : Buffer.concat([head, buffer]);
    if (head.length < BOM.length && BOM.subarray(0, head.length).equals(head)) continue;
    yield head.subarray(head.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0);
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield head;
}

// CSV quoting states, shared by the record splitter (bytes) and the field splitter (characters) so they always agree.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** In a quoted field, just after a quote: the closing one, or the first of `""`. */
const QUOTE_SEEN = 3;
const COMMA = 0x2c;

/** What {@link csvRecords} finds in a CSV file. */
type CsvPiece =
  | { kind: 'record'; line: number; text: string }
  /** A record longer than the limit (not held), or a quoted field the file ends inside. */
  | { kind: 'too-long' | 'unclosed'; line: number; endLine: number };

/**
 * Splits CSV bytes into records (text without the line break, a final `\r` dropped) numbered by the line they start
 * on, holding at most `maxBytes` of one record: a longer one (a megabyte paste, or an unclosed quote that would
 * swallow the rest of a 1 GB file) is dropped as it goes and reported with the lines it covers. Blank lines are
 * skipped. Inside quoted fields the scan jumps from quote to quote with `indexOf`.
 */
async function* csvRecords(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<CsvPiece> {
  let state = FIELD_START;
  let line = 1;
  let recordLine = 1;
  const record = new BoundedBytes(maxBytes);
  let endsWithNewline = false;
  const keep = (piece: Buffer) => record.add(piece);
  const finish = (endLine: number): CsvPiece | undefined => {
    const piece: CsvPiece | undefined = record.tooLong
      ? { kind: 'too-long', line: recordLine, endLine }
      : record.size === 0
        ? undefined
        : { kind: 'record', line: recordLine, text: record.text().replace(/\r$/, '') };
    record.clear();
    return piece?.kind === 'record' && piece.text === '' ? undefined : piece;
  };
  for await (const buffer of stream) {
    const length = buffer.length;
    if (length > 0) endsWithNewline = buffer[length - 1] === 0x0a;
    let from = 0;
    let nextNewline = -2;
    for (let index = 0; index < length; ) {
      if (state === QUOTED) {
        const quote = buffer.indexOf(QUOTE, index);
        const stop = quote === -1 ? length : quote;
        if (nextNewline !== -1 && nextNewline < index) nextNewline = buffer.indexOf(0x0a, index);
        while (nextNewline !== -1 && nextNewline < stop) {
          line++;
          nextNewline = buffer.indexOf(0x0a, nextNewline + 1);
        }
        if (quote === -1) break;
        state = QUOTE_SEEN;
        index = quote + 1;
        continue;
      }
      const byte = buffer[index]!;
      if (byte === 0x0a) {
        line++;
        keep(buffer.subarray(from, index));
        const piece = finish(line - 1);
        if (piece) yield piece;
        state = FIELD_START;
        from = index + 1;
        recordLine = line;
      } else if (state === UNQUOTED) {
        if (byte === COMMA) state = FIELD_START;
      } else if (byte === QUOTE) {
        // A quote opens a field (FIELD_START) or, right after a closing one, stands for itself (QUOTE_SEEN).
        state = QUOTED;
      } else {
        state = byte === COMMA ? FIELD_START : UNQUOTED;
      }
      index++;
    }
    keep(buffer.subarray(from));
  }
  const endLine = endsWithNewline ? line - 1 : line;
  if (state === QUOTED) {
    record.clear();
    yield { kind: 'unclosed', line: recordLine, endLine };
    return;
  }
  const piece = finish(endLine);
  if (piece) yield piece;
}

/**
 * The fields of one CSV record (RFC 4180: `,` between fields, `"…"` around a field holding `,`, `"` or a line break,
 * `""` for a quote inside it). Lenient where exports are sloppy and a strict parser would lose the record: a quote
 * inside an unquoted field (`5" disk`) is kept as a character, and text after a closing quote (`"a"b`) is kept too.
 */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let state = FIELD_START;
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (state === QUOTED) {
      if (code === QUOTE) {
        field += text.slice(from, index);
        state = QUOTE_SEEN;
      }
    } else if (code === COMMA) {
      fields.push(state === UNQUOTED ? field + text.slice(from, index) : field);
      field = '';
      state = FIELD_START;
    } else if (state === FIELD_START) {
      state = code === QUOTE ? QUOTED : UNQUOTED;
      from = code === QUOTE ? index + 1 : index;
    } else if (state === QUOTE_SEEN) {
      if (code === QUOTE) field += '"';
      state = code === QUOTE ? QUOTED : UNQUOTED;
      from = code === QUOTE ? index + 1 : index;
    }
  }
  fields.push(state === UNQUOTED || state === QUOTED ? field + text.slice(from) : field);
  return fields;
}

/**
 * Reads CSV cases (header row first; column names as in contract 4, snake_case and common synonyms accepted; `,`
 * between fields, CRLF or LF line breaks, mixed too).
 *
 * Every case and problem carries the line its record starts on. A record with another number of fields than the
 * header is reported; so is a record longer than `maxLineBytes` (skipped without being held) and a quoted field that
 * is never closed, with the lines they cover: those lines are named, not lost in silence. Invalid UTF-8 reads as
 * U+FFFD. Only errors of the stream itself (a file that cannot be read) are thrown.
 */
export async function* readCsvCases(stream: AsyncIterable<Buffer | string>, options: ReadCasesOptions = {}): AsyncGenerator<CaseReadItem> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let columns: string[] | undefined;
  for await (const piece of csvRecords(withoutBom(stream), maxBytes)) {
    if (piece.kind !== 'record') {
      const reason = piece.kind === 'too-long' ? `record longer than ${maxBytes} bytes` : 'a quoted field is not closed: the file ends inside it';
      const span = piece.endLine > piece.line ? `; lines ${piece.line} to ${piece.endLine} skipped` : '';
      yield { type: 'problem', line: piece.line, unit: 'line', message: `invalid CSV record (${reason}${span})` };
      continue;
    }
    const fields = csvFields(piece.text);
    if (!columns) {
      columns = fields.map((name) => own(CSV_COLUMNS, name.toLowerCase().replace(/[^a-z]/g, '')) ?? `_${name}`);
      continue;
    }
    if (fields.length !== columns.length) {
      yield { type: 'problem', line: piece.line, unit: 'line', message: `invalid CSV record (expected ${columns.length} fields like the header, found ${fields.length})` };
      continue;
    }
    const raw: Record<string, unknown> = {};
    fields.forEach((value, index) => {
      const column = columns![index]!;
      if (column.startsWith('_')) return;
      if (column === 'linkedArticles' || column === 'tags') raw[column] = csvList(value);
      else if (column === 'comments') raw[column] = value.trim() === '' ? [] : [value];
      else raw[column] = value;
    });
    yield validated(raw, piece.line, 'line');
  }
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
    severity: priority ? (own(ZENDESK_PRIORITY, priority) ?? priority) : undefined,
    status: t.status,
    createdAt: t.created_at,
    resolvedAt: t.solved_at ?? undefined,
    tags: Array.isArray(t.tags) ? t.tags.filter((tag) => typeof tag === 'string') : undefined,
  };
}

/** A byte for a message: the character in backticks, or its hex value when it is not printable ASCII. */
function describeByte(byte: number): string {
  return byte > 0x20 && byte < 0x7f ? `\`${String.fromCharCode(byte)}\`` : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** What {@link zendeskTickets} finds in an export. */
type ZendeskPiece =
  /** One element of a `tickets` array, as text (`undefined`: longer than the limit, not held). */
  | { kind: 'ticket'; line: number; text: string | undefined }
  /** The export ends inside a ticket that starts on `line`. */
  | { kind: 'cut'; line: number }
  /** The export ends inside its top-level object, between tickets or after the array. */
  | { kind: 'unfinished'; line: number }
  /** Something other than a JSON object at the top level. */
  | { kind: 'not-export'; line: number; found: string }
  /** The export ended without a `tickets` array. */
  | { kind: 'no-tickets' };

/**
 * Splits a Zendesk export into the text of each ticket without parsing the rest: it follows strings and nesting byte by
 * byte (only ASCII bytes matter, and UTF-8 never uses them inside a multi-byte character), finds the `tickets` key of
 * each top-level object and cuts out every element of its array. Memory stays bounded by `maxBytes` per ticket; nesting
 * is a counter, never recursion; exports of several pages written one after the other (`{…}{…}`) are read in turn.
 */
async function* zendeskTickets(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ZendeskPiece> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Keys of a top-level object (depth 1): whether one is being read (and its text so far), the last one read, and
  // whether its value comes next.
  let inKey = false;
  let keyText = '';
  let key = '';
  let inValue = false;
  let inTickets = false;
  let sawTickets = false;
  // The ticket being cut out: whether it is a bare value (string, number…) rather than an object, and its bytes.
  let capturing = false;
  let scalar = false;
  let ticketLine = 0;
  const record = new BoundedBytes(maxBytes);
  const keep = (piece: Buffer) => record.add(piece);
  const finish = (): ZendeskPiece => {
    const text = record.tooLong ? undefined : record.text();
    capturing = false;
    record.clear();
    return { kind: 'ticket', line: ticketLine, text };
  };
  for await (const buffer of stream) {
    const length = buffer.length;
    // Lines are counted with `indexOf` up to where a number is needed, not byte by byte.
    let counted = 0;
    const lineAt = (index: number) => {
      for (let newline = buffer.indexOf(0x0a, counted); newline !== -1 && newline < index; newline = buffer.indexOf(0x0a, newline + 1)) line++;
      counted = Math.max(counted, index);
      return line;
    };
    let from = 0;
    let keyStart = 0;
    // Inside strings (most of an export) the scan jumps from quote to backslash with `indexOf`; -2: not looked up yet.
    let nextQuote = -2;
    let nextBackslash = -2;
    for (let index = 0; index < length; index++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        if (nextQuote !== -1 && nextQuote < index) nextQuote = buffer.indexOf(QUOTE, index);
        if (nextBackslash !== -1 && nextBackslash < index) nextBackslash = buffer.indexOf(BACKSLASH, index);
        if (nextBackslash !== -1 && (nextQuote === -1 || nextBackslash < nextQuote)) {
          index = nextBackslash;
          escaped = true;
          continue;
        }
        if (nextQuote === -1) break; // the string goes on in the next chunk
        index = nextQuote;
        inString = false;
        if (inKey) {
          inKey = false;
          key = index - keyStart + keyText.length <= 16 ? keyText + buffer.toString('latin1', keyStart, index) : '';
          keyText = '';
        } else if (capturing && scalar && depth === 2) {
          keep(buffer.subarray(from, index + 1));
          yield finish();
        }
        continue;
      }
      const byte = buffer[index]!;
      switch (byte) {
        case QUOTE:
          if (depth === 1 && !inValue) {
            inKey = true;
            keyStart = index + 1;
          } else if (depth === 2 && inTickets && !capturing) {
            capturing = true;
            scalar = true;
            ticketLine = lineAt(index);
            from = index;
          }
          inString = true;
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (capturing && scalar) {
            keep(buffer.subarray(from, index));
            yield finish();
          }
          if (depth === 0) {
            if (byte === 0x5b) {
              yield { kind: 'not-export', line: lineAt(index), found: '`[`' };
              return;
            }
            depth = 1;
            inValue = false;
            key = '';
          } else if (depth === 1 && inValue && key === 'tickets' && byte === 0x5b) {
            inTickets = true;
            sawTickets = true;
            depth = 2;
          } else {
            if (depth === 2 && inTickets && !capturing) {
              capturing = true;
              scalar = false;
              ticketLine = lineAt(index);
              from = index;
            }
            depth++;
          }
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (capturing && scalar) {
            keep(buffer.subarray(from, index));
            yield finish();
          }
          if (depth === 0) {
            yield { kind: 'not-export', line: lineAt(index), found: describeByte(byte) };
            return;
          }
          depth--;
          if (capturing && depth === 2) {
            keep(buffer.subarray(from, index + 1));
            yield finish();
          }
          if (depth === 1) inTickets = false;
          if (depth === 0) {
            // The top-level object is complete; another page may follow.
            inValue = false;
            key = '';
          }
          break;
        case 0x3a: // :
          if (depth === 1) inValue = true;
          break;
        case 0x2c: // ,
          if (capturing && scalar) {
            keep(buffer.subarray(from, index));
            yield finish();
          }
          if (depth === 1) {
            inValue = false;
            key = '';
          }
          break;
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          if (capturing && scalar) {
            keep(buffer.subarray(from, index));
            yield finish();
          }
          break;
        default:
          if (depth === 0) {
            yield { kind: 'not-export', line: lineAt(index), found: describeByte(byte) };
            return;
          }
          if (depth === 2 && inTickets && !capturing) {
            capturing = true;
            scalar = true;
            ticketLine = lineAt(index);
            from = index;
          }
      }
    }
    if (capturing) keep(buffer.subarray(from));
    if (inKey) {
      keyText += buffer.toString('latin1', keyStart, Math.min(length, keyStart + 17));
      keyStart = 0;
    }
    lineAt(length);
  }
  if (capturing && scalar && !inString) yield finish();
  if (capturing) yield { kind: 'cut', line: ticketLine };
  else if (depth > 0) yield { kind: 'unfinished', line };
  else if (!sawTickets) yield { kind: 'no-tickets' };
}

/**
 * Reads a Zendesk export `{"tickets":[…]}` one ticket at a time, so a 1 GB export stays in bounded memory.
 *
 * Each ticket is parsed on its own: a broken ticket is reported and the next one read. A cut export keeps every
 * complete ticket and reports the cut one with the line it starts on; a ticket longer than `maxLineBytes` is reported
 * and skipped. Invalid UTF-8 reads as U+FFFD; raw control characters are tolerated (see `escapeRawControls`). Only
 * errors of the stream itself are thrown.
 */
export async function* readZendeskCases(stream: AsyncIterable<Buffer | string>, options: ReadCasesOptions = {}): AsyncGenerator<CaseReadItem> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let ticket = 0;
  const problem = (message: string): CaseReadItem => ({ type: 'problem', line: ticket, unit: 'ticket', message });
  for await (const piece of zendeskTickets(withoutBom(stream), maxBytes)) {
    if (piece.kind === 'ticket') {
      ticket++;
      if (piece.text === undefined) {
        yield problem(`record longer than ${maxBytes} bytes, skipped`);
        continue;
      }
      const parsed = parseJson(piece.text);
      if ('error' in parsed) yield problem(`invalid JSON on line ${piece.line} (${parsed.error})`);
      else yield validated(zendeskTicketToCase(parsed.value), ticket, 'ticket', ZENDESK_FIELDS);
      continue;
    }
    ticket++;
    if (piece.kind === 'cut') yield problem(`invalid JSON, the export is cut off inside this ticket (line ${piece.line}); the tickets before it were read`);
    else if (piece.kind === 'unfinished') yield problem(`invalid JSON, the export is cut off on line ${piece.line}, after the last complete ticket; the tickets before it were read`);
    else if (piece.kind === 'not-export') yield problem(`invalid JSON, stopped reading (expected a Zendesk export {"tickets": […]}, found ${piece.found} on line ${piece.line})`);
    else yield problem('no `tickets` array: expected a Zendesk export {"tickets": […]}');
  }
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
