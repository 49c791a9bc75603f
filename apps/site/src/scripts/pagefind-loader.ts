// Pagefind for the search page, with the site's other bundles (scripts/pagefind-index.ts writes them above a size)
// merged as a search needs them: a search filtered by product merges only the bundles holding that product, any other
// search every bundle. Each merged bundle costs its own index chunks for every word of a query, so the fewer the
// better. A merged bundle stays merged (Pagefind cannot drop one): later searches only add the bundles they lack.

export interface PagefindResultData {
  url: string;
  /** The page's whole indexed text. */
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}
export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] }>;
}
/** An entry of `indexes.json`: a bundle's folder below /pagefind/ and the product filter values of its pages. */
interface MergedBundle {
  path: string;
  products: string[];
}

const PAGEFIND_URL = '/pagefind/pagefind.js';
const PAGEFIND_PARTS_URL = '/pagefind/indexes.json';

/** A loader of Pagefind: call it with the product a search filters by (or none) before searching. */
export function pagefindLoader(options: Record<string, unknown>): (product?: string) => Promise<PagefindApi> {
  let ready: Promise<{ api: PagefindApi; parts: MergedBundle[] }> | undefined;
  const merged = new Map<string, Promise<void>>();
  return async (product) => {
    ready ??= (async () => {
      const url = PAGEFIND_URL;
      const [api, parts] = await Promise.all([
        import(/* @vite-ignore */ url) as Promise<PagefindApi>,
        fetch(PAGEFIND_PARTS_URL).then((response) => (response.ok ? (response.json() as Promise<MergedBundle[]>) : [])),
      ]);
      // No worker: one request less (12 KB); a search over a few thousand pages takes milliseconds on the main thread.
      await api.options({ ...options, noWorker: true });
      return { api, parts };
    })();
    const { api, parts } = await ready;
    // Started together: each registers its bundle at once, in list order (the order ties are shown in).
    await Promise.all(
      parts
        .filter((part) => !product || part.products.includes(product))
        .map((part) => {
          if (!merged.has(part.path)) merged.set(part.path, api.mergeIndex(new URL(part.path, new URL('/pagefind/', location.href)).pathname, options));
          return merged.get(part.path)!;
        }),
    );
    return api;
  };
}
