import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCases, readJsonlCases, type CaseReadItem } from '../src/read-cases.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/cases/${name}`, import.meta.url));
const expected = (name: string) => readFileSync(fixture(name), 'utf8').trim().split('\n');

/** One line per item, as the expected files list them. */
function describeItem(item: CaseReadItem): string {
  if (item.type === 'case') return `case ${item.case.id} ${item.unit} ${item.line}`;
  return `problem ${item.unit} ${item.line}: ${item.message}`;
}

async function collect(source: string, format?: 'jsonl' | 'csv' | 'zendesk') {
  const items: CaseReadItem[] = [];
  for await (const item of readCases(source, format ? { format } : {})) items.push(item);
  return items;
}

describe('readCases', () => {
  it('reads JSON Lines, reports bad lines by number and keeps going', async () => {
    const items = await collect(fixture('bad.jsonl'));
    expect(items.map(describeItem)).toEqual(expected('bad.expected.txt'));
    const numeric = items.find((item) => item.type === 'case' && item.case.id === '42');
    expect(numeric).toMatchObject({ case: { linkedArticles: ['compute/windows-update-error-0x80070005'], comments: ['fixed'] } });
  });

  it('redacts every case as it is read', async () => {
    const [first] = await collect(fixture('bad.jsonl'));
    expect(first).toMatchObject({ type: 'case', redactions: { email: 1 } });
    expect(JSON.stringify(first)).not.toContain('jane.doe@example.com');
  });

  it('reads CSV with a header row, quoted fields and multi-line bodies', async () => {
    const items = await collect(fixture('cases.csv'));
    expect(items.map(describeItem)).toEqual(expected('cases.expected.txt'));
    expect(items[0]).toMatchObject({ case: { subject: 'Quoted, subject', body: 'multi\nline body', severity: 'sev2', linkedArticles: ['compute/a', 'dns/b'] } });
    expect(JSON.stringify(items)).not.toContain('555');
  });

  it('reads a Zendesk export ticket by ticket and names Zendesk fields in problems', async () => {
    const items = await collect(fixture('zendesk.json'));
    expect(items.map(describeItem)).toEqual(expected('zendesk.expected.txt'));
    expect(items[0]).toMatchObject({ case: { id: '11', severity: 'sev1', status: 'open', createdAt: '2026-01-02T09:00:00Z', tags: ['compute'] } });
    expect(JSON.stringify(items)).not.toContain('1234 5678');
  });

  it('keeps the tickets before a truncated Zendesk export and reports where it stopped', async () => {
    const items = await collect(fixture('zendesk-truncated.json'));
    expect(items[0]).toMatchObject({ type: 'case', case: { id: '1' } });
    expect(items[1]).toMatchObject({ type: 'problem', unit: 'ticket', line: 2 });
    expect(items).toHaveLength(2);
  });

  it('skips a line longer than the limit without holding it', async () => {
    const long = `{"id":"x","subject":"s","body":"${'a'.repeat(5000)}"}`;
    const stream = Readable.from([`${long}\n{"id":"y","subject":"s","body":"b"}\n`]);
    const items: CaseReadItem[] = [];
    for await (const item of readJsonlCases(stream, { maxLineBytes: 1000 })) items.push(item);
    expect(items.map(describeItem)).toEqual(['problem line 1: record longer than 1000 bytes, skipped', 'case y line 2']);
  });
});

describe('readJsonlCases (property)', () => {
  it('never throws or hangs, and accounts for every non-empty line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.json(),
            fc.record({ id: fc.string(), subject: fc.string(), body: fc.string() }).map((value) => JSON.stringify(value)),
          ),
          { maxLength: 20 },
        ),
        fc.integer({ min: 1, max: 64 }),
        async (lines, chunkSize) => {
          const text = lines.map((line) => line.replace(/\n/g, ' ')).join('\n');
          const bytes = Buffer.from(text);
          const chunks: Buffer[] = [];
          for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize));
          const items: CaseReadItem[] = [];
          for await (const item of readJsonlCases(Readable.from(chunks))) items.push(item);
          const nonEmpty = text.split('\n').filter((line, index) => (index === 0 ? line.replace(/^\uFEFF/, '') : line).trim() !== '').length;
          expect(items).toHaveLength(nonEmpty);
        },
      ),
      { numRuns: 200 },
    );
  });
});
