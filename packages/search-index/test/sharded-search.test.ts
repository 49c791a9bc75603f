import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSynonyms, expansionTerms, rank, type CaseIndex } from '@nimbus/case-index/core';
import { decodeShard, encodeShard, ShardFormatError, shardFile, termHash } from '../src/index.ts';
import { fixtureSearch } from './helpers.ts';

const queries = JSON.parse(readFileSync(new URL('fixtures/queries.json', import.meta.url), 'utf8')) as string[];

describe('ShardedSearch', () => {
  it('ranks every query exactly as rank does on the whole index: same documents, order, scores and evidence', async () => {
    const { index, search } = fixtureSearch();
    for (const query of queries) {
      const whole = rank(index, query, { top: 5 });
      const { results } = await search.search(query, { top: 5, correct: false });
      expect(whole.length, query).toBeGreaterThan(0);
      expect(results.map((result) => [result.doc, result.score, result.evidence.signatures])).toEqual(whole.map((result) => [result.doc, result.score, result.evidence.signatures]));
    }
  });

  it('ranks with the related terms of the index, as rank does: their lists ride in the shards, their postings are fetched', async () => {
    // Seven articles are too few to learn related terms; relate every word to the two words after it, by hand.
    const withRelated = (index: CaseIndex): CaseIndex => {
      const words = index.terms.map((term, id) => [term, id] as const).filter(([term]) => /^[a-z]{4,}$/.test(term));
      const offsets = new Uint32Array(index.terms.length + 1);
      const ids: number[] = [];
      const weights: number[] = [];
      const next = new Map(words.map(([, id], position) => [id, [words[(position + 1) % words.length]![1], words[(position + 2) % words.length]![1]]]));
      for (let id = 0; id < index.terms.length; id++) {
        for (const [rank, other] of (next.get(id) ?? []).entries()) {
          ids.push(other);
          weights.push(rank === 0 ? 230 : 120);
        }
        offsets[id + 1] = ids.length;
      }
      return { ...index, related: { offsets, ids: Uint32Array.from(ids), weights: Uint8Array.from(weights) } };
    };
    const { index, files, search, reads } = fixtureSearch({ targetShardBytes: 100 }, withRelated);
    let expanded = 0;
    // Expansion on, whatever rank's default: what is tested is that the shards rank as the whole index does with it.
    const expansionWeight = 0.3;
    for (const query of queries) {
      const whole = rank(index, query, { top: 5, expansionWeight });
      const expansions = expansionTerms(index, query, { expansionWeight });
      if (expansions.length > 0) expanded++;
      const before = reads.length;
      const { results } = await search.search(query, { top: 5, correct: false, expansionWeight });
      expect(results.map((result) => [result.doc, result.score]), query).toEqual(whole.map((result) => [result.doc, result.score]));
      // Every expansion term's shard was read (now or by an earlier query) — and the whole index never was.
      const shards = new Set(expansions.map((term) => `${files.manifest.base}/${shardFile(files.manifest, termHash(term))}`));
      expect([...shards].filter((shard) => !reads.includes(shard)), query).toEqual([]);
      expect(reads.slice(before).filter((file) => file.endsWith('.bin')).length).toBeLessThan(files.manifest.shardCount);
    }
    // The English queries were expanded (the Chinese one has no word related by hand).
    expect(expanded).toBe(queries.length - 1);
  });

  it('reads the manifest and only the shards of the query terms, each once', async () => {
    const { files, search, reads } = fixtureSearch({ targetShardBytes: 200 });
    expect(files.manifest.shardCount).toBeGreaterThan(4);
    const { query } = await search.search('VSS snapshot access denied', { correct: false });
    const shards = new Set(query.terms.map((term) => `${files.manifest.base}/${shardFile(files.manifest, termHash(term.term))}`));
    expect(reads.filter((file) => file.endsWith('.bin')).sort()).toEqual([...shards].sort());
    expect(reads.filter((file) => file === 'manifest.json')).toHaveLength(1);
    const before = reads.length;
    await search.search('VSS snapshot access denied', { correct: false });
    expect(reads.length).toBe(before);
  });

  it('answers a query of only very frequent words from their best postings', async () => {
    const { search, files } = fixtureSearch({ maxPostings: 1 });
    expect(files.manifest.maxPostings).toBe(1);
    const { results } = await search.search('windows update', { correct: false });
    expect(results.length).toBeGreaterThan(0);
  });

  it('corrects a word no document has to the closest known one, and says so', async () => {
    const { search } = fixtureSearch();
    const { results, corrections } = await search.search('windows update acess denied');
    expect(corrections).toEqual([{ from: 'acess', to: 'access' }]);
    expect(results[0]?.evidence.terms).toContain('access');
  });

  it('corrects a typo in the second letter too (looked up under the first and third letters)', async () => {
    const { search } = fixtureSearch();
    for (const [typo, word] of [['premission', 'permission'], ['pemission', 'permission'], ['udpate', 'update']] as const) {
      const { corrections } = await search.search(`ssh ${typo} denied`);
      expect(corrections, typo).toEqual([{ from: typo, to: word }]);
    }
  });

  it('expands the query with the vocabulary it was built with', async () => {
    const synonyms = compileSynonyms({ synonyms: [['out of disk space', 'disk full']] });
    const { search } = fixtureSearch({ synonyms });
    const { query } = await search.search('out of disk space', { correct: false });
    expect(query.terms.map((term) => term.term)).toContain('full');
  });

  it('fetches at most maxTerms shards for a pasted log', async () => {
    const { search, reads } = fixtureSearch({ targetShardBytes: 50 });
    const log = Array.from({ length: 200 }, (_, line) => `word${line}x token${line}y`).join('\n');
    await search.search(log, { maxTerms: 10, correct: false });
    expect(reads.filter((file) => file.endsWith('.bin')).length).toBeLessThanOrEqual(10);
  });
});

describe('shard codec', () => {
  it('round-trips a shard', () => {
    const entry = { term: '§smtp:5.7.57', df: 3, docs: Uint32Array.from([1, 4, 9]), impacts: Uint8Array.from([7, 255, 1]), titles: [{ doc: 4, flags: 3, title: 2.5, alt: 1.25 }], related: [{ term: 'smtp', weight: 200, df: 7 }] };
    expect(decodeShard(encodeShard([entry]), 10)).toEqual([entry]);
  });

  it('refuses truncated bytes and postings past the last document', () => {
    const bytes = encodeShard([{ term: 'disk', df: 2, docs: Uint32Array.from([0, 5]), impacts: Uint8Array.from([3, 4]), titles: [], related: [] }]);
    expect(() => decodeShard(bytes.slice(0, bytes.length - 2), 10)).toThrow(ShardFormatError);
    expect(() => decodeShard(bytes, 3)).toThrow(/points past the last document/);
  });
});
