import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { buildQuery } from '../src/query.ts';
import { rank } from '../src/rank.ts';
import { buildOverlap, DEFAULT_OVERLAP_WEIGHT, fuseOverlap, loadOverlap, overlapFeature, overlapQuery, plainWords, serializeOverlap } from '../src/rerank-overlap.ts';
import { loadIndex, serializeIndex } from '../src/serialize.ts';

const fixtures = new URL('fixtures/overlap/', import.meta.url);
const articles = new URL('articles/', fixtures);
const documents = readdirSync(articles)
  .sort()
  .map((name) => parseMarkdownArticle(readFileSync(new URL(name, articles), 'utf8'), name));
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Record<'symptom' | 'coded' | 'redacted', { subject: string; body: string }>;
const index = buildIndex(documents, { associations: false });
const paths = (results: ReadonlyArray<{ path: string }>) => results.map((result) => result.path);
const words = (text: string) => {
  const out: string[] = [];
  plainWords(text, (word) => out.push(word));
  return out;
};

describe('plainWords', () => {
  it('keeps lower-case words of two letters or more, unstemmed, without stop words or digits', () => {
    expect(words('Outlook KEEPS asking for my password 0x80070005 a b2c')).toEqual(['outlook', 'keeps', 'asking', 'password']);
  });
});

describe('overlapFeature', () => {
  it('is the idf-weighted cosine of the report and the article (up to the report norm)', () => {
    const data = buildOverlap(documents);
    const doc = documents.findIndex((document) => document.path === 'credential-loop.md');
    const query = overlapQuery(data, 'keeps asking', 'outlook');
    // By hand: ln((N+1)/(df+0.5)) per word, subject words twice the body's, divided by the article's idf norm.
    const N = documents.length;
    const idf = (word: string) => Math.log((N + 1) / (documents.filter((d) => words(`${d.title}\n${d.body}`).includes(word)).length + 0.5));
    const own = new Set(words(`${documents[doc]!.title}\n${documents[doc]!.description ?? ''}\n${documents[doc]!.body}`));
    const norm = Math.sqrt([...own].reduce((sum, word) => sum + idf(word) ** 2, 0));
    const expected = (2 * idf('keeps') ** 2 + 2 * idf('asking') ** 2 + idf('outlook') ** 2) / norm;
    expect(overlapFeature(data, query, doc)).toBeCloseTo(expected, 5);
  });

  it('ignores the redactor’s markers', () => {
    const data = buildOverlap(documents);
    const redacted = overlapQuery(data, '', cases.redacted.body).size;
    expect(redacted).toBe(overlapQuery(data, '', 'Outlook: reported by .').size);
    expect(redacted).toBe(1);
    // "email" is an article word: without the marker stripped it would count.
    expect(overlapQuery(data, '', 'Outlook: reported by email.').size).toBe(2);
  });
});

describe('fuseOverlap', () => {
  it('adds the standardised feature to the score relative to the best, in the score’s units', () => {
    // z-scores of [0, 1] are [-1, 1]: 10 × (1 − 0.5) = 5 and 10 × (0.8 + 0.5) = 13.
    expect(fuseOverlap([10, 8], [0, 1], 0.5)).toEqual([5, 13]);
    expect(fuseOverlap([10, 8], [0, 1], 0)).toEqual([10, 8]);
    expect(fuseOverlap([10, 8], [1, 1], 0.5)).toEqual([10, 8]);
  });
});

describe('rank with overlapWeight', () => {
  it('lifts the article that holds the report’s own words above the one that only shares their stems', () => {
    expect(paths(rank(index, cases.symptom))[0]).toBe('asks-password.md');
    expect(paths(rank(index, cases.symptom, { overlapWeight: 1 }))[0]).toBe('credential-loop.md');
    // Off by default: rank() without the option is the lexical order.
    expect(rank(index, cases.symptom)).toEqual(rank(index, cases.symptom, { overlapWeight: 0 }));
  });

  it('leaves a report that quotes an error signature to the lexical ranking', () => {
    expect(rank(index, cases.coded, { overlapWeight: 1 })).toEqual(rank(index, cases.coded));
  });

  it('does nothing for a prepared query or an index without plain words', () => {
    const bare = buildIndex(documents, { associations: false, overlap: false });
    expect(bare.overlap).toBeUndefined();
    expect(rank(bare, cases.symptom, { overlapWeight: 1 })).toEqual(rank(bare, cases.symptom));
    const query = buildQuery(cases.symptom);
    expect(rank(index, query, { overlapWeight: 1 })).toEqual(rank(index, query));
  });

  it('ranks the same after the index is serialised and loaded', () => {
    const loaded = loadIndex(JSON.stringify(serializeIndex(index)));
    expect(loaded.overlap?.words).toEqual(index.overlap?.words);
    expect(rank(loaded, cases.symptom, { overlapWeight: DEFAULT_OVERLAP_WEIGHT })).toEqual(rank(index, cases.symptom, { overlapWeight: DEFAULT_OVERLAP_WEIGHT }));
  });

  it('refuses word lists that do not fit their documents', () => {
    const serialized = serializeOverlap(index.overlap!);
    const fail = (message: string) => new Error(message);
    expect(() => loadOverlap({ ...serialized, ids: '' }, documents.length, fail)).toThrow(/Overlap word lists/);
    expect(() => loadOverlap({ ...serialized, words: 'one' }, documents.length, fail)).toThrow(/past the last word/);
  });
});
