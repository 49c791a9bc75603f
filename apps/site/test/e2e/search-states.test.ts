import { afterAll, beforeAll, describe, inject, test, type ExpectStatic } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { lookAt, prepareScreenshotDir, viewports } from './look.ts';

// The search page's states end to end (issue 11 "Results people can read"), at a phone and a laptop width, light and
// dark: "did you mean" for a typo, excerpts around the matched words taken from the article's own text, runbooks
// marked as runbooks on the internal site, and the "no results" help. Each state is screenshotted
// (test-results/screenshots/search-*.png, to look at), fits the width and has no axe violation (look.ts).
const sites = { public: inject('publicUrl'), internal: inject('internalUrl') };
let browser: Browser;

beforeAll(async () => {
  prepareScreenshotDir();
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface State {
  name: string;
  site: keyof typeof sites;
  path: string;
  /** Asserts with the test's own `expect`: the states run concurrently. */
  check: (page: Page, site: string, expect: ExpectStatic) => Promise<void>;
}

/** Words of a text as a reader sees them, lower case. */
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const states: State[] = [
  {
    name: 'did-you-mean',
    site: 'public',
    path: '/search/?q=premission%20denied%20publickey',
    async check(page, _site, expect) {
      const suggestion = page.locator('[data-did-you-mean]');
      expect(await suggestion.isVisible()).toBe(true);
      expect(await suggestion.locator('a').textContent()).toBe('permission denied publickey');
      expect(await page.locator('[data-search-results] li').count()).toBeGreaterThan(0);
      // Taking the suggestion searches for it, and a query without a typo suggests nothing.
      await suggestion.locator('a').click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'permission denied publickey');
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-did-you-mean]')?.hidden === true);
      expect(await page.inputValue('#q')).toBe('permission denied publickey');
    },
  },
  {
    name: 'excerpts',
    site: 'public',
    path: '/search/?q=ERR_CONNECTION_RESET%20SmtpException%205.7.57',
    async check(page, site, expect) {
      const items = page.locator('[data-search-results] li');
      expect(await items.count()).toBeGreaterThan(1);
      const marked = await page.$$eval('[data-search-results] .excerpt mark', (marks) => marks.map((mark) => mark.textContent ?? ''));
      // Codes are shown and marked as the article writes them.
      expect(marked).toContain('ERR_CONNECTION_RESET');
      expect(marked).toContain('5.7.57');
      // Every word of every excerpt on the page is a word of its article as the article page shows it: never an
      // index-only token (`errconnectionreset`, `smtpexception`, `5757`).
      const shown = await page.$$eval('[data-search-results] li', (lis) => lis.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, excerpt: li.querySelector('.excerpt')?.textContent ?? '' })));
      for (const { href, excerpt } of shown) {
        const article = await page.request.get(new URL(href, site).href);
        const text = wordsOf((await article.text()).replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' '));
        const known = new Set(text);
        expect(wordsOf(excerpt).filter((word) => !known.has(word)), `${href}: ${excerpt}`).toEqual([]);
      }
    },
  },
  {
    name: 'runbooks',
    site: 'internal',
    path: '/search/?q=boot%20loop',
    async check(page, _site, expect) {
      const runbooks = page.locator('[data-search-results] li:has(a[href^="/runbooks/"])');
      expect(await runbooks.count()).toBeGreaterThan(0);
      expect(await runbooks.first().locator('.chip-runbook').textContent()).toBe('Runbook');
      // Articles are not marked as runbooks.
      expect(await page.locator('[data-search-results] li:has(a[href^="/articles/"]) .chip-runbook').count()).toBe(0);
    },
  },
  {
    name: 'no-results',
    site: 'public',
    path: '/search/?q=asdfghjkl',
    async check(page, _site, expect) {
      expect(await page.locator('[data-search-results] li').count()).toBe(0);
      expect(await page.textContent('[data-search-status]')).toBe(await page.getAttribute('[data-search-status]', 'data-no-results'));
      expect(await page.isVisible('[data-no-results-help] a[href="/errors/"]')).toBe(true);
      expect(await page.isVisible('[data-no-results-help] a[href="/support/new-case/"]')).toBe(true);
      expect(await page.isVisible('[data-more-results]')).toBe(false);
    },
  },
  {
    name: 'zh-no-results',
    site: 'public',
    path: '/zh-tw/search/?q=asdfghjkl',
    async check(page, _site, expect) {
      expect(await page.locator('[data-search-results] li').count()).toBe(0);
      expect(await page.isVisible('[data-no-results-help] a[href="/zh-tw/errors/"]')).toBe(true);
      expect(await page.isVisible('[data-no-results-help] a[href="/zh-tw/support/new-case/"]')).toBe(true);
    },
  },
];

// Several states at once in the one browser, each in its own context, as the screenshot matrix does.
describe.concurrent.each(viewports)('search states at $width px, $scheme', ({ width, scheme }) => {
  test.for(states)('$site $name', { timeout: 120_000 }, async (state, { expect }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const site = sites[state.site];
    await page.goto(`${site}${state.path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-search-status]:not(:empty)');
    await lookAt(page, `search-${state.site}-${state.name}-${width}-${scheme}`, expect);
    await state.check(page, site, expect);
    expect(errors).toEqual([]);
    await context.close();
  });
});
