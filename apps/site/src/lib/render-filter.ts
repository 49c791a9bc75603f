import { readFileSync } from 'node:fs';

// A partial build (scripts/incremental/) renders only the pages whose inputs changed; the build script names them in
// a JSON file at KB_RENDER_ONLY. Without it every page is rendered.

/** What a partial build renders: page paths as `routeParam` gives them ('' for a home), and whether the search shards. */
interface RenderOnly {
  pages: string[];
  searchIndex: boolean;
}

const file = process.env.KB_RENDER_ONLY;
const only: RenderOnly | undefined = file ? (JSON.parse(readFileSync(file, 'utf8')) as RenderOnly) : undefined;
const pages = only ? new Set(only.pages) : undefined;

/** Whether this run renders the page at `param` (`routeParam`: undefined for a root home). */
export function rendersPage(param: string | undefined): boolean {
  return pages === undefined || pages.has(param ?? '');
}

/** Whether this run renders the search shards. */
export const rendersSearchIndex: boolean = only === undefined || only.searchIndex;
