// Property tests on hostile input for the three case readers, the redactor and the tokenizer. Each property runs a
// fixed number of times (`runs`), within a time budget (`interruptAfterTimeLimit`, an overrun fails the test) and, for
// the async ones, a per-run timeout, so a hang or a slowdown fails instead of stalling the suite. Memory is checked
// twice: the heap after a whole property stays within a bound, and streaming tens of megabytes of one endless record
// through a reader never holds more than its `maxLineBytes`.
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/case.ts';
import { readCsvCases, readJsonlCases, readZendeskCases, type CaseReadItem, type ReadCasesOptions } from '../src/read-cases.ts';
import { redact, totalRedactions } from '@nimbus/redact';
import { tokenize, tokens } from '../src/tokenize.ts';
import { expectClean } from './_hostile.ts';

/** Runs per property: what the report of this suite quotes. */
const runs = { jsonl: 150, csv: 150, csvRoundTrip: 100, zendesk: 150, zendeskCut: 100, clean: 300, secrets: 200, idempotent: 300, redactSpliced: 40, tokens: 300, tokenRuns: 30 };

/** `gc()` when the flag can be set at run time (it can in Node), so memory is measured without garbage. */
const gc: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
})();
const memory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};
const MB = 1 << 20;

/** Runs `body` and fails if the heap (with array buffers) grew by more than `bound` bytes across it. */
async function withinMemory(bound: number, body: () => unknown): Promise<void> {
  gc();
  const before = memory();
  await body();
  gc();
  expect(memory() - before).toBeLessThan(bound);
}

const settings = (numRuns: number, budgetMs: number) => ({ numRuns, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: true });
const asyncSettings = (numRuns: number, budgetMs: number) => ({ ...settings(numRuns, budgetMs), timeout: 2000 });

type Reader = (stream: AsyncIterable<Buffer>, options?: ReadCasesOptions) => AsyncGenerator<CaseReadItem>;

async function read(reader: Reader, bytes: Buffer, chunkSize: number, options?: ReadCasesOptions): Promise<CaseReadItem[]> {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize));
  const items: CaseReadItem[] = [];
  for await (const item of reader(Readable.from(chunks), options)) items.push(item);
  return items;
}

// Hostile text: arbitrary code points plus what breaks parsers and terminals — quotes, separators, line breaks,
// control characters, bidi overrides, lone surrogates, a BOM, markup.
const hostileFragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('"', '\\', ',', ';', '\n', '\r\n', '\r', '\t', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\u2069', '\ufeff'),
  fc.constantFrom('\ud800', '\udfff', '😀', 'é', '磁碟區', 'İ', '<script>alert(1)</script>', '**bold**', '{props.x}', '</Callout>', '{{x}}', '${x}', '[', ']', '{', '}'),
);
const hostileText = (maxLength: number) => fc.array(hostileFragment, { maxLength }).map((parts) => parts.join(''));
const chunkSize = fc.integer({ min: 1, max: 4096 });

/** `bytes` with `inserted` spliced in at a position chosen from `at` (0…1). */
const splice = (bytes: Buffer, inserted: Uint8Array, at: number) => {
  const position = Math.floor(at * (bytes.length + 1));
  return Buffer.concat([bytes.subarray(0, position), inserted, bytes.subarray(position)]);
};
const position = fc.double({ min: 0, max: 1, noNaN: true });

describe('readJsonlCases (fuzz)', () => {
  const record = fc
    .record({ id: fc.oneof(hostileText(6), fc.integer()), subject: hostileText(10), body: hostileText(30), comments: fc.array(hostileText(5), { maxLength: 3 }), tags: fc.array(hostileText(3), { maxLength: 3 }) })
    .map((value) => Buffer.from(JSON.stringify(value)));
  const line = fc.oneof(
    record,
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
    fc.integer({ min: 1, max: 5000 }).map((depth) => Buffer.from(`{"id":"d","subject":"s","body":"b","x":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
    fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }).map((big) => Buffer.from(`{"id":${big},"subject":"s","body":"b","n":${big}e${big % 999n}}`)),
    fc.tuple(record, fc.uint8Array({ minLength: 1, maxLength: 16 }), position).map(([bytes, inserted, at]) => splice(bytes, inserted, at)),
  );

  it('never throws, accounts for every non-blank line once and in order, and yields only clean cases', async () => {
    await withinMemory(64 * MB, () =>
      fc.assert(
        fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), chunkSize, async (lines, crlf, size) => {
          const bytes = Buffer.concat(lines.flatMap((bytes) => [bytes, Buffer.from(crlf ? '\r\n' : '\n')]));
          const items = await read(readJsonlCases, bytes, size);
          // A line is blank when, decoded, it is only white space (the reader's own definition, BOM on line 1 included).
          const nonBlank = bytes
            .toString('latin1')
            .split('\n')
            .map((text, index) => [index + 1, Buffer.from(text, 'latin1').toString('utf8').replace(/\r$/, '')] as const)
            .filter(([number, text]) => (number === 1 ? text.replace(/^\uFEFF/, '') : text).trim() !== '')
            .map(([number]) => number);
          expect(items.map((item) => item.line)).toEqual(nonBlank);
          expectClean(items);
        }),
        asyncSettings(runs.jsonl, 10_000),
      ),
    );
  });
});

describe('readCsvCases (fuzz)', () => {
  it('never throws on arbitrary quotes, commas and line breaks; numbers its records in order; yields only clean cases', async () => {
    const csvFragment = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', 'a', 'é', '😀', ' ', '\u0000', '\u202e', '\ufeff', 'x,"y"', '"z""",') },
      { weight: 1, arbitrary: hostileFragment },
    );
    // Cells quoted properly or written raw (their quotes, commas and line breaks then break the row), rows of 3 or 4
    // cells for a header of 3 or 4, and now and then random bytes spliced in.
    const cell = fc
      .tuple(fc.array(csvFragment, { maxLength: 6 }), fc.boolean())
      .map(([parts, quoted]) => (quoted ? `"${parts.join('').replace(/"/g, '""')}"` : parts.join('')));
    const rows = fc
      .tuple(fc.array(fc.array(cell, { minLength: 3, maxLength: 4 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'))
      .map(([cells, newline]) => Buffer.from(cells.map((row) => row.join(',')).join(newline)));
    const body = fc.oneof(
      { weight: 4, arbitrary: rows },
      { weight: 1, arbitrary: fc.tuple(rows, fc.uint8Array({ minLength: 1, maxLength: 16 }), position).map(([bytes, inserted, at]) => splice(bytes, inserted, at)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    );
    await withinMemory(64 * MB, () =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom('id,subject,body\n', '\ufeffid,subject,body,tags\r\n', 'Ticket ID,Title,Description,constructor\n', ''), body, chunkSize, async (header, rest, size) => {
          const bytes = Buffer.concat([Buffer.from(header), rest]);
          const items = await read(readCsvCases, bytes, size);
          const lines = bytes.toString('latin1').split('\n').length;
          const numbers = items.map((item) => item.line);
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
          expect(new Set(numbers).size).toBe(numbers.length);
          for (const number of numbers) expect(number).toBeLessThanOrEqual(lines);
          expectClean(items);
        }),
        asyncSettings(runs.csv, 10_000),
      ),
    );
  });

  it('reads back every record of a well-formed export exactly, at the line it starts on', async () => {
    const quote = (value: string, always: boolean) => (always || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    await withinMemory(64 * MB, () =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ subject: hostileText(8), body: hostileText(20), extra: hostileText(4), quoted: fc.boolean() }), { maxLength: 10 }),
          fc.constantFrom('\n', '\r\n'),
          fc.boolean(),
          chunkSize,
          async (records, newline, bom, size) => {
            let text = `${bom ? '\ufeff' : ''}Case ID,Subject,Description,Notes${newline}`;
            const starts: number[] = [];
            records.forEach(({ subject, body, extra, quoted }, index) => {
              starts.push(text.split('\n').length);
              text += [`R${index}`, quote(subject, quoted), quote(body, quoted), quote(extra, quoted)].join(',') + newline;
            });
            const items = await read(readCsvCases, Buffer.from(text), size);
            // Lone surrogates cannot be written as UTF-8: they come back as U+FFFD, like any invalid byte.
            const viaUtf8 = (value: string) => Buffer.from(value).toString('utf8');
            expect(items).toEqual(
              records.map(({ subject, body }, index) => ({
                type: 'case',
                line: starts[index],
                unit: 'line',
                case: { id: `R${index}`, subject: redact(cleanText(viaUtf8(subject), false)).text, body: redact(cleanText(viaUtf8(body))).text, linkedArticles: [], comments: [], tags: [] },
                redactions: expect.any(Object),
                warnings: [],
              })),
            );
          },
        ),
        asyncSettings(runs.csvRoundTrip, 10_000),
      ),
    );
  });
});

describe('readZendeskCases (fuzz)', () => {
  const ticket = fc.record({ subject: hostileText(8), description: hostileText(20), priority: fc.constantFrom('urgent', 'low', 'constructor', '__proto__', 'toString') });

  it('never throws on broken, spliced or deeply nested exports; numbers tickets in order; yields only clean cases', async () => {
    const element = fc.oneof(
      ticket.map((value) => Buffer.from(JSON.stringify({ id: 1, ...value }))),
      fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
      fc.integer({ min: 1, max: 5000 }).map((depth) => Buffer.from(`{"id":2,"subject":"s","description":"b","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`)),
      fc.tuple(ticket, fc.uint8Array({ minLength: 1, maxLength: 16 }), position).map(([value, inserted, at]) => splice(Buffer.from(JSON.stringify({ id: 3, ...value })), inserted, at)),
    );
    const exportBytes = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(fc.array(element, { maxLength: 8 }), fc.constantFrom(']}', ']', '', ']}{"tickets":[]}', ']} trailing')).map(([elements, end]) =>
          Buffer.concat([Buffer.from('{"count":1,"tickets":['), ...elements.flatMap((bytes, index) => (index === 0 ? [bytes] : [Buffer.from(',\n'), bytes])), Buffer.from(end)]),
        ),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.json({ maxDepth: 5 }).map((text) => Buffer.from(text)) },
    );
    await withinMemory(64 * MB, () =>
      fc.assert(
        fc.asyncProperty(exportBytes, chunkSize, async (bytes, size) => {
          const items = await read(readZendeskCases, bytes, size);
          const numbers = items.map((item) => item.line);
          expect(numbers).toEqual(numbers.map((_, index) => index + 1));
          expect(items.every((item) => item.unit === 'ticket')).toBe(true);
          expectClean(items);
        }),
        asyncSettings(runs.zendesk, 10_000),
      ),
    );
  });

  it('keeps exactly the complete tickets of an export cut anywhere, and reports the cut once', async () => {
    await withinMemory(64 * MB, () =>
      fc.assert(
        fc.asyncProperty(fc.array(ticket, { maxLength: 8 }), fc.constantFrom(0, 2), position, chunkSize, async (tickets, indent, at, size) => {
          const head = Buffer.from('{"count":8,"tickets":[\n');
          const texts = tickets.map((value, index) => Buffer.from(JSON.stringify({ id: index + 1, ...value }, null, indent)));
          const ends: number[] = [];
          let length = head.length;
          texts.forEach((text, index) => {
            length += (index > 0 ? 2 : 0) + text.length;
            ends.push(length);
          });
          const bytes = Buffer.concat([head, ...texts.flatMap((text, index) => (index === 0 ? [text] : [Buffer.from(',\n'), text])), Buffer.from('\n]}')]);
          const cut = Math.min(bytes.length, Math.floor(at * (bytes.length + 1)));
          const items = await read(readZendeskCases, bytes.subarray(0, cut), size);
          const complete = ends.filter((end) => end <= cut).length;
          const viaUtf8 = (value: string) => Buffer.from(value).toString('utf8');
          expect(items.slice(0, complete)).toEqual(
            tickets.slice(0, complete).map((value, index) =>
              expect.objectContaining({
                type: 'case',
                line: index + 1,
                case: expect.objectContaining({ id: String(index + 1), subject: redact(cleanText(viaUtf8(value.subject), false)).text, body: redact(cleanText(viaUtf8(value.description))).text }),
              }),
            ),
          );
          expect(items.slice(complete)).toEqual(cut === bytes.length ? [] : [expect.objectContaining({ type: 'problem', line: complete + 1 })]);
        }),
        asyncSettings(runs.zendeskCut, 10_000),
      ),
    );
  });
});

describe('streaming a hostile record of tens of megabytes', () => {
  // One chunk, yielded again and again: the source allocates nothing, so growth is what the reader holds.
  async function* endless(head: string, filler: Buffer, megabytes: number, tail: string) {
    yield Buffer.from(head);
    for (let sent = 0; sent < megabytes * MB; sent += filler.length) yield filler;
    yield Buffer.from(tail);
  }
  const filler = Buffer.alloc(64 * 1024, 'x');
  const cases: Array<[string, Reader, string, string, string]> = [
    ['JSON Lines', readJsonlCases, '{"id":"endless","subject":"s","body":"', '"}\n{"id":"after","subject":"s","body":"b"}\n', 'problem 1'],
    ['CSV with an unclosed quote', readCsvCases, 'id,subject,body\nendless,s,"', '"\nafter,s,b\n', 'problem 2'],
    ['Zendesk', readZendeskCases, '{"tickets":[{"id":"endless","subject":"s","description":"', '"},{"id":"after","subject":"s","description":"b"}]}', 'problem 1'],
  ];

  it.each(cases)('%s: holds at most maxLineBytes, skips the record and reads the next one', async (_name, reader, head, tail, problem) => {
    gc();
    const before = memory();
    let peak = 0;
    const items: string[] = [];
    let chunks = 0;
    const source = (async function* () {
      for await (const chunk of endless(head, filler, 48, tail)) {
        if (++chunks % 32 === 0) peak = Math.max(peak, memory() - before);
        yield chunk;
      }
    })();
    for await (const item of reader(source, { maxLineBytes: MB })) items.push(item.type === 'case' ? `case ${item.case.id}` : `problem ${item.line}`);
    expect(items).toEqual([problem, 'case after']);
    // 48 MB went through; without the limit the record alone would take 48 MB (96 MB as a string).
    expect(peak).toBeLessThan(24 * MB);
  });
});

describe('cleanText (fuzz)', () => {
  it('leaves no unsafe character, changes safe text in no way, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText(40), fc.boolean(), (text, multiline) => {
        const clean = cleanText(text, multiline);
        expect(clean).not.toMatch(multiline ? /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u : /[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u);
        expect(cleanText(clean, multiline)).toBe(clean);
        // Only unsafe characters go: what is left of the text, in order, is the text without them.
        const safe = text.replace(/\r\n?|[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/gu, '');
        expect(clean.replace(/[\n\t \ufffd]/g, '')).toBe(safe.replace(/[\n\t \ufffd]/g, ''));
      }),
      settings(runs.clean, 10_000),
    );
  });
});

describe('redact (fuzz)', () => {
  const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
  /** A text with a secret in it, and the part of it that must not survive. */
  const planted = fc.oneof(
    fc.emailAddress().map((email) => ({ text: email, secret: email })),
    fc
      .ipV4()
      .filter((ip) => !/^(?:127\.|169\.254\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(ip))
      .map((ip) => ({ text: ip, secret: ip })),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/).map((key) => ({ text: key, secret: key })),
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/).map((key) => ({ text: key, secret: key })),
    fc.tuple(fc.constantFrom('password', 'api_key', 'client_secret', 'NIMBUS_SECRET_ACCESS_KEY'), alnum(12, 30)).map(([name, value]) => ({ text: `${name}=${value}`, secret: value })),
    fc.stringMatching(/^[A-Za-z0-9]{8}[A-Za-z0-9._~+/-]{12,40}$/).map((token) => ({ text: `Authorization: Bearer ${token}`, secret: token })),
    fc.tuple(alnum(10, 30), alnum(10, 40), alnum(10, 40)).map(([a, b, c]) => ({ text: `eyJ${a}.eyJ${b}.${c}`, secret: `eyJ${a}.eyJ${b}.${c}` })),
    fc.tuple(alnum(3, 10), alnum(8, 20)).map(([user, password]) => ({ text: `https://${user}:${password}@db.example.com/x`, secret: password })),
    fc.array(alnum(64, 64), { minLength: 1, maxLength: 3 }).map((lines) => ({ text: `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`, secret: lines[0]! })),
  );
  /** What an attacker (or a terminal) can slip inside a secret; the readers clean it out before redacting. */
  const invisible = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e', '\u202c', '\u2066', '\u2069', '\ufeff');
  const hidden = fc
    .tuple(planted, fc.array(fc.tuple(position, invisible), { maxLength: 3 }))
    .map(([{ text, secret }, insertions]) => {
      let out = text;
      for (const [at, char] of insertions) {
        const index = Math.floor(at * (out.length + 1));
        out = out.slice(0, index) + char + out.slice(index);
      }
      return { text: out, secret };
    });
  const separator = fc.constantFrom(' ', '\n', '\t', ', ', '; ', ' (', ') ', ' <', '> ', ' "', '" ', ' | ');

  it('leaves none of the planted secrets in cleaned text, whatever surrounds them or is hidden inside them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileText(6), separator, hidden, separator), { minLength: 1, maxLength: 4 }), hostileText(6), (pieces, end) => {
        const text = pieces.map(([before, open, { text: secret }, close]) => `${before}${open}${secret}${close}`).join('') + end;
        // What the readers do: clean first, then redact.
        const redacted = redact(cleanText(text)).text;
        for (const [, , { secret }] of pieces) expect(redacted).not.toContain(secret);
      }),
      settings(runs.secrets, 10_000),
    );
  });

  it('is idempotent: what it returns has nothing left to redact', () => {
    // Fragments are joined by white space, punctuation or nothing: glued text once let a marker complete a new match
    // (`…KEY[redacted:key=value`); redact now repeats until nothing changes.
    const fragment = fc.oneof(hostileFragment, planted.map(({ text }) => text), fc.constantFrom('[redacted:email]', '[redacted:', 'key=', ' token ', '+1 ', '(555) ', '@', '.com', '::', '1.2.', 'Bearer '));
    fc.assert(
      fc.property(fc.array(fc.tuple(fragment, fc.constantFrom('', ' ', '\n', ', ', ' (', ') ')), { maxLength: 20 }), (parts) => {
        const once = redact(parts.flat().join(''));
        const twice = redact(once.text);
        expect(twice.text).toBe(once.text);
        expect(totalRedactions(twice.counts)).toBe(0);
      }),
      settings(runs.idempotent, 10_000),
    );
  });

  it('stays fast on long texts spliced from secret-shaped fragments', () => {
    const fragment = fc.constantFrom('a', '1', '.', ':', '-', '@', ' ', '=', 'key=', 'eyJ', 'Bearer ', 'AKIA', 'https://u:', '-----BEGIN RSA PRIVATE KEY-----', '+1 ', '(', ')', '\n', '::', '[redacted:', '"', "'");
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1000, maxLength: 6000 }), (parts) => {
        const started = performance.now();
        redact(parts.join(''));
        expect(performance.now() - started).toBeLessThan(500);
      }),
      settings(runs.redactSpliced, 10_000),
    );
  });
});

describe('tokenize (fuzz)', () => {
  const fragment = fc.oneof(
    hostileFragment,
    fc.constantFrom('0x80070005', 'System.Net.Mail.SmtpException', "can't", 'ERR_CONNECTION_RESET', '5.7.57', 'İ', 'ß', 'ǅ', '\u0301', '—', 'ﬁ', '11a09b34-8fca-4bc7-b16c-83328932c306', 'AADSTS50011', 'fileShare', '한국어', 'カタカナ', ' '),
  );

  it('emits only non-empty, lower-case terms of letters, digits and marks, the same every time', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const terms = tokens(text);
        for (const term of terms) {
          expect(term.length).toBeGreaterThan(0);
          expect(term).toBe(term.toLowerCase());
          expect(term).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
        }
        expect(tokens(text)).toEqual(terms);
        let emitted = 0;
        tokenize(text, (term, surface) => {
          emitted++;
          expect(surface.length).toBeGreaterThan(0);
        });
        expect(emitted).toBe(terms.length);
      }),
      settings(runs.tokens, 10_000),
    );
  });

  it('stays linear on long runs of one hostile unit', () => {
    fc.assert(
      fc.property(fc.constantFrom('a.', 'aB', 'A', '1-', '磁', "can't ", '0x1', '_a', 'a\u0301', '😀', 'x:y', '-'), fc.integer({ min: 1000, max: 40000 }), (unit, count) => {
        const started = performance.now();
        tokens(unit.repeat(count));
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      settings(runs.tokenRuns, 10_000),
    );
  });
});
