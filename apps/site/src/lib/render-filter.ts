import { readFileSync, writeFileSync } from 'node:fs';
import { buildAudience } from './site-config.ts';
import type { Route } from './routes.ts';

// A partial build (scripts/incremental/) renders only the pages whose inputs changed; the build script names them in
// a JSON file at KB_RENDER_ONLY. Without it every page is rendered.

/** What a partial build renders, and what the published build's pages showed that depends on every article. */
interface RenderOnly {
  /** Page paths as `routeParam` gives them ('' for a home). */
  pages: string[];
  searchIndex: boolean;
  /** Cases resolved per article id, as the published internal build's article pages show them. */
  casesResolved?: Record<string, number>;
}

/** What this build's article pages show that depends on every article (KB_BUILD_FACTS), for the next build. */
export interface BuildFacts {
  casesResolved: Record<string, number>;
}

const file = process.env.KB_RENDER_ONLY;
const only: RenderOnly | undefined = file ? (JSON.parse(readFileSync(file, 'utf8')) as RenderOnly) : undefined;
const pages = only ? new Set(only.pages) : undefined;

/** Whether this run renders the page at `param` (`routeParam`: undefined for a root home). */
export function rendersPage(param: string | undefined): boolean {
  return pages === undefined || pages.has(param ?? '');
}

/** Whether this run renders the search shards: not when the build script writes them (scripts/search-index-files.ts). */
export const rendersSearchIndex: boolean = !process.env.KB_SEARCH_INDEX_BY_BUILD && (only === undefined || only.searchIndex);

/**
 * The ids of articles whose page shows something else than in the published build although the article did not
 * change: on the internal site, how many cases each article resolved comes from ranking every case against every
 * article, so one edit can move another article's count. Writes this build's counts to KB_BUILD_FACTS.
 */
export async function articlesWithChangedFacts(routes: readonly Route[]): Promise<Set<string>> {
  const factsFile = process.env.KB_BUILD_FACTS;
  if (!factsFile) return new Set();
  const casesResolved: Record<string, number> = {};
  if (buildAudience === 'internal') {
    const { casesResolvedBy } = await import('../views/reports/case-report.ts');
    for (const route of routes) {
      if (route.kind !== 'article') continue;
      const count = await casesResolvedBy(route.item.article.id);
      if (count !== undefined) casesResolved[route.item.article.id] = count;
    }
  }
  writeFileSync(factsFile, JSON.stringify({ casesResolved } satisfies BuildFacts));
  const previous = only?.casesResolved ?? {};
  return new Set(Object.keys(casesResolved).filter((id) => casesResolved[id] !== previous[id]));
}
