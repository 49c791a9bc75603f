import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSynonyms, rank } from '@nimbus/case-index/core';
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
    const entry = { term: '§smtp:5.7.57', df: 3, docs: Uint32Array.from([1, 4, 9]), impacts: Uint8Array.from([7, 255, 1]), titles: [{ doc: 4, flags: 3, title: 2.5, alt: 1.25 }] };
    expect(decodeShard(encodeShard([entry]), 10)).toEqual([entry]);
  });

  it('refuses truncated bytes and postings past the last document', () => {
    const bytes = encodeShard([{ term: 'disk', df: 2, docs: Uint32Array.from([0, 5]), impacts: Uint8Array.from([3, 4]), titles: [] }]);
    expect(() => decodeShard(bytes.slice(0, bytes.length - 2), 10)).toThrow(ShardFormatError);
    expect(() => decodeShard(bytes, 3)).toThrow(/points past the last document/);
  });
});
