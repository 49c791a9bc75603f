import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINE_FIELD_CHARS, MAX_TEXT_FIELD_CHARS } from '../src/case.ts';
import { parseJsonlLine, readCases, readCsvCases, readJsonlCases, readZendeskCases, type CaseFormat, type CaseReadItem, type ReadCasesOptions } from '../src/read-cases.ts';
import { expectClean } from './_hostile.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/cases/${name}`, import.meta.url));
const expected = (name: string) => readFileSync(fixture(name), 'utf8').trim().split('\n');

/** One line per item, as the expected files list them. */
function describeItem(item: CaseReadItem): string {
  if (item.type === 'case') return `case ${item.case.id} ${item.unit} ${item.line}`;
  return `problem ${item.unit} ${item.line}: ${item.message}`;
}

async function collect(source: string | Readable, format?: CaseFormat, options: ReadCasesOptions = {}) {
  const items: CaseReadItem[] = [];
  for await (const item of readCases(source, format ? { ...options, format } : options)) items.push(item);
  return items;
}

/** The cases of `items`, by id. */
function casesById(items: CaseReadItem[]) {
  return new Map(items.flatMap((item) => (item.type === 'case' ? [[item.case.id, item] as const] : [])));
}

/** `bytes` as a stream of chunks of `size` bytes: records, strings and UTF-8 characters split across chunks. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return Readable.from(chunks);
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

describe('problems of malformed records', () => {
  it('never quote the record: V8 puts a snippet of it in JSON errors, which may hold a secret', () => {
    for (const line of ['[AKIAIOSFODNN7EXAMPLE is the key', '{"id":"1","subject":"password=hunter2-secret" oops', 'jane.doe@example.com']) {
      const item = parseJsonlLine(line, 7);
      expect(item?.type).toBe('problem');
      const message = item?.type === 'problem' ? item.message : '';
      for (const piece of ['AKIAIOSFOD', 'hunter2', 'jane.doe', 'example.com']) expect(message).not.toContain(piece);
    }
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

describe('readCases with hostile input', () => {
  // What a reader does with each class of hostile input (see "Hostile input" in the package README):
  // control characters are removed (line breaks and tabs kept in bodies, spaces in one-line fields), lone surrogates and
  // invalid UTF-8 become U+FFFD, HTML/Markdown/MDX stay text, oversize fields are cut with a warning, a cut export keeps
  // its complete records and reports the cut one, and nothing is thrown except for a file that cannot be read.
  const temp = mkdtempSync(path.join(tmpdir(), 'case-index-hostile-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('JSON Lines: cleans control characters, replaces invalid UTF-8, keeps HTML and MDX, reports the cut last record', async () => {
    const items = await collect(fixture('hostile.jsonl'));
    expect(items.map(describeItem)).toEqual(expected('hostile.expected.txt'));
    expectClean(items);
    const byId = casesById(items);
    const source = JSON.parse(readFileSync(fixture('hostile.jsonl'), 'utf8').split('\n')[0]!) as { subject: string; body: string };
    // HTML, `<script>`, Markdown and MDX round-trip unchanged: escaping is the renderer's job.
    expect(byId.get('H-1')?.case).toMatchObject({ subject: source.subject, body: source.body });
    expect(byId.get('H-2')?.case).toMatchObject({
      subject: 'NUL BEL ESC[31mred[0m DEL C1 tab here next',
      body: 'tab\tkept\nline kept\nCRLF\nCR evil iso lone \ufffd \ufffd pair 😀 bom end',
      comments: ['cone'],
      tags: ['tag'],
    });
    expect(byId.get('H-3')?.case).toMatchObject({ subject: 'rawctrl', body: 'raw\ttab and [1mbold[0m' });
    expect(byId.get('H-4')?.case).toMatchObject({
      subject: 'caf\ufffd( \ufffd\ufffd overlong \ufffd\ufffd surrogate \ufffd\ufffd\ufffd',
      body: 'truncated sequence \ufffd',
    });
    expect(byId.get('H-7')).toMatchObject({ warnings: [] });
  });

  it('does not let control characters or a bidi override hide a secret from redaction', async () => {
    const items = await collect(fixture('hostile.jsonl'));
    const hidden = casesById(items).get('H-5')!;
    expect(hidden).toMatchObject({ case: { subject: 'mail [redacted:email]' }, redactions: { email: 1, 'access-key': 2 } });
    expect(JSON.stringify(items)).not.toMatch(/jane|doe@|example\.com|IOSF|ODNN7/);
  });

  it('CSV: cleans fields, replaces invalid UTF-8, keeps HTML and MDX, names the lines a broken quote swallows', async () => {
    const items = await collect(fixture('hostile.csv'));
    expect(items.map(describeItem)).toEqual(expected('hostile-csv.expected.txt'));
    expectClean(items);
    const byId = casesById(items);
    expect(byId.get('H-1')?.case).toMatchObject({
      subject: '<script>alert(1)</script>, <b>bold</b>',
      body: '**md** [x](javascript:alert(1)) "quoted" <Callout>{props.x}</Callout>\nimport X from \'./x.mdx\'',
      tags: ['mdx', 'html'],
    });
    expect(byId.get('H-2')?.case).toMatchObject({ subject: 'ctrl [31m', body: 'bidi  evil , C1 ', tags: ['tag'] });
    expect(byId.get('H-3')?.case).toMatchObject({ subject: 'caf\ufffd( \ufffd', body: 'bad utf-8 \ufffd\ufffd\ufffd' });
  });

  it('Zendesk: reads on after a broken ticket, cleans fields and reports the ticket the export is cut in', async () => {
    const items = await collect(fixture('hostile-zendesk.json'));
    expect(items.map(describeItem)).toEqual(expected('hostile-zendesk.expected.txt'));
    expectClean(items);
    const byId = casesById(items);
    expect(byId.get('1')?.case).toMatchObject({ subject: '<script>alert(1)</script> **md**', body: '<Callout>{props.secret}</Callout>\n# H', severity: 'sev1' });
    // Priorities named like members of Object.prototype are values, not lookups.
    expect(byId.get('2')?.case).toMatchObject({ subject: 'esc [31m evil', body: 'lone \ufffd raw tab\t ok', severity: 'constructor', tags: ['ab'] });
    expect(byId.get('3')?.case).toMatchObject({ subject: 'caf\ufffd( \ufffd' });
    expect(byId.get('6')?.case).toMatchObject({ severity: '__proto__' });
  });

  it('keeps a case with megabyte fields in every format, cut to the caps, with a warning per field', async () => {
    const mb = 1 << 20;
    const body = `${'log line, with "quotes", commas and ünïcödé\n'.repeat(mb / 40)}`;
    const subject = 's'.repeat(mb);
    const files = {
      jsonl: [JSON.stringify({ id: 'big', subject, body, comments: [body] }), JSON.stringify({ id: 'next', subject: 's', body: 'b' }), JSON.stringify({ id: 'garbage', junk: 'x'.repeat(mb) }).slice(1)].join('\n'),
      csv: `id,subject,body\nbig,${subject},"${body.replace(/"/g, '""')}"\nnext,s,b\n`,
      json: JSON.stringify({ tickets: [{ id: 'big', subject, description: body }, { id: 'next', subject: 's', description: 'b' }] }),
    };
    for (const [extension, text] of Object.entries(files)) {
      const file = path.join(temp, `big.${extension}`);
      writeFileSync(file, text);
      const items = await collect(file);
      expectClean(items);
      const big = casesById(items).get('big')!;
      expect(big.case.subject).toHaveLength(MAX_LINE_FIELD_CHARS);
      expect(big.case.body).toHaveLength(MAX_TEXT_FIELD_CHARS);
      expect(body.startsWith(big.case.body)).toBe(true);
      const bodyName = extension === 'json' ? 'description' : 'body';
      expect(big.warnings).toEqual(
        expect.arrayContaining([`\`subject\`: ${mb} characters, cut to the first ${MAX_LINE_FIELD_CHARS}`, expect.stringMatching(new RegExp(`^\`${bodyName}\`: \\d+ characters, cut to the first ${MAX_TEXT_FIELD_CHARS}$`))]),
      );
      expect(casesById(items).get('next')).toMatchObject({ warnings: [] });
    }
  });

  it('cuts a megabyte of invalid UTF-8 or control characters without splitting a surrogate pair', async () => {
    const file = path.join(temp, 'bytes.jsonl');
    const record = (id: string, filler: Buffer) => Buffer.concat([Buffer.from(`{"id":"${id}","subject":"s","body":"`), filler, Buffer.from('"}\n')]);
    writeFileSync(
      file,
      Buffer.concat([
        record('invalid', Buffer.alloc(1 << 20, 0xff)),
        record('controls', Buffer.alloc(1 << 20, 0x01)),
        record('emoji', Buffer.from('a😀'.repeat(MAX_TEXT_FIELD_CHARS))),
      ]),
    );
    const byId = casesById(await collect(file));
    expect(byId.get('invalid')?.case.body).toBe('\ufffd'.repeat(MAX_TEXT_FIELD_CHARS));
    expect(byId.get('controls')).toMatchObject({ case: { body: '' }, warnings: [] });
    const emoji = byId.get('emoji')!.case.body;
    expect(emoji.length).toBeLessThanOrEqual(MAX_TEXT_FIELD_CHARS);
    expect(emoji).not.toMatch(/[\ud800-\udfff]/u);
  });

  it('skips a record longer than maxLineBytes in every format without holding it, and reads on', async () => {
    const long = 'x'.repeat(1 << 20);
    const inputs: Array<[CaseFormat, string, string]> = [
      ['jsonl', `{"id":"a","subject":"s","body":"${long}"}\n{"id":"b","subject":"s","body":"b"}\n`, 'problem line 1: record longer than 65536 bytes, skipped'],
      ['csv', `id,subject,body\na,s,"${long}\n${long}"\nb,s,b\n`, 'problem line 2: invalid CSV record (record longer than 65536 bytes; lines 2 to 3 skipped)'],
      ['zendesk', `{"tickets":[{"id":"a","subject":"s","description":"${long}"},{"id":"b","subject":"s","description":"b"}]}`, 'problem ticket 1: record longer than 65536 bytes, skipped'],
    ];
    for (const [format, text, problem] of inputs) {
      const items = await collect(chunked(Buffer.from(text), 1 << 16), format, { maxLineBytes: 1 << 16 });
      expect(items.map(describeItem)).toEqual([problem, format === 'zendesk' ? 'case b ticket 2' : `case b line ${format === 'csv' ? 4 : 2}`]);
    }
  });

  it('keeps every complete record of an export cut at any byte, and reports the cut one', async () => {
    // Each export: what comes before the records, the records, what separates them, what comes after, and the number
    // (line or ticket) each record is reported at.
    const exports: Array<[CaseFormat, string, string[], string, string, number[]]> = [
      ['jsonl', '', ['{"id":"1","subject":"Ünïcödé 磁碟","body":"a \\"quoted\\" }{ body"}', '{"id":"2","subject":"😀","body":"b"}', '{"id":"3","subject":"c","body":"c"}'], '\n', '\n', [1, 2, 3]],
      ['csv', 'id,subject,body\r\n', ['1,Ünïcödé 磁碟,"multi\r\nline, ""quoted"""', '2,😀,b', '3,"c",c'], '\r\n', '\r\n', [2, 4, 5]],
      ['zendesk', '\ufeff{"count":3,"tickets":[\n', ['{"id":1,"subject":"Ünïcödé 磁碟","description":"a \\"quoted\\" }{ ]["}', '{"id":2,"subject":"😀","description":"b"}', '{"id":3,"subject":"c","description":"c"}'], ',\n', '\n]}\n', [1, 2, 3]],
    ];
    for (const [format, head, records, separator, tail, numbers] of exports) {
      const bytes = Buffer.from(head + records.join(separator) + tail);
      const full = casesById(await collect(Readable.from([bytes]), format));
      expect([...full.keys()]).toEqual(['1', '2', '3']);
      // Where each record is complete: after its line break (JSON Lines, CSV) or its closing brace (Zendesk).
      const ends = records.map((_, index) => Buffer.byteLength(head + records.slice(0, index + 1).join(separator) + (format === 'zendesk' ? '' : separator)));
      for (let cut = 0; cut <= bytes.length; cut++) {
        const items = await collect(chunked(bytes.subarray(0, cut), 7), format);
        const complete = ends.filter((end) => end <= cut).length;
        const cases = items.filter((item) => item.type === 'case');
        // Every complete record comes out exactly as from the whole file.
        expect(cases.slice(0, complete), `${format} cut at byte ${cut}`).toEqual(['1', '2', '3'].slice(0, complete).map((id) => full.get(id)));
        // The cut record is a problem at its line, or (CSV, JSON Lines cut just before a line break) a case.
        expect(items.length - complete, `${format} cut at byte ${cut}`).toBeLessThanOrEqual(1);
        if (items.length > complete) expect(items.at(-1), `${format} cut at byte ${cut}`).toMatchObject({ line: numbers[complete] ?? complete + 1 });
        if (format === 'zendesk') {
          // Only complete tickets, and one problem unless the export is whole.
          expect(cases).toHaveLength(complete);
          expect(items.length - complete, `zendesk cut at byte ${cut}`).toBe(cut >= bytes.length - 1 ? 0 : 1);
          if (items.length > complete) expect(items.at(-1)).toMatchObject({ type: 'problem', unit: 'ticket' });
        }
      }
    }
  });

  it('reads a Zendesk export the same however it is split into chunks', async () => {
    const bytes = readFileSync(fixture('hostile-zendesk.json'));
    const whole = (await collect(Readable.from([bytes]), 'zendesk')).map(describeItem);
    for (const size of [1, 2, 3, 5, 64]) expect((await collect(chunked(bytes, size), 'zendesk')).map(describeItem)).toEqual(whole);
  });

  it('treats columns and priorities named like Object.prototype members as plain names', async () => {
    const items = await collect(Readable.from(['id,subject,body,constructor,toString,__proto__,hasOwnProperty\n1,s,b,c,t,p,h\n']), 'csv');
    expect(items).toMatchObject([{ type: 'case', case: { id: '1', subject: 's', body: 'b' } }]);
  });

  it('reads Zendesk pages written one after the other and says when a file is no Zendesk export', async () => {
    const page = (id: number) => `{"tickets":[{"id":${id},"subject":"s","description":"b"}],"next_page":null}`;
    expect((await collect(Readable.from([`${page(1)}\n${page(2)}`]), 'zendesk')).map(describeItem)).toEqual(['case 1 ticket 1', 'case 2 ticket 2']);
    expect((await collect(Readable.from(['[{"id":1}]']), 'zendesk')).map(describeItem)).toEqual([
      'problem ticket 1: invalid JSON, stopped reading (expected a Zendesk export {"tickets": […]}, found `[` on line 1)',
    ]);
    for (const text of ['', '{"count":0}', '{"tickets":"none"}']) {
      expect((await collect(Readable.from([text]), 'zendesk')).map(describeItem)).toEqual(['problem ticket 1: no `tickets` array: expected a Zendesk export {"tickets": […]}']);
    }
  });

  it('throws only when the file cannot be read', async () => {
    for (const name of ['missing.jsonl', 'missing.csv', 'missing.json']) {
      await expect(collect(path.join(temp, name))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    const failing = () =>
      new Readable({
        read() {
          this.destroy(Object.assign(new Error('disk on fire'), { code: 'EIO' }));
        },
      });
    for (const read of [readJsonlCases, readCsvCases, readZendeskCases]) {
      await expect(
        (async () => {
          for await (const item of read(failing())) void item;
        })(),
      ).rejects.toMatchObject({ code: 'EIO' });
    }
  });
});
