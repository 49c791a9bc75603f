import { describe, expect, it } from 'vitest';
import { buildQuery } from '../src/query.ts';
import { compileSynonyms } from '../src/synonyms.ts';
import { SYNONYM_WEIGHT } from '../src/apply-synonyms.ts';

const table = compileSynonyms({
  synonyms: [['vm', 'virtual machine', '虛擬機器'], ['disk full', 'no space left', '磁碟空間不足']],
  phrasings: [{ say: ["won't boot", '無法開機'], means: ['boot failure', 'kernel panic'] }],
  stopwords: { en: ['wont', 'keeps'], 'zh-TW': ['請問'] },
});
const termsOf = (text: string) => new Map(buildQuery(text, { synonyms: table, aliases: {} }).terms.map((term) => [term.term, term.weight]));

describe('the vocabulary in buildQuery', () => {
  it('expands a phrase to its synonyms, sharing the weight among the words of each expansion', () => {
    const terms = termsOf('my vm is slow');
    expect(terms.get('vm')).toBe(1);
    expect(terms.get('virtual')).toBeCloseTo(SYNONYM_WEIGHT / 2);
    expect(terms.get('machin')).toBeCloseTo(SYNONYM_WEIGHT / 2);
    expect(terms.has('虛擬')).toBe(true);
  });

  it('keeps negations in phrases: "won\'t boot" is a phrasing, "boot" alone is not', () => {
    expect(termsOf("it won't boot").has('kernel')).toBe(true);
    expect(termsOf('boot order').has('kernel')).toBe(false);
  });

  it('matches Chinese phrases without spaces, and maps them to English words', () => {
    const terms = termsOf('請問磁碟空間不足怎麼辦');
    expect(terms.has('space')).toBe(true);
    expect(terms.has('請問')).toBe(false);
  });

  it('drops stop words and changes nothing without a vocabulary', () => {
    expect(termsOf('keeps failing').has('keep')).toBe(false);
    expect(buildQuery('my vm keeps failing').terms.map((term) => term.term)).toContain('keep');
  });

  it('ignores phrases that only look like object keys', () => {
    expect(() => termsOf('constructor toString __proto__')).not.toThrow();
    expect(termsOf('constructor').size).toBe(1);
  });
});
