import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as shared from '@nimbus/redact';
import { redact, redactionKinds, totalRedactions } from '../src/redact.ts';
import { corpus, corpusSummary, expectedCounts, leaks, lostLookalikes } from './fixtures/redaction/corpus.ts';

// The planted-secrets corpus (fixtures/redaction/corpus.yaml) is shared by every redaction test of the repository.
const planted = corpus.planted.map((entry) => entry.text).join('\n');
const expected = expectedCounts(corpus.planted, redactionKinds);

describe('redact', () => {
  const { text, counts } = redact(`${planted}\n${corpus.kept.join('\n')}`);

  it('is the redactor the package exports', () => {
    expect(redact).toBe(shared.redact);
    expect(redactionKinds).toBe(shared.redactionKinds);
  });

  it(`removes all ${corpusSummary()}`, () => {
    expect(leaks(text)).toEqual([]);
  });

  it(`counts what it removed, per kind: ${shared.describeRedactions(expected)}`, () => {
    expect(counts).toEqual(expected);
  });

  it.each(corpus.planted.map((entry) => [entry.what, entry.kind, entry] as const))('finds the %s on its own, as one %s', (_what, _kind, entry) => {
    const alone = redact(entry.text);
    expect(leaks(alone.text, [entry])).toEqual([]);
    expect(alone.counts).toEqual(expectedCounts([entry], redactionKinds));
  });

  it(`keeps all ${corpus.kept.length} look-alikes (error codes, versions, dates, GUIDs, service addresses) and counts none`, () => {
    expect(lostLookalikes(text)).toEqual([]);
    for (const kept of corpus.kept) expect(redact(kept)).toEqual({ text: kept, counts: shared.emptyRedactionCounts() });
  });

  it('leaves service addresses and version numbers alone', () => {
    const sample = 'metadata at 169.254.169.254, loopback 127.0.0.1, version 10.0.17763.1, time 12:12:53:882, codes 1603 1033';
    expect(redact(sample)).toEqual({ text: sample, counts: redact('').counts });
  });

  it('redacts a secret given as a command-line flag or after a leading underscore', () => {
    expect(redact('mysql --password=Hunter2xyz9 -h db').text).toBe('mysql --password=[redacted:secret] -h db');
    expect(redact('set _password=Qw3rtyUiop1').text).toBe('set _password=[redacted:secret]');
  });

  it('takes only a one-case run of x for a mask: a random value holding xxXX is still a secret', () => {
    expect(redact('password=xxXX0aA00a0Aaaa0').text).toBe('password=[redacted:secret]');
    expect(redact('password=xxxxxxxx and api_key=AKIAXXXXXXXXXXXX').text).toBe('password=xxxxxxxx and api_key=AKIAXXXXXXXXXXXX');
  });

  it('redacts a private key cut off before its end up to the end of the text', () => {
    expect(redact('key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ')).toEqual({
      text: 'key:\n[redacted:private-key]',
      counts: { ...shared.emptyRedactionCounts(), 'private-key': 1 },
    });
  });

  it('is idempotent: a redacted text has nothing left to redact', () => {
    expect(totalRedactions(redact(text).counts)).toBe(0);
    expect(redact(text).text).toBe(text);
  });

  it.each([
    ['an address glued to the end of another', 'a@a.aa!@a.aa', '[redacted:email]'],
    ['an IPv4 address after `ffff::`', 'ffff::192.0.2.1:', 'ffff::[redacted:ipv4]:'],
    ['an IPv4 address before `::ffff`', '192.0.2.1::ffff', '[redacted:ipv4]::ffff'],
    ['a number after a redacted phone number', 'Numéro : +33 1 23 45 67 89 codes 1603 1033', 'Numéro : [redacted:phone] codes 1603 1033'],
    ['a value that holds a redacted address', ' token :1.2.@192.0.2.1 ', ' token :1.2.@[redacted:ipv4] '],
  ])('stays idempotent with %s', (_name, input, once) => {
    expect(redact(input).text).toBe(once);
    expect(redact(once)).toEqual({ text: once, counts: shared.emptyRedactionCounts() });
  });

  it('describes counts without what was redacted', () => {
    expect(shared.describeRedactions({ ...shared.emptyRedactionCounts(), email: 3, phone: 1 })).toBe('3 × e-mail address, 1 × phone number');
    expect(shared.describeRedactions(shared.emptyRedactionCounts())).toBe('nothing');
  });

});

describe('redact (property)', () => {
  const secretArbitrary = fc.oneof(
    fc.emailAddress(),
    fc.ipV4().filter((ip) => !/^(?:127\.|169\.254\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(ip)),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    fc.stringMatching(/^[A-Za-z0-9]{12,30}$/).map((value) => `password=${value}`),
    fc.constantFrom(...corpus.planted.filter((entry) => !entry.text.includes('\n')).map((entry) => entry.text)),
  );
  const secretsOf = (secret: string) => {
    const entry = corpus.planted.find((candidate) => candidate.text === secret);
    if (entry) return entry.secrets;
    return [secret.startsWith('password=') ? secret.slice('password='.length) : secret];
  };

  it('never throws, terminates quickly and removes planted secrets from any surrounding text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), secretArbitrary, fc.string({ maxLength: 200 }), (before, secret, after) => {
        const started = performance.now();
        const { text } = redact(`${before} ${secret} ${after}`);
        expect(performance.now() - started).toBeLessThan(200);
        for (const value of secretsOf(secret)) expect(text).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent on corpus texts, look-alikes and markers glued together in any order', () => {
    const fragment = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...corpus.planted.map((entry) => entry.text), ...corpus.kept),
      fc.constantFrom('[redacted:email]', '[redacted:phone]', '[redacted:', ']', 'key=', ' token ', 'phone ', '+1 ', '(555) ', '@', '.com', '::', 'ffff:', '1.2.', '192.0.2.1', 'Bearer ', 'https://u:p@'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fragment, fc.constantFrom('', ' ', '\n', ', ', ' (', ') ', '.', ':', '-', '@')), { maxLength: 20 }), (parts) => {
        const once = redact(parts.flat().join(''));
        expect(redact(once.text)).toEqual({ text: once.text, counts: shared.emptyRedactionCounts() });
      }),
      { numRuns: 1000 },
    );
  });

  it('handles hostile input (long runs, unbalanced markers) without catastrophic backtracking', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', '1', '.', ':', '-', '@', ' ', '=', '[', 'x', 'a-', '1.', 'a.', 'a=', 'key=', 'https://a', 'A1b', 'a:', '1 ', '+1 ', 'é', 'Q~', 'eyJ', '::ffff:1.', 'a@a.aa!', 'a@a.a', 'phone ', 'token :'),
        fc.integer({ min: 1000, max: 20000 }),
        (unit, length) => {
          const started = performance.now();
          redact(unit.repeat(length));
          expect(performance.now() - started).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('redact across kinds', () => {
  it('marks e-mail addresses, IP addresses, keys and tokens by kind, counts them, and keeps harmless text', () => {
    const text = [
      'Contact jane.doe@customer.example, source 198.51.100.7/32, v6 2001:db8::7, key NAKIA3F7Q2M8EXAMPLE,',
      'token Bearer abcdefghijklmnopqrstuvwxyz0123456789, password=hunter2hunter2hunter2x,',
      'route 0.0.0.0/0, metadata 169.254.169.254, at 12:30:45, version 1.2.3, instance i-0abc4f2e9d81c7a53.',
    ].join('\n');
    expect(redact(text)).toEqual({
      text: [
        'Contact [redacted:email], source [redacted:ipv4]/32, v6 [redacted:ipv6], key [redacted:access-key],',
        'token Bearer [redacted:bearer], password=[redacted:secret],',
        'route 0.0.0.0/0, metadata 169.254.169.254, at 12:30:45, version 1.2.3, instance i-0abc4f2e9d81c7a53.',
      ].join('\n'),
      counts: { ...shared.emptyRedactionCounts(), email: 1, ipv4: 1, ipv6: 1, 'access-key': 1, bearer: 1, secret: 1 },
    });
    expect(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----').text).toBe('[redacted:private-key]');
  });
});
