import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveDir } from '../../scripts/serve.ts';
import { launchBrowser, trackPageErrors } from './browser.ts';

// Above a size the build writes Pagefind in bounded bundles that the search page merges (scripts/pagefind-index.ts).
// The sample is one index, so this builds it again with bundles of a few pages and checks that every Pagefind answer
// — a filter without a query, a quoted phrase — is the same as from the one index, and that a search filtered by
// product merges only the bundles that hold the product.
const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const publicUrl = inject('publicUrl');
const internalUrl = inject('internalUrl');
let work: string;
let browser: Browser;
const servers: Server[] = [];
const bundled: Record<'public' | 'internal', string> = { public: '', internal: '' };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kb-bundles-'));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteRoot, 'scripts/build.ts')], {
      cwd: siteRoot,
      env: { ...process.env, KB_PAGEFIND_BUNDLE_PAGES: '4', KB_PUBLIC_OUT: path.join(work, 'dist'), KB_INTERNAL_OUT: path.join(work, 'dist-internal'), KB_CACHE_DIR: path.join(work, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`build failed:\n${output}`))));
  });
  for (const audience of ['public', 'internal'] as const) {
    const server = await serveDir(path.join(work, audience === 'public' ? 'dist' : 'dist-internal'), 0);
    servers.push(server);
    bundled[audience] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (work) await rm(work, { recursive: true, force: true });
});

/** The result links of a search page, and the Pagefind bundles it fetched from. */
async function search(base: string, query: string): Promise<{ links: string[]; bundles: string[] }> {
  const page = await browser.newPage();
  const errors = trackPageErrors(page);
  const bundles = new Set<string>();
  page.on('request', (request) => {
    const match = /\/pagefind\/(part-\d+\/)?pagefind-entry\.json/.exec(new URL(request.url()).pathname);
    if (match) bundles.add(match[1] ?? '');
  });
  await page.goto(`${base}/search/?${query}`);
  await page.waitForFunction(() => { const root = document.querySelector<HTMLElement>('[data-search]'); return !!root?.dataset.searchDone && root.dataset.searchDone === root.dataset.searchCount; });
  // Every result, not only the first page of them: ties are ordered by bundle, so the first page may differ.
  while (await page.isVisible('[data-more-results]')) {
    const shown = await page.locator('[data-search-results] li').count();
    await page.click('[data-more-results]');
    await page.waitForFunction((before) => document.querySelectorAll('[data-search-results] li').length > before, shown);
  }
  const links = await page.$$eval('[data-search-results] li > a', (found) => found.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(errors).toEqual([]);
  await page.close();
  return { links, bundles: [...bundles].sort() };
}

/** The bundles `indexes.json` of a built site lists, with their products. */
const partsOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'pagefind/indexes.json'), 'utf8')) as Array<{ path: string; products: string[] }>;

describe('Pagefind in bundles', () => {
  test('the default build is one index; bundles of a few pages are listed for the search page with their products', async () => {
    for (const dir of ['dist', 'dist-internal']) {
      expect(await partsOf(path.join(siteRoot, dir))).toEqual([]);
      const parts = await partsOf(path.join(work, dir));
      expect(parts.length).toBeGreaterThan(2);
      expect(parts.every((part) => /^part-\d+\/$/.test(part.path) && Array.isArray(part.products))).toBe(true);
      // Whole products per bundle, so most bundles hold one or two (pages without a product, runbooks, hold none).
      expect(parts.filter((part) => part.products.length > 0).length).toBeGreaterThan(parts.length / 2);
      expect(parts.every((part) => part.products.length <= 4)).toBe(true);
    }
  });

  test.each([
    ['an area without a query', `area=${encodeURIComponent('Identity and access')}`, undefined],
    ['a quoted phrase', `q=${encodeURIComponent('"access denied"')}`, undefined],
    ['a product without a query', `product=${encodeURIComponent('Virtual Networks and Load Balancers')}`, 'Virtual Networks and Load Balancers'],
    ['a product and an area', `product=${encodeURIComponent('Identity and Access Management')}&area=${encodeURIComponent('Identity and access')}`, 'Identity and Access Management'],
  ])('%s finds what one index finds, from the bundles it needs', async (_, query, product) => {
    for (const [one, many, dir] of [[publicUrl, bundled.public, 'dist'], [internalUrl, bundled.internal, 'dist-internal']] as const) {
      const single = await search(one, query);
      const merged = await search(many, query);
      expect(single.links.length).toBeGreaterThan(0);
      expect(single.bundles).toEqual(['']);
      expect(merged.links.sort()).toEqual(single.links.sort());
      // Every bundle, or with a product filter the first (always loaded) and those holding the product only.
      const parts = await partsOf(path.join(work, dir));
      const needed = parts.filter((part) => !product || part.products.includes(product)).map((part) => part.path);
      expect(merged.bundles).toEqual(['', ...needed].sort());
      if (product) expect(needed.length).toBeLessThan(parts.length / 2);
    }
  });
});
