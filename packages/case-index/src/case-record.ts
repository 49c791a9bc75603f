// What every case reader yields, and the steps they share: a raw record to a redacted case or a problem, and
// JSON.parse that never throws and never quotes case text in its message.
import { capCase, cleanCase, parseCase, redactCase, type SupportCase } from './case.ts';
import type { RedactionCounts } from '@nimbus/redact';

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

/** The longest record read by default: 8 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

/** `fields[name]` for own keys only: a field called `constructor` must not find `Object.prototype.constructor`. */
export function own(fields: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * A raw record → a case item (cleaned of control characters, redacted, oversize fields cut with a warning) or a problem.
 * Cleaning comes before redaction so `jane\u0000.doe@example.com` cannot slip past it; cutting comes after, so a cut
 * never leaves the first half of a secret behind.
 */
export function validated(raw: unknown, line: number, unit: 'line' | 'ticket', fieldNames?: Record<string, string>): CaseReadItem {
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
export function parseJson(text: string): { value: unknown } | { error: string } {
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
