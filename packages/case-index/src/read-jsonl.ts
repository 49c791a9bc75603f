// JSON Lines case exports (contract 4): one record per line.
import { DEFAULT_MAX_LINE_BYTES, parseJson, validated, type CaseReadItem, type ReadCasesOptions } from './case-record.ts';
import { readLines } from './read-bytes.ts';

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
