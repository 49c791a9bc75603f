import { describe, expect, it } from 'vitest';
import { learnAssociations } from '../src/associations.ts';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { buildQuery } from '../src/query.ts';
import { expansionTerms, rank } from '../src/rank.ts';
import { seededRandom } from '../../../scripts/seeded-random.ts';

// A vocabulary of 60 words: 0 and 1 never meet but are written in the same company (2…8); the rest is filler.
function corpus(): { sequences: Uint32Array[]; df: Uint32Array } {
  const random = seededRandom(7);
  const company = [2, 3, 4, 5, 6, 7, 8];
  const sequences: Uint32Array[] = [];
  for (let doc = 0; doc < 60; doc++) {
    const words: number[] = [];
    if (doc < 12) {
      for (let i = 0; i < 6; i++) words.push(doc % 2 === 0 ? 0 : 1, company[Math.floor(random() * company.length)]!);
    }
    for (let i = 0; i < 20; i++) words.push(9 + Math.floor(random() * 51));
    sequences.push(Uint32Array.from(words));
  }
  const df = new Uint32Array(60);
  for (const sequence of sequences) for (const term of new Set(sequence)) df[term]!++;
  return { sequences, df };
}

describe('learnAssociations', () => {
  it('relates two words that never meet but share their company, and not filler', () => {
    const { sequences, df } = corpus();
    const related = learnAssociations(sequences, df, () => true, { maxDocShare: 1 });
    const of = (term: number) => Array.from(related.ids.subarray(related.offsets[term]!, related.offsets[term + 1]!));
    expect(of(0)).toContain(1);
    expect(of(1)).toContain(0);
    expect(of(0).every((term) => term < 9)).toBe(true);
    expect(related.weights.every((weight) => weight >= 1 && weight <= 255)).toBe(true);
  });

  it('learns nothing for words the filter refuses', () => {
    const { sequences, df } = corpus();
    const related = learnAssociations(sequences, df, (term) => term >= 9, { maxDocShare: 1 });
    expect(related.offsets[1]! - related.offsets[0]!).toBe(0);
  });
});

describe('query expansion', () => {
  const article = (name: string, title: string, body: string) => parseMarkdownArticle(`---\ntitle: ${title}\n---\n${body}`, name);
  const plain = buildIndex(
    [article('a.md', 'High latency on the link', 'Latency stays high.'), article('b.md', 'Laggy kiosk screen', 'Laggy screen on kiosks.')],
    { associations: false },
  );
  // "laggy" related to "latency" by hand: two articles are too few to learn it; what is tested is how rank uses it.
  const laggy = plain.termIds.get('laggi')!;
  const offsets = new Uint32Array(plain.terms.length + 1);
  for (let term = 0; term < plain.terms.length; term++) offsets[term + 1] = offsets[term]! + (term === laggy ? 1 : 0);
  const index = { ...plain, related: { offsets, ids: Uint32Array.of(plain.termIds.get('latenc')!), weights: Uint8Array.of(255) } };

  it('finds a document through a related term, below one that has the customer’s own word', () => {
    const results = rank(index, 'laggy', { expansionWeight: 0.3 });
    expect(results.map((result) => result.path)).toEqual(['b.md', 'a.md']);
    expect(results[1]!.score).toBeLessThan(results[0]!.score * 0.5);
    // A related term ranks, but does not count as explaining the case.
    expect(results[1]!.coverage).toBe(0);
    expect(buildQuery('laggy').terms.every((term) => !term.expansion)).toBe(true);
  });

  it('is off by default, with expansionWeight 0, and without learned terms', () => {
    expect(rank(index, 'laggy').map((result) => result.path)).toEqual(['b.md']);
    expect(rank(index, 'laggy', { expansionWeight: 0 }).map((result) => result.path)).toEqual(['b.md']);
    expect(rank(plain, 'laggy', { expansionWeight: 0.3 }).map((result) => result.path)).toEqual(['b.md']);
  });

  it('names the related terms it adds (what a partial index needs postings for)', () => {
    expect(expansionTerms(index, 'laggy', { expansionWeight: 0.3 })).toEqual(['latenc']);
    expect(expansionTerms(index, 'laggy', { expansionWeight: 0 })).toEqual([]);
    expect(expansionTerms(plain, 'laggy', { expansionWeight: 0.3 })).toEqual([]);
  });
});
