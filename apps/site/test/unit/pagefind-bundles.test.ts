import { describe, expect, test } from 'vitest';
import { bundlePages, bundleSize, filterValue, MAX_BUNDLE_PAGES, type IndexedPage } from '../../scripts/pagefind-index.ts';

// How the build splits a site's pages into Pagefind bundles (scripts/pagefind-index.ts): one index while Pagefind's
// memory allows it (a visitor's search then fetches one index's chunks and ranks with one index's statistics), above
// that the fewest bundles of at most MAX_BUNDLE_PAGES, each holding whole products.

/** `count` pages of `products` products, in path order, as the build's records give them. */
function site(count: number, products: number): { pages: string[]; records: Record<string, IndexedPage> } {
  const pages = Array.from({ length: count }, (_, index) => `articles/p${index % products}/page-${String(index).padStart(6, '0')}/index.html`).sort();
  const records = Object.fromEntries(pages.map((page) => [page, { hash: page, group: `Product ${page.split('/')[1]}`, body: true }]));
  return { pages, records };
}

describe('Pagefind bundle sizes', () => {
  test.each([
    [1, 1],
    [3152, 1],
    [MAX_BUNDLE_PAGES, 1],
    [MAX_BUNDLE_PAGES + 1, 2],
    [31520, 8],
  ])('%i pages: %i bundle(s) by default, none above the limit', (pages, bundles) => {
    const size = bundleSize(pages);
    expect(size).toBeLessThanOrEqual(MAX_BUNDLE_PAGES);
    expect(Math.ceil(pages / size)).toBe(bundles);
  });

  test('the corpus size is one bundle holding every page', () => {
    const { pages, records } = site(3152, 30);
    expect(bundlePages(pages, records, bundleSize(pages.length))).toEqual([pages]);
  });

  test('ten times that is bundles of whole products, each within the limit, every page once', () => {
    const { pages, records } = site(31520, 30);
    const bundles = bundlePages(pages, records, bundleSize(pages.length));
    expect(bundles.length).toBeGreaterThan(1);
    expect(bundles.every((bundle) => bundle.length <= MAX_BUNDLE_PAGES)).toBe(true);
    expect(bundles.flat().sort()).toEqual(pages);
    // A product no larger than a bundle lies in one bundle.
    const bundlesOf = new Map<string, Set<number>>();
    for (const [index, bundle] of bundles.entries()) for (const page of bundle) bundlesOf.set(records[page]!.group, (bundlesOf.get(records[page]!.group) ?? new Set()).add(index));
    expect(bundlesOf.size).toBe(30);
    expect([...bundlesOf.values()].every((indexes) => indexes.size === 1)).toBe(true);
  });
});

test('a product is listed for the search page as its select names it, not as the page escapes it', () => {
  expect(filterValue('Backup &amp; Recovery &lt;Classic&gt; &quot;v2&quot; &#39;beta&#39;')).toBe(`Backup & Recovery <Classic> "v2" 'beta'`);
  expect(filterValue('虛擬網路')).toBe('虛擬網路');
});
