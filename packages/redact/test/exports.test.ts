// The public surface of @nimbus/redact: the one redactor of the knowledge center (case readers, kb suggest, runbook case
// notes, the importer, kb check's `secret` rule). Removing or renaming an export must fail here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as redaction from '@nimbus/redact';
import { corpus, corpusSummary, expectedCounts, leaks, lostLookalikes } from './fixtures/redaction/corpus.ts';

describe('@nimbus/redact', () => {
  it('exports the redactor, its counts and markers', () => {
    expect(Object.keys(redaction).sort()).toEqual([
      'REDACTION_MARKER',
      'addRedactionCounts',
      'credentialKinds',
      'describeRedactions',
      'emptyRedactionCounts',
      'findRedactions',
      'findSecrets',
      'personalDataKinds',
      'redact',
      'redactionKinds',
      'redactionLabels',
      'redactionMarker',
      'totalRedactions',
    ]);
    expect(Object.keys(redaction.redactionLabels)).toEqual([...redaction.redactionKinds]);
  });

  it('imports nothing outside the package, so the browser and every package can use it (no `node:` module)', () => {
    for (const name of ['redact.ts', 'find-secrets.ts', 'index.ts']) {
      const source = readFileSync(new URL(`../src/${name}`, import.meta.url), 'utf8');
      for (const [, from] of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) expect(from, name).toMatch(/^\.\/[a-z-]+\.ts$/);
      expect(source).not.toMatch(/\bimport\(|\brequire\(/);
    }
  });

  it(`redacts all ${corpusSummary()} and keeps all ${corpus.kept.length} look-alikes`, () => {
    const { text, counts } = redaction.redact([...corpus.planted.map((entry) => entry.text), ...corpus.kept].join('\n'));
    expect(leaks(text)).toEqual([]);
    expect(lostLookalikes(text)).toEqual([]);
    expect(counts).toEqual(expectedCounts(corpus.planted, redaction.redactionKinds));
  });

  it('marks each kind the same way', () => {
    expect(redaction.redact('mail jane@example.com').text).toBe('mail [redacted:email]');
    expect('[redacted:ipv6] and [redacted:email]'.match(redaction.REDACTION_MARKER)).toHaveLength(2);
  });
});
