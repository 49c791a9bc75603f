import { ShardedSearch } from '@nimbus/search-index';

// The site's sharded search index (/search-index/), one client per page: the search page and the case form share it,
// so a shard fetched once is never fetched again.

let engine: ShardedSearch | undefined;

/** The page's client of the site's sharded index. */
export function siteSearch(): ShardedSearch {
  engine ??= new ShardedSearch(async (file, as) => {
    const response = await fetch(`/search-index/${file}`);
    if (!response.ok) throw new Error(`Search index file ${file}: HTTP ${response.status}`);
    return as === 'text' ? response.text() : new Uint8Array(await response.arrayBuffer());
  });
  return engine;
}

/** The page URL of an indexed document: an article in its language, or a runbook. */
export function documentHref(kind: string, id: string, locale: string | undefined): string {
  if (kind === 'runbook') return `/runbooks/${id}/`;
  return `${locale === 'zh-TW' ? '/zh-tw' : ''}/articles/${id}/`;
}
