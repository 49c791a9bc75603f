import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SearchSession } from './search-page.ts';

// Nonsense gets the "no results" state, never loose matches (issue 11): the Pagefind fallback shows a page only when
// it holds every meaningful word of the query. The queries are a fixture (test/fixtures/nonsense-queries.json).

interface NonsenseQuery {
  query: string;
  zh?: boolean;
}
const { queries } = JSON.parse(readFileSync(new URL('../fixtures/nonsense-queries.json', import.meta.url), 'utf8')) as { queries: NonsenseQuery[] };
const sites = { public: inject('publicUrl'), internal: inject('internalUrl') };
let session: SearchSession;

beforeAll(async () => {
  session = await SearchSession.open();
});
afterAll(async () => session?.close());

/** What the search page shows for `query`: result count, status text, and whether the no-results help links are on screen. */
async function searchFor(site: string, { query, zh }: NonsenseQuery) {
  const prefix = zh ? '/zh-tw' : '';
  await session.search(`${site}${prefix}/search/`, query);
  return {
    results: await session.page.locator('[data-search-results] li').count(),
    status: (await session.page.textContent('[data-search-status]')) ?? '',
    noResultsText: (await session.page.getAttribute('[data-search-status]', 'data-no-results')) ?? '',
    errorIndex: await session.page.isVisible(`[data-no-results-help] a[href="${prefix}/errors/"]`),
    caseForm: await session.page.isVisible(`[data-no-results-help] a[href="${prefix}/support/new-case/"]`),
  };
}

describe.each(Object.entries(sites))('nonsense on the %s site', (_name, site) => {
  test(`${queries.length} nonsense queries: "no results" with the error index and the case form, no loose match`, async () => {
    expect(queries.length).toBeGreaterThanOrEqual(20);
    const answered: string[] = [];
    // One page per language, the queries typed one after another into its box.
    for (const item of queries.toSorted((a, b) => Number(Boolean(a.zh)) - Number(Boolean(b.zh)))) {
      const shown = await searchFor(site, item);
      if (shown.results > 0) answered.push(`${item.zh ? 'zh ' : ''}"${item.query}" → ${shown.results} result(s)`);
      else {
        expect(shown.status, item.query).toBe(shown.noResultsText);
        expect(shown.errorIndex && shown.caseForm, `${item.query}: the no-results help`).toBe(true);
      }
    }
    expect(answered).toEqual([]);
    expect(session.errors).toEqual([]);
  }, 180_000);
});
