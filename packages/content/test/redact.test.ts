// The `./redact` entry point: the one redactor of the knowledge center (case readers, kb suggest, runbook case notes).
// Its rules are tested against the shared planted-secrets corpus in @nimbus/case-index (test/redact.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as redaction from '@nimbus/content/redact';
import { corpus, corpusSummary, expectedCounts, leaks, lostLookalikes } from '../../case-index/test/fixtures/redaction/corpus.ts';

describe('@nimbus/content/redact', () => {
  it('exports the redactor, its counts and markers', () => {
    expect(Object.keys(redaction).sort()).toEqual([
      'REDACTION_MARKER',
      'addRedactionCounts',
      'describeRedactions',
      'emptyRedactionCounts',
      'redact',
      'redactionKinds',
      'redactionLabels',
      'redactionMarker',
      'totalRedactions',
    ]);
    expect(Object.keys(redaction.redactionLabels)).toEqual([...redaction.redactionKinds]);
  });

  it('imports nothing, so the browser and every package can use it (no `node:` module)', () => {
    const source = readFileSync(new URL('../src/redact.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*(?:import|export)\b[^;]*\bfrom\s+['"]/m);
    expect(source).not.toMatch(/\bimport\(|\brequire\(/);
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
