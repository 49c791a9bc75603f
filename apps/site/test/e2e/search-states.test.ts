import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';

// The search page's states end to end (issue 11 "Results people can read"), at a phone and a laptop width, light and
// dark: "did you mean" for a typo, excerpts around the matched words taken from the article's own text, runbooks
// marked as runbooks on the internal site, and the "no results" help. Each state is screenshotted
// (test-results/screenshots/search-*.png, to look at), fits the width and has no axe violation.
const sites = { public: inject('publicUrl'), internal: inject('internalUrl') };
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface State {
  name: string;
  site: keyof typeof sites;
  path: string;
  check: (page: Page, site: string) => Promise<void>;
}

/** Words of a text as a reader sees them, lower case. */
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const states: State[] = [
  {
    name: 'did-you-mean',
    site: 'public',
    path: '/search/?q=premission%20denied%20publickey',
    async check(page) {
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
    async check(page, site) {
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
    async check(page) {
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
    async check(page) {
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
    async check(page) {
      expect(await page.locator('[data-search-results] li').count()).toBe(0);
      expect(await page.isVisible('[data-no-results-help] a[href="/zh-tw/errors/"]')).toBe(true);
      expect(await page.isVisible('[data-no-results-help] a[href="/zh-tw/support/new-case/"]')).toBe(true);
    },
  },
];

const combos = [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

describe.each(combos)('search states at $width px, $scheme', ({ width, scheme }) => {
  test.each(states)('$site $name', async (state) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const site = sites[state.site];
    await page.goto(`${site}${state.path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-search-status]:not(:empty)');
    await page.screenshot({ path: path.join(outDir, `search-${state.site}-${state.name}-${width}-${scheme}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'horizontal overflow in px').toBeLessThanOrEqual(0);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await state.check(page, site);
    expect(errors).toEqual([]);
    await context.close();
  });
});
