import type { DocumentFilter, ShardedSearch, ShardedSearchResult } from '@nimbus/search-index';

// What the search page asks the sharded index, as one function: the page calls it, and a Node test calls it on the
// same index to check that the page ranks exactly as `rank` (kb suggest, kb link) does on the whole index.

/** The page a search runs on and the filters chosen there. */
export interface PageSearch {
  /** Language of the page: the English page lists English articles (and runbooks), the Chinese page every article. */
  pageLocale: 'en' | 'zh-TW';
  /** Taxonomy id of the chosen product, or empty. */
  product?: string;
  /** Taxonomy id of the chosen area, or empty. */
  area?: string;
  /** Results ranked at most. */
  top: number;
}

/** Which documents the page lists: on the English page English articles and runbooks, on the Chinese page all. */
export function pageFilter({ pageLocale, product, area }: Omit<PageSearch, 'top'>): DocumentFilter {
  return (doc) => (pageLocale === 'en' ? doc.locale === 'en' || doc.kind === 'runbook' : true) && (!product || doc.product === product) && (!area || doc.area === area);
}

/** Ranks `query` for the search page: one slot per article, shown later in the page's language when translated. */
export function searchPage(engine: ShardedSearch, query: string, page: PageSearch): Promise<ShardedSearchResult> {
  return engine.search(query, { top: page.top, filter: pageFilter(page) });
}
