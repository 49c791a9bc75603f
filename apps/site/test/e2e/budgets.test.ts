import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';

// Lighthouse-style resource budgets: what a customer downloads per page, measured in a real browser. Sizes are what
// a host sends with gzip (Pagefind's index files are gzip already and count as they are).
const publicUrl = inject('publicUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Kind = 'html' | 'js' | 'css' | 'search-index' | 'other';
interface Transfer {
  url: string;
  kind: Kind;
  bytes: number;
}

function kindOf(url: string, contentType: string): Kind {
  if (url.includes('/pagefind/') || url.includes('/search-index/')) return 'search-index';
  if (contentType.includes('html')) return 'html';
  if (contentType.includes('javascript')) return 'js';
  if (contentType.includes('css')) return 'css';
  return 'other';
}

/** Records every response of a page with its transfer size. */
function recordTransfers(page: Page): Transfer[] {
  const transfers: Transfer[] = [];
  page.on('response', async (response) => {
    const url = response.url();
    const body = await response.body().catch(() => Buffer.alloc(0));
    const kind = kindOf(url, response.headers()['content-type'] ?? '');
    const compressed = url.includes('/pagefind/') && !/\.(?:js|json)$/.test(new URL(url).pathname);
    transfers.push({ url, kind, bytes: compressed ? body.length : gzipSync(body).length });
  });
  return transfers;
}

const total = (transfers: Transfer[], kind?: Kind) => transfers.filter((t) => !kind || t.kind === kind).reduce((sum, t) => sum + t.bytes, 0);

/** Layout shift of the page so far (Lighthouse's CLS, without session windows: stricter). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) sum += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 300);
      }),
  );
}

describe('page weight budgets (gzip, as a host sends them)', () => {
  test.each([
    ['home', '/'],
    ['article', '/articles/compute/iis-http-error-403-14-forbidden/'],
    ['Chinese article', '/zh-tw/articles/compute/iis-http-error-403-14-forbidden/'],
    ['product', '/products/compute/'],
    ['error index', '/errors/'],
  ])('%s: ≤ 15 KB JS before search is opened, ≤ 100 KB in all, same origin only, no layout shift', async (_name, url) => {
    const page = await browser.newPage();
    const transfers = recordTransfers(page);
    await page.goto(`${publicUrl}${url}`, { waitUntil: 'networkidle' });
    expect(total(transfers, 'js')).toBeLessThanOrEqual(15 * 1024);
    expect(total(transfers, 'css')).toBeLessThanOrEqual(20 * 1024);
    expect(total(transfers, 'search-index')).toBe(0);
    expect(total(transfers)).toBeLessThanOrEqual(100 * 1024);
    expect(transfers.length).toBeLessThanOrEqual(15);
    expect(transfers.filter((t) => !t.url.startsWith(publicUrl))).toEqual([]);
    expect(await layoutShift(page)).toBeLessThan(0.1);
    // No script blocks rendering: every script is a module (deferred) or the tiny inline theme snippet.
    const blocking = await page.$$eval('head script[src]:not([type="module"]):not([async]):not([defer])', (nodes) => nodes.length);
    expect(blocking).toBe(0);
    await page.close();
  });

  test('a search transfers ≤ 150 KB in all, index and result fragments included', async () => {
    const page = await browser.newPage();
    const transfers = recordTransfers(page);
    await page.goto(`${publicUrl}/search/`, { waitUntil: 'networkidle' });
    const before = total(transfers);
    await page.fill('#q', 'error 0x80070005');
    await page.waitForSelector('[data-search-results] li a');
    await page.waitForLoadState('networkidle');
    const search = total(transfers) - before;
    expect(total(transfers, 'search-index')).toBeGreaterThan(0);
    expect(search).toBeLessThanOrEqual(150 * 1024);
    await page.close();
  });
});
