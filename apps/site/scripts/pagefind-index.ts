// Indexes a built site with Pagefind as one index, or, above {@link MAX_BUNDLE_PAGES} pages, as several bundles, one
// Pagefind process after another, that the search page merges at query time (Pagefind's mergeIndex): Pagefind holds
// every page of an index in memory until it writes it (7.3 GB for 31,520 pages in one index), so a bounded bundle
// bounds its memory, and an edit re-indexes only the bundle that holds the edited page while every other bundle is
// taken from the published build. Up to that size the site is one index: each merged bundle costs the browser its own
// index chunks for every word of a query (eight bundles: 4 × the bytes), and ranks with its own term statistics.
//
// Layout: `pagefind/` is the first bundle (Pagefind's script and WebAssembly, the only ones loaded), `pagefind/part-N/`
// the others (their index files only), and `pagefind/indexes.json` lists the parts the search page merges, each with
// the products it holds (so a search filtered by product merges only those). Pages are grouped by product (the filter
// Pagefind reads from them), products in name order packed into bundles of at most `chunkPages` pages (a product
// larger than that is split in path order), so a bundle holds whole products.
// Bundle sizes follow the number of pages, which only a cold build changes, so a partial build bundles as its cold one.
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { pagefindInput } from './pagefind-input.ts';
import { ownCopy } from './own-copy.ts';

// Pagefind also writes its ready-made UIs; the site has its own search page, so they are dead weight in every deploy.
const UNUSED_UI = /^pagefind-(?:component-|modular-)?ui\.(?:js|css)$|^pagefind-highlight\.js$/;
/** What a merged bundle does not need: the first bundle's script, worker and WebAssembly serve every bundle. */
const PRIMARY_ONLY = /\.(?:js|css)$|^wasm\./;
/**
 * Pages of one Pagefind process at most: Pagefind's peak RSS was 477 MB at 2,279 pages and 780 MB at 3,142 (about
 * 0.25 GB per thousand pages), so a bundle stays near 1 GB. It is also what one edit costs to index again at most.
 */
export const MAX_BUNDLE_PAGES = 4000;
/** Bundle size by default: the whole site up to {@link MAX_BUNDLE_PAGES} pages, above it the fewest bundles of about equal size. */
export const bundleSize = (pages: number) => Math.max(1, Math.ceil(pages / Math.max(1, Math.ceil(pages / MAX_BUNDLE_PAGES))));
export const MERGE_LIST = 'indexes.json';

/** What the index knows of one page, kept in the manifest so the next build need not read a reused page again. */
export interface IndexedPage {
  /** Hash of what Pagefind reads of the page (pagefind-input.ts). */
  hash: string;
  /** The product filter value; '' when the page has none. */
  group: string;
  /** Whether the page marks its indexed part (data-pagefind-body). */
  body: boolean;
}

/** One bundle: its folder below `pagefind/` ('' for the first) and a hash of its pages and their inputs. */
export interface BundleRecord {
  name: string;
  signature: string;
}

/** An entry of `indexes.json`: a bundle the search page may merge, and the product filter values of its pages. */
export interface MergedBundle {
  path: string;
  products: string[];
}

export interface IndexResult {
  /** Pages handed to Pagefind. */
  pages: number;
  records: Record<string, IndexedPage>;
  bundles: BundleRecord[];
  /** Bundles indexed by this build and bundles taken from the published one. */
  indexed: number;
  reused: number;
}

export interface IndexOptions {
  /** Records of pages known to be unchanged (a partial build's pages linked from the published build). */
  known?: Record<string, IndexedPage>;
  /** The published build's folder and bundles: a bundle of the same pages and inputs is linked from it. */
  previous?: { dir: string; bundles: readonly BundleRecord[] };
  /** Pages per bundle; {@link bundleSize} by default. */
  chunkPages?: number;
}

const PRODUCT_FILTER = /\sdata-pagefind-filter="product"[^>]*>([^<]*)</;

/** The HTML pages of a built site, as sorted relative paths with `/`. */
async function htmlPages(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((page) => !page.startsWith('pagefind/'))
    .sort();
}

function recordOf(input: string): IndexedPage {
  // The group is kept per page, in the records: a copy of its own, not a view into the page (own-copy.ts).
  return { hash: createHash('sha256').update(input).digest('hex'), group: ownCopy(PRODUCT_FILTER.exec(input)?.[1] ?? ''), body: /\sdata-pagefind-body\b/.test(input) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** A filter value as Pagefind reads it (and the search page's select holds it) from its text in the page, as Astro escapes it. */
export function filterValue(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
}

/** Splits pages into bundles: products in name order, packed whole into bundles of at most `size` pages. */
export function bundlePages(pages: readonly string[], records: Record<string, IndexedPage>, size: number): string[][] {
  const groups = new Map<string, string[]>();
  for (const page of pages) {
    const group = records[page]!.group;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(page);
  }
  const bundles: string[][] = [[]];
  for (const group of [...groups.keys()].sort()) {
    for (let start = 0, members = groups.get(group)!; start < members.length; start += size) {
      const piece = members.slice(start, start + size);
      if (bundles.at(-1)!.length + piece.length > size && bundles.at(-1)!.length > 0) bundles.push([]);
      bundles.at(-1)!.push(...piece);
    }
  }
  return bundles.map((bundle) => bundle.sort());
}

/** Hard-links (or copies across file systems) every file below `from` into `to`, skipping `skip` at the top. */
async function linkTree(from: string, to: string, skip: (name: string) => boolean): Promise<void> {
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(from, path.join(entry.parentPath, entry.name));
    if (skip(relative.split(path.sep)[0]!)) continue;
    await mkdir(path.dirname(path.join(to, relative)), { recursive: true });
    await link(path.join(from, relative), path.join(to, relative)).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      await copyFile(path.join(from, relative), path.join(to, relative));
    });
  }
}

/** Pages handed to Pagefind before the first of them is answered. */
const IN_FLIGHT = 64;

const isPart = (name: string) => /^part-\d+$/.test(name) || name === MERGE_LIST;

/** Indexes `pages` of `dir` into `out` with a Pagefind process of its own (`inputs`: what it reads of pages already cut); throws with Pagefind's messages. */
async function writeBundle(dir: string, pages: readonly string[], out: string, primary: boolean, inputs?: ReadonlyMap<string, string>): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // Pages go out while Pagefind indexes the ones before: its service takes one message at a time, in order, so the
    // index is the same as adding them one by one, and reading the next pages overlaps its work instead of waiting
    // for each answer (3,226 pages: 6.8 → 5.2 s to add). At most IN_FLIGHT pages wait in the pipe, bounding memory.
    const add = async (page: string, content: string) => {
      const added = await index.addHTMLFile({ url: pageUrl(page), content });
      if (added.errors.length > 0) throw new Error(`Pagefind failed to index ${path.join(dir, page)}: ${added.errors.join('; ')}`);
    };
    const inFlight: Array<Promise<void>> = [];
    for (const page of pages) {
      const adding = add(page, inputs?.get(page) ?? pagefindInput(await readFile(path.join(dir, page), 'utf8')));
      // Awaited below, in order; handled here too, so a page that fails before its turn is no unhandled rejection.
      adding.catch(() => undefined);
      inFlight.push(adding);
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length > 0) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
  } finally {
    // Ending the service gives its memory back before the next bundle.
    await pagefind.close();
  }
  for (const name of await readdir(out)) if (UNUSED_UI.test(name) || (!primary && PRIMARY_ONLY.test(name))) await rm(path.join(out, name));
}

/**
 * Indexes a built site into `<dir>/pagefind/` (layout above). Each page is handed over as the part Pagefind reads of
 * it (pagefind-input.ts), in path order within its bundle.
 */
export async function indexSite(dir: string, options: IndexOptions = {}): Promise<IndexResult> {
  const all = await htmlPages(dir);
  const records: Record<string, IndexedPage> = {};
  // What Pagefind reads of each page is kept for its bundle when the site is small enough to hold it (one bundle's
  // worth at most), so the pages are read and cut once, not twice.
  const inputs = all.length <= MAX_BUNDLE_PAGES ? new Map<string, string>() : undefined;
  for (const page of all) {
    const known = options.known?.[page];
    if (known) {
      records[page] = known;
      continue;
    }
    const input = pagefindInput(await readFile(path.join(dir, page), 'utf8'));
    records[page] = recordOf(input);
    inputs?.set(page, input);
  }
  // Pagefind's own rule: once a page marks its body, pages that mark none are not indexed.
  const pages = all.some((page) => records[page]!.body) ? all.filter((page) => records[page]!.body) : all;
  const bundles = bundlePages(pages, records, Math.max(1, options.chunkPages || bundleSize(pages.length)));
  const root = path.join(dir, 'pagefind');
  const previous = new Map((options.previous?.bundles ?? []).map((bundle) => [bundle.name, bundle.signature]));
  const result: IndexResult = { pages: pages.length, records, bundles: [], indexed: 0, reused: 0 };
  const merged: MergedBundle[] = [];
  for (const [number, members] of bundles.entries()) {
    const name = number === 0 ? '' : `part-${number}`;
    const signature = createHash('sha256').update(JSON.stringify(members.map((page) => [page, records[page]!.hash]))).digest('hex');
    result.bundles.push({ name, signature });
    if (name) merged.push({ path: `${name}/`, products: [...new Set(members.map((page) => filterValue(records[page]!.group)).filter(Boolean))].sort() });
    if (options.previous && previous.get(name) === signature) {
      await linkTree(path.join(options.previous.dir, 'pagefind', name), path.join(root, name), (top) => name === '' && isPart(top));
      result.reused++;
    } else {
      await writeBundle(dir, members, path.join(root, name), name === '', inputs);
      result.indexed++;
    }
  }
  await writeFile(path.join(root, MERGE_LIST), `${JSON.stringify(merged)}\n`);
  return result;
}

/** The URL Pagefind gives a page file when it reads a folder: `a/b/index.html` → `/a/b/`. */
function pageUrl(page: string): string {
  return `/${page.replace(/(?:^|\/)index\.html$/, (match) => (match.startsWith('/') ? '/' : ''))}`;
}
