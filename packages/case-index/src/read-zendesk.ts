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

/** The ticket being cut out of the export: where it starts, whether it is a bare value (string, number…), its bytes. */
class TicketCapture {
  active = false;
  scalar = false;
  line = 0;
  /** Where the ticket starts in the current chunk (0 in the chunks after its first). */
  private from = 0;
  private readonly record: BoundedBytes;

  constructor(maxBytes: number) {
    this.record = new BoundedBytes(maxBytes);
  }

  /** Whether a bare value is being cut out: white space, `,` or a bracket ends it. */
  get scalarOpen(): boolean {
    return this.active && this.scalar;
  }

  /** Starts a ticket at byte `from` of the current chunk, on `line`. */
  start(line: number, scalar: boolean, from: number): void {
    this.active = true;
    this.scalar = scalar;
    this.line = line;
    this.from = from;
  }

  /** The ticket, ending before byte `end` of `buffer` (without a buffer: with what was kept so far). */
  finish(buffer?: Buffer, end?: number): ZendeskPiece {
    if (buffer) this.record.add(buffer.subarray(this.from, end));
    const text = this.record.tooLong ? undefined : this.record.text();
    this.active = false;
    this.record.clear();
    return { kind: 'ticket', line: this.line, text };
  }

  /** Keeps the rest of the chunk: the ticket goes on in the next one. */
  carry(buffer: Buffer): void {
    if (this.active) this.record.add(buffer.subarray(this.from));
    this.from = 0;
  }
}

/** The keys of a top-level object (depth 1): the one being read, the last one read, and whether its value comes next. */
class TopLevelKey {
  reading = false;
  last = '';
  inValue = false;
  /** The key's text from earlier chunks (at most 17 bytes: longer keys are never `tickets`), and its start in this one. */
  private text = '';
  private start = 0;

  /** A key starts at byte `start` of the current chunk. */
  open(start: number): void {
    this.reading = true;
    this.start = start;
  }

  /** The key ends before byte `end`. */
  close(buffer: Buffer, end: number): void {
    this.reading = false;
    this.last = end - this.start + this.text.length <= 16 ? this.text + buffer.toString('latin1', this.start, end) : '';
    this.text = '';
  }

  /** Keeps the start of a key the chunk ends inside. */
  carry(buffer: Buffer): void {
    if (this.reading) this.text += buffer.toString('latin1', this.start, Math.min(buffer.length, this.start + 17));
    this.start = 0;
  }

  /** A new member of the top-level object begins (after `,`, or a new object). */
  reset(): void {
    this.inValue = false;
    this.last = '';
  }
}

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
  let inTickets = false;
  let sawTickets = false;
  const key = new TopLevelKey();
  const ticket = new TicketCapture(maxBytes);
  for await (const buffer of stream) {
    const length = buffer.length;
    // Lines are counted with `indexOf` up to where a number is needed, not byte by byte.
    let counted = 0;
    const lineAt = (index: number) => {
      for (let newline = buffer.indexOf(0x0a, counted); newline !== -1 && newline < index; newline = buffer.indexOf(0x0a, newline + 1)) line++;
      counted = Math.max(counted, index);
      return line;
    };
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
        if (key.reading) key.close(buffer, index);
        else if (ticket.scalarOpen && depth === 2) yield ticket.finish(buffer, index + 1);
        continue;
      }
      const byte = buffer[index]!;
      switch (byte) {
        case QUOTE:
          if (depth === 1 && !key.inValue) key.open(index + 1);
          else if (depth === 2 && inTickets && !ticket.active) ticket.start(lineAt(index), true, index);
          inString = true;
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (ticket.scalarOpen) yield ticket.finish(buffer, index);
          if (depth === 0) {
            if (byte === 0x5b) {
              yield { kind: 'not-export', line: lineAt(index), found: '`[`' };
              return;
            }
            depth = 1;
            key.reset();
          } else if (depth === 1 && key.inValue && key.last === 'tickets' && byte === 0x5b) {
            inTickets = true;
            sawTickets = true;
            depth = 2;
          } else {
            if (depth === 2 && inTickets && !ticket.active) ticket.start(lineAt(index), false, index);
            depth++;
          }
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (ticket.scalarOpen) yield ticket.finish(buffer, index);
          if (depth === 0) {
            yield { kind: 'not-export', line: lineAt(index), found: describeByte(byte) };
            return;
          }
          depth--;
          if (ticket.active && depth === 2) yield ticket.finish(buffer, index + 1);
          if (depth === 1) inTickets = false;
          // The top-level object is complete; another page may follow.
          if (depth === 0) key.reset();
          break;
        case 0x3a: // :
          if (depth === 1) key.inValue = true;
          break;
        case 0x2c: // ,
          if (ticket.scalarOpen) yield ticket.finish(buffer, index);
          if (depth === 1) key.reset();
          break;
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          if (ticket.scalarOpen) yield ticket.finish(buffer, index);
          break;
        default:
          if (depth === 0) {
            yield { kind: 'not-export', line: lineAt(index), found: describeByte(byte) };
            return;
          }
          if (depth === 2 && inTickets && !ticket.active) ticket.start(lineAt(index), true, index);
      }
    }
    ticket.carry(buffer);
    key.carry(buffer);
    lineAt(length);
  }
  if (ticket.scalarOpen && !inString) yield ticket.finish();
  if (ticket.active) yield { kind: 'cut', line: ticket.line };
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
