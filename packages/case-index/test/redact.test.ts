import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, redactionKinds, totalRedactions } from '../src/redact.ts';

const read = (name: string) => readFileSync(new URL(`fixtures/redaction/${name}`, import.meta.url), 'utf8');
const lines = (name: string) => read(name).trim().split('\n');

describe('redact', () => {
  const { text, counts } = redact(read('planted.txt'));

  it('removes every planted secret and personal datum', () => {
    for (const secret of lines('secrets.txt')) expect(text).not.toContain(secret);
  });

  it('counts what it removed, per kind', () => {
    const expected = JSON.parse(read('expected-counts.json')) as Record<string, number>;
    for (const kind of redactionKinds) expect({ kind, count: counts[kind] }).toEqual({ kind, count: expected[kind] ?? 0 });
  });

  it('keeps error codes, dates and messages that only look like secrets', () => {
    for (const kept of lines('kept.txt')) expect(text).toContain(kept);
  });

  it('leaves service addresses and version numbers alone', () => {
    const sample = 'metadata at 169.254.169.254, loopback 127.0.0.1, version 10.0.17763.1, time 12:12:53:882, codes 1603 1033';
    expect(redact(sample)).toEqual({ text: sample, counts: redact('').counts });
  });

  it('is idempotent: a redacted text has nothing left to redact', () => {
    expect(totalRedactions(redact(text).counts)).toBe(0);
  });
});

describe('redact (property)', () => {
  const secretArbitrary = fc.oneof(
    fc.emailAddress(),
    fc.ipV4().filter((ip) => !/^(?:127\.|169\.254\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(ip)),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    fc.stringMatching(/^[A-Za-z0-9]{12,30}$/).map((value) => `password=${value}`),
  );

  it('never throws, terminates quickly and removes planted secrets from any surrounding text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), secretArbitrary, fc.string({ maxLength: 200 }), (before, secret, after) => {
        const started = performance.now();
        const { text } = redact(`${before} ${secret} ${after}`);
        expect(performance.now() - started).toBeLessThan(200);
        const value = secret.startsWith('password=') ? secret.slice('password='.length) : secret;
        expect(text).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });

  it('handles hostile input (long runs, unbalanced markers) without catastrophic backtracking', () => {
    fc.assert(
      fc.property(fc.constantFrom('a', '1', '.', ':', '-', '@', ' ', '=', '[', 'x', 'a-', '1.', 'a.', 'a=', 'key=', 'https://a'), fc.integer({ min: 1000, max: 20000 }), (unit, length) => {
        const started = performance.now();
        redact(unit.repeat(length));
        expect(performance.now() - started).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  });
});
