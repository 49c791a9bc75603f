import { describe, expect, it } from 'vitest';
import { credentialKinds, findRedactions, findSecrets, personalDataKinds } from '../src/find-secrets.ts';
import { redactionKinds } from '../src/redact.ts';
import { corpus, corpusSummary } from './fixtures/redaction/corpus.ts';

describe('findRedactions', () => {
  it('splits the kinds into credentials and personal data, every kind once', () => {
    expect([...credentialKinds, ...personalDataKinds].sort()).toEqual([...redactionKinds].sort());
  });

  it.each(corpus.planted.map((entry) => [entry.what, entry] as const))('locates the %s where its text is', (_what, entry) => {
    const text = `Some words first.\n${entry.text}\nand after.`;
    const findings = findRedactions(text);
    expect(findings.map((finding) => finding.kind)).toEqual([entry.kind]);
    const [finding] = findings;
    // The finding starts inside the planted text and covers the secret.
    expect(finding!.index).toBeGreaterThanOrEqual('Some words first.\n'.length);
    expect(entry.secrets.some((secret) => finding!.text.includes(secret) || secret.includes(finding!.text))).toBe(true);
    expect(text.slice(finding!.index, finding!.index + finding!.text.length)).toBe(finding!.text);
  });

  it(`finds every one of the ${corpusSummary()} in one text, in order`, () => {
    const text = corpus.planted.map((entry) => entry.text).join('\n');
    const findings = findRedactions(text);
    expect(findings.map((finding) => finding.kind)).toEqual(corpus.planted.map((entry) => entry.kind));
    expect(findings.map((finding) => finding.index)).toEqual([...findings.map((finding) => finding.index)].sort((a, b) => a - b));
  });

  it('finds nothing in the look-alikes', () => {
    expect(findRedactions(corpus.kept.join('\n'))).toEqual([]);
  });

  it('findSecrets keeps only credentials', () => {
    const found = findSecrets('mail jane@example.com, key AKIAIOSFODNN7EXAMPLE');
    expect(found).toEqual([{ kind: 'access-key', index: 27, text: 'AKIAIOSFODNN7EXAMPLE' }]);
  });
});
