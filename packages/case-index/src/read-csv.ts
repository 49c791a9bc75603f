// CSV case exports with a header row: column names mapped to the fields of contract 4, one record at a time.
import { DEFAULT_MAX_LINE_BYTES, own, validated, type CaseReadItem, type ReadCasesOptions } from './case-record.ts';
import { BoundedBytes, withoutBom } from './read-bytes.ts';

const QUOTE = 0x22;

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
