import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { buildIndex, rank, type RankedResult } from '@nimbus/case-index/core';
import { buildSearchFiles, ShardedSearch, type SearchFiles } from '@nimbus/search-index';
import { sampleContentDir } from '../content-fixture.ts';

// One ranking everywhere (issue 11): the search page ranks over the shards it fetched, `kb suggest` / `kb link` rank
// the whole index with `rank`. On the sample site's index, for the whole query set, the page's own search function
// (src/scripts/search-query.ts, in Node over the very files the build writes) must give the same documents in the same
// order with the same scores as `rank` on the whole index, for the query as the page ranked it (a typo the page
// corrected is in that query).

interface QueryCase {
  kind: string;
  query: string;
}
const { queries } = JSON.parse(readFileSync(new URL('../fixtures/search-queries.json', import.meta.url), 'utf8')) as { queries: QueryCase[] };

/** A client reading the build's files from memory, as the page reads them over HTTP. */
function memoryClient({ manifest, files }: SearchFiles): ShardedSearch {
  return new ShardedSearch(async (file, as) => {
    const content = file === 'manifest.json' ? JSON.stringify(manifest) : files.get(file.slice(manifest.base.length + 1));
    if (content === undefined) throw new Error(`No file ${file}`);
    if (as === 'text') return typeof content === 'string' ? content : new TextDecoder().decode(content);
    return content as Uint8Array;
  });
}

const signature = (results: readonly RankedResult[]) => results.map((result) => `${result.doc}:${result.score}`);

const environment = { KB_CONTENT_DIR: process.env.KB_CONTENT_DIR, KB_AUDIENCE: process.env.KB_AUDIENCE };
afterAll(() => Object.assign(process.env, environment));

describe.each(['public', 'internal'] as const)('the %s site', (audience) => {
  test(`the page ranks all ${queries.length} queries exactly as rank does on the whole index`, async () => {
    // The site's modules read the audience and the content folder when they load.
    vi.resetModules();
    process.env.KB_CONTENT_DIR = sampleContentDir;
    process.env.KB_AUDIENCE = audience;
    const { searchDocuments, siteVocabulary } = await import('../../src/lib/search-shards.ts');
    const { pageFilter, searchPage } = await import('../../src/scripts/search-query.ts');
    const { documents, texts } = await searchDocuments(audience);
    const synonyms = await siteVocabulary();
    const index = buildIndex(documents);
    // The related terms rank expands a query with: the shards must carry them for the page to rank the same.
    expect(index.related?.ids.length ?? 0).toBeGreaterThan(0);
    const engine = memoryClient(buildSearchFiles(index, texts, synonyms ? { synonyms } : {}));
    const differing: string[] = [];
    let answered = 0;
    for (const { kind, query } of queries) {
      const pageLocale = kind === 'zh' ? 'zh-TW' : 'en';
      const found = await searchPage(engine, query, { pageLocale, top: 48 });
      // kb's rank on the query as typed; when the page corrected a typo, on the query as the page ranked it.
      const asRanked = found.corrections.length > 0 ? found.query : query;
      const whole = rank(index, asRanked, { top: 48, filter: pageFilter({ pageLocale }), ...(synonyms ? { synonyms } : {}) });
      if (signature(found.results).join(' ') !== signature(whole).join(' ')) differing.push(`${query}\n  page  ${signature(found.results).slice(0, 6).join(' ')}\n  rank  ${signature(whole).slice(0, 6).join(' ')}`);
      if (found.results.length > 0) answered++;
      // With the learned related terms expanding the query (whatever rank's default), still the same ranking.
      const expanded = await engine.search(query, { top: 48, filter: pageFilter({ pageLocale }), expansionWeight: 0.3 });
      const wholeExpanded = rank(index, expanded.corrections.length > 0 ? expanded.query : query, { top: 48, filter: pageFilter({ pageLocale }), expansionWeight: 0.3, ...(synonyms ? { synonyms } : {}) });
      if (signature(expanded.results).join(' ') !== signature(wholeExpanded).join(' ')) differing.push(`${query} (expanded)\n  page  ${signature(expanded.results).slice(0, 6).join(' ')}\n  rank  ${signature(wholeExpanded).slice(0, 6).join(' ')}`);
    }
    expect(differing).toEqual([]);
    expect(answered).toBeGreaterThan(queries.length * 0.9);
  }, 60_000);
});
