import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Associations } from '../src/associations.ts';
import { buildIndex, type CaseIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { rank } from '../src/rank.ts';
import { modelScore, RERANK_FEATURES, type RerankModel } from '../src/rerank-learned.ts';
import { loadOverlap, overlapFeature, overlapQuery, serializeOverlap } from '../src/rerank-overlap.ts';
import { loadIndex, serializeIndex } from '../src/serialize.ts';
import { tokens } from '../src/tokenize.ts';

const fixtures = new URL('fixtures/learned/', import.meta.url);
const documents = ['mail/password-prompt.md', 'mail/calendar-sync.md', 'compute/slow-after-resize.md'].map((name) =>
  parseMarkdownArticle(readFileSync(new URL(`articles/${name}`, fixtures), 'utf8'), name),
);
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Record<'symptom' | 'coded', { subject: string; body: string }>;
const index = buildIndex(documents, { associations: false });
const paths = (results: ReadonlyArray<{ path: string }>) => results.map((result) => result.path);
const model = (weights: Partial<RerankModel>): RerankModel => ({ ...(Object.fromEntries(RERANK_FEATURES.map((name) => [name, 0])) as RerankModel), ...weights });
const feature = (name: (typeof RERANK_FEATURES)[number]) => RERANK_FEATURES.indexOf(name);

/** The learned stage's candidates and features for a case on an index. */
function featuresOf(on: CaseIndex, text: { subject: string; body: string }) {
  let seen: { candidates: readonly number[]; features: readonly Float64Array[] } | undefined;
  rank(on, text, { top: 50, evidence: false, rerankModel: model({}), onRerankFeatures: (candidates, features) => (seen = { candidates, features }) });
  if (!seen) throw new Error('the learned stage did not run');
  const byPath = new Map(seen.candidates.map((doc, i) => [on.docs[doc]!.path, seen!.features[i]!]));
  return { ...seen, byPath };
}

describe('overlap head words', () => {
  it('marks the words of the title, summary and Symptoms section, not those only in the body', () => {
    const data = index.overlap!;
    const doc = documents.findIndex((document) => document.path === 'mail/password-prompt.md');
    const inHead = (word: string) => {
      const id = data.wordIds.get(word)!;
      for (let position = data.offsets[doc]!; position < data.offsets[doc + 1]!; position++) if (data.docWords[position] === id) return data.head[position];
      return undefined;
    };
    expect(inHead('keeps')).toBe(1);
    expect(inHead('credential')).toBe(1);
    expect(inHead('cached')).toBe(0);
    expect(inHead('calendar')).toBeUndefined();
  });

  it('round-trips through the serialised index and refuses head bits that do not fit', () => {
    const loaded = loadIndex(JSON.stringify(serializeIndex(index)));
    expect([...loaded.overlap!.head]).toEqual([...index.overlap!.head]);
    expect([...loaded.overlap!.headNorms]).toEqual([...index.overlap!.headNorms]);
    const serialized = serializeOverlap(index.overlap!);
    expect(() => loadOverlap({ ...serialized, head: '' }, documents.length, (message) => new Error(message))).toThrow(/head bits/);
  });
});

describe('rerankFeatures', () => {
  const { candidates, features, byPath } = featuresOf(index, cases.symptom);
  const lexical = rank(index, cases.symptom, { top: 50, evidence: false });

  it('sees the lexical candidates in their order, with the lexical score relative to the best and the position', () => {
    expect(candidates.map((doc) => index.docs[doc]!.path)).toEqual(paths(lexical));
    features.forEach((row, i) => {
      expect(row.length).toBe(RERANK_FEATURES.length);
      expect(row[feature('lexical')]).toBeCloseTo(lexical[i]!.score / lexical[0]!.score, 3);
      expect(row[feature('position')]).toBeCloseTo(Math.log(1 + i), 12);
    });
  });

  it('measures how much of the case and of each title a candidate holds', () => {
    const password = byPath.get('mail/password-prompt.md')!;
    const calendar = byPath.get('mail/calendar-sync.md')!;
    const slow = byPath.get('compute/slow-after-resize.md')!;
    // The slow-VM article shares only "Outlook" with the case, and none of its title.
    expect(slow[feature('title')]).toBe(0);
    expect(calendar[feature('title')]).toBeGreaterThan(0);
    expect(password[feature('title')]).toBeGreaterThan(calendar[feature('title')]!);
    expect(slow[feature('coverage')]).toBeGreaterThan(0);
    expect(password[feature('coverage')]).toBeGreaterThan(slow[feature('coverage')]!);
    expect(password[feature('plainCoverage')]).toBeGreaterThan(slow[feature('plainCoverage')]!);
    expect(password[feature('plainCoverage')]).toBeLessThanOrEqual(1);
  });

  it('counts the other leading candidates in the same folder', () => {
    expect(byPath.get('mail/password-prompt.md')![feature('folder')]).toBe(0.5);
    expect(byPath.get('mail/calendar-sync.md')![feature('folder')]).toBe(0.5);
    expect(byPath.get('compute/slow-after-resize.md')![feature('folder')]).toBe(0);
  });

  it('standardises the cosines and the length over the candidates', () => {
    for (const name of ['overlap', 'head', 'length'] as const) {
      const mean = features.reduce((sum, row) => sum + row[feature(name)]!, 0) / features.length;
      expect(mean).toBeCloseTo(0, 9);
    }
    // The whole-article feature is the overlap cosine, standardised: the same order.
    const data = index.overlap!;
    const query = overlapQuery(data, cases.symptom.subject, cases.symptom.body);
    const cosines = candidates.map((doc) => overlapFeature(data, query, doc));
    const order = (values: readonly number[]) => values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
    expect(order(features.map((row) => row[feature('overlap')]!))).toEqual(order(cosines));
  });

  it('credits a word the candidate lacks but holds a related term of', () => {
    const [password] = tokens('password');
    const [disk] = tokens('disk');
    const from = index.termIds.get(password!)!;
    const to = index.termIds.get(disk!)!;
    // Hand-made associations: "password" is related to "disk" (only the slow-VM article has it).
    const offsets = new Uint32Array(index.terms.length + 1);
    for (let term = from + 1; term <= index.terms.length; term++) offsets[term] = 1;
    const related: Associations = { offsets, ids: Uint32Array.of(to), weights: Uint8Array.of(200) };
    const withRelated = featuresOf({ ...index, related }, cases.symptom).byPath;
    expect(byPath.get('compute/slow-after-resize.md')![feature('related')]).toBe(0);
    expect(withRelated.get('compute/slow-after-resize.md')![feature('related')]).toBeGreaterThan(0);
    // The articles that hold "password" itself get nothing for its related term.
    expect(withRelated.get('mail/password-prompt.md')![feature('related')]).toBe(0);
  });
});

describe('rank with rerankModel', () => {
  it('orders the candidates by the model’s score', () => {
    const { candidates, features } = featuresOf(index, cases.symptom);
    const weights = model({ lexical: 1, overlap: 0.5, length: -1 });
    const expected = candidates
      .map((doc, i) => ({ path: index.docs[doc]!.path, value: modelScore(weights, features[i]!) }))
      .sort((a, b) => b.value - a.value)
      .map((entry) => entry.path);
    const results = rank(index, cases.symptom, { rerankModel: weights });
    expect(paths(results)).toEqual(expected);
    // Scores stay in the lexical units: the first keeps the best lexical score, the rest follow the model's odds.
    expect(results[0]!.score).toBeCloseTo(rank(index, cases.symptom)[0]!.score, 3);
    expect(results[1]!.score).toBeLessThanOrEqual(results[0]!.score);
  });

  it('keeps the lexical order under a model of zeros, and is off by default', () => {
    expect(paths(rank(index, cases.symptom, { rerankModel: model({}) }))).toEqual(paths(rank(index, cases.symptom)));
    const against = model({ lexical: -5 });
    expect(paths(rank(index, cases.symptom, { rerankModel: against }))).not.toEqual(paths(rank(index, cases.symptom)));
  });

  it('leaves a report that quotes an error signature to the lexical ranking', () => {
    expect(rank(index, cases.coded, { rerankModel: model({ lexical: -5 }) })).toEqual(rank(index, cases.coded));
  });

  it('ranks the same after the index is serialised and loaded', () => {
    const loaded = loadIndex(JSON.stringify(serializeIndex(index)));
    const weights = model({ lexical: 1, head: 0.7, title: 1, folder: 0.5 });
    expect(rank(loaded, cases.symptom, { rerankModel: weights })).toEqual(rank(index, cases.symptom, { rerankModel: weights }));
  });
});
