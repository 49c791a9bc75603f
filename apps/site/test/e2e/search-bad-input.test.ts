import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';

// Bad input beyond what search-budgets.test.ts types into the box (issue 11 "Bad input"): hostile text arriving in the
// URL, in a "did you mean" suggestion and in a missing address, and no more than one search in flight however fast
// queries come while the index files are slow.
const publicUrl = inject('publicUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

describe('hostile text in the address', () => {
  test.each([
    ['HTML', '<img src=x onerror="window.__pwned=1">ssh timed out'],
    ['script', '</script><script>window.__pwned=2</script>'],
    ['control characters and bidi overrides', 'ssh\u0000\u0007\u001b[31m timed\u202e out'],
    ['a long pasted log', `ssh connection timed out ${'at com.example.Foo.bar(Foo.java:42) '.repeat(150)}`],
  ])('%s in ?q=: results or "no results", nothing executed, nothing unescaped', async (_name, query) => {
    for (const prefix of ['', '/zh-tw']) {
      const page = await browser.newPage();
      const errors = trackPageErrors(page);
      await page.goto(`${publicUrl}${prefix}/search/?q=${encodeURIComponent(query)}`);
      await page.waitForSelector('[data-search-status]:not(:empty)');
      const results = await page.locator('[data-search-results] li').count();
      const status = (await page.textContent('[data-search-status]')) ?? '';
      expect(results > 0 || status === (await page.getAttribute('[data-search-status]', 'data-no-results'))).toBe(true);
      expect(await page.locator('[data-search] img, [data-search] script:not([type]), [data-search-results] b').count()).toBe(0);
      expect(await pwned(page)).toBeUndefined();
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  test('a "did you mean" built from a hostile query is text, its one link a search', async () => {
    const page = await browser.newPage();
    const query = '<img src=x onerror="window.__pwned=4"> acess denied';
    await page.goto(`${publicUrl}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('[data-search-status]:not(:empty)');
    const suggestion = page.locator('[data-did-you-mean]');
    expect(await suggestion.isVisible()).toBe(true);
    expect(await suggestion.locator('*').count()).toBe(1);
    const link = suggestion.locator('a');
    expect(await link.textContent()).toBe('<img src=x onerror="window.__pwned=4"> access denied');
    expect(new URL((await link.getAttribute('href')) ?? '', publicUrl).searchParams.get('q')).toBe('<img src=x onerror="window.__pwned=4"> access denied');
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  test('a hostile missing address fills the 404 search as text', async () => {
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    const response = await page.goto(`${publicUrl}/zh-tw/articles/${encodeURIComponent('<img src=x onerror=window.__pwned=5>')}/`);
    expect(response?.status()).toBe(404);
    await page.waitForSelector('[data-not-found-search]:not([hidden])');
    // The words of the address as text (separators become spaces), never markup.
    expect(await page.inputValue('[data-not-found="zh-TW"] input[type="search"]')).toContain('<img src=x onerror=window');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('request storm', () => {
  test('with slow index files, queries arriving fast run one search at a time and the last one wins', async () => {
    const page = await browser.newPage();
    // Every index file takes 400 ms: longer than the debounce, so new input keeps arriving during a search.
    await page.route('**/search-index/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto(`${publicUrl}/search/`, { waitUntil: 'networkidle' });
    // Watch the page's own counters: searches started and finished, never more than one apart.
    await page.evaluate(() => {
      const root = document.querySelector<HTMLElement>('[data-search]')!;
      const state = { most: 0 };
      (window as unknown as { __inFlight: typeof state }).__inFlight = state;
      new MutationObserver(() => {
        state.most = Math.max(state.most, Number(root.dataset.searchCount ?? 0) - Number(root.dataset.searchDone ?? 0));
      }).observe(root, { attributes: true });
    });
    for (const query of ['dns', 'dns record', 'dns record ttl', 'disk full', 'ssh connection timed out']) {
      await page.fill('#q', query);
      await page.waitForTimeout(250);
    }
    await page.waitForFunction(() => {
      const root = document.querySelector<HTMLElement>('[data-search]')!;
      return new URLSearchParams(location.search).get('q') === 'ssh connection timed out' && root.dataset.searchDone === root.dataset.searchCount;
    }, undefined, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __inFlight: { most: number } }).__inFlight.most)).toBeLessThanOrEqual(1);
    // Fewer searches than queries typed: input that arrived during a search was searched once, as it stood.
    expect(Number(await page.getAttribute('[data-search]', 'data-search-count'))).toBeLessThan(5);
    expect(await page.locator('[data-search-results] li a').first().getAttribute('href')).toMatch(/ssh/);
    await page.close();
  });
});
