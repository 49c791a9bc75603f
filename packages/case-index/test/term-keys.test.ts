import { describe, expect, it } from 'vitest';
import { buildQuery } from '../src/query.ts';
import { rank } from '../src/rank.ts';
import { startTermKeys, termKey, termKeyGeneration } from '../src/tokenize.ts';
import { rankingFixtureCases, rankingFixtureIndex } from './ranking-fixtures.ts';

// Queries carry term keys so rank() finds their terms in arrays, not string maps. The key table is bounded and starts
// over when full: a query made before that must still rank as a fresh one does (by its strings), never by stale keys.

const index = rankingFixtureIndex();
const texts = rankingFixtureCases();
const ranked = (input: Parameters<typeof rank>[1]) => rank(index, input, { top: 5 }).map(({ path, score, confidence, evidence }) => ({ path, score, confidence, evidence }));

describe('term keys', () => {
  it('are the same for the same term and carried by the query', () => {
    expect(termKey('smtp')).toBe(termKey('smtp'));
    const query = buildQuery('SMTP relay denied');
    expect(query.keyGeneration).toBe(termKeyGeneration());
    expect(query.terms.filter((term) => !term.signature).every((term) => term.key === termKey(term.term))).toBe(true);
  });

  it('rank as strings do: a query of an older generation is ranked by its terms, not its keys', () => {
    const expected = texts.map((text) => ranked(text));
    expect(expected.every((results) => results.length > 0)).toBe(true);
    /** Fills the key table past its bound with terms no case has, so the next query starts a new generation. */
    const startOver = () => {
      const generation = termKeyGeneration();
      for (let n = 0; termKeyGeneration() === generation; n++) {
        termKey(`filler${generation}-${n}`);
        if (n % 65_536 === 0) startTermKeys();
      }
    };
    startOver();
    // The first query of a generation numbers its terms from 0 …
    const old = buildQuery(texts[0]!);
    expect(ranked(old)).toEqual(expected[0]);
    startOver();
    // … and so does the first of the next one, for other terms: the old query's keys now name those.
    const fresh = buildQuery(texts[1]!);
    expect(fresh.keyGeneration).toBe(old.keyGeneration! + 1);
    expect(ranked(fresh)).toEqual(expected[1]);
    expect(ranked(old)).toEqual(expected[0]);
    expect(texts.map((text) => ranked(text))).toEqual(expected);
  });
});
