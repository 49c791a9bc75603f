// Zendesk ticket exports `{"tickets":[…]}`, read one ticket at a time.
import { DEFAULT_MAX_LINE_BYTES, own, parseJson, validated, type CaseReadItem, type ReadCasesOptions } from './case-record.ts';
import { BoundedBytes, withoutBom } from './read-bytes.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

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
