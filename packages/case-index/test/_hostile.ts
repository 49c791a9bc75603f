// Shared by read-cases.test.ts and fuzz.test.ts: what every case a reader yields must satisfy, whatever it read.
import { expect } from 'vitest';
import { MAX_LINE_FIELD_CHARS, MAX_TEXT_FIELD_CHARS } from '../src/case.ts';
import type { CaseReadItem } from '../src/read-cases.ts';

/** What must never reach a stored or printed case: controls (but line breaks and tabs), bidi controls, a BOM, lone surrogates. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u;

/**
 * Every case of `items` is clean: no unsafe character in any field, no line break or tab in a one-line field, every
 * field within its cap, and every count a whole number. Problems carry a message and a positive line.
 */
export function expectClean(items: readonly CaseReadItem[]): void {
  for (const item of items) {
    expect(Number.isInteger(item.line) && item.line >= 1, `line ${item.line}`).toBe(true);
    if (item.type === 'problem') {
      expect(item.message).toMatch(/\S/);
      continue;
    }
    const { id, subject, body, product, area, severity, status, createdAt, resolvedAt, linkedArticles, comments, tags } = item.case;
    const oneLine = [id, subject, product, area, severity, status, createdAt, resolvedAt, ...linkedArticles, ...tags].filter((value) => value !== undefined);
    for (const value of oneLine) {
      expect(value, JSON.stringify(value)).not.toMatch(UNSAFE);
      expect(value.length).toBeLessThanOrEqual(MAX_LINE_FIELD_CHARS);
    }
    for (const value of [body, ...comments]) {
      expect(value.replace(/[\n\t]/g, ''), JSON.stringify(value.slice(0, 200))).not.toMatch(UNSAFE);
      expect(value.length).toBeLessThanOrEqual(MAX_TEXT_FIELD_CHARS);
    }
    for (const count of Object.values(item.redactions)) expect(Number.isInteger(count) && count >= 0).toBe(true);
    expect(Array.isArray(item.warnings)).toBe(true);
  }
}
