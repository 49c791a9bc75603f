import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSignatures, signatureKind } from '../src/signatures.ts';

const fixtures = JSON.parse(readFileSync(new URL('fixtures/signatures.json', import.meta.url), 'utf8')) as Array<{ text: string; keys: string[] }>;

describe('extractSignatures', () => {
  for (const { text, keys } of fixtures) {
    it(`finds ${keys.join(', ') || 'nothing'} in “${text.slice(0, 50)}”`, () => {
      expect(extractSignatures(text).map((signature) => signature.key)).toEqual(keys);
    });
  }

  it('keeps the text as written, for evidence', () => {
    expect(extractSignatures('Fix NDR error 5.7.57 in Exchange')[0]).toEqual({ key: 'smtp:5.7.57', kind: 'smtp', text: '5.7.57' });
  });

  it('names the kind of a key', () => {
    expect(signatureKind('error:1603')).toBe('error-number');
    expect(signatureKind('hresult:0x80070005')).toBe('hresult');
  });
});
