import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { t } from '../../src/lib/i18n.ts';
import { wordsOfPath } from '../../src/scripts/not-found.ts';
import { launchBrowser, trackPageErrors } from './browser.ts';

// A missing address gets the 404 page of its language (issue 15): under /zh-tw/ the Chinese page, Chinese header
// included, picked by path prefix as Cloudflare Pages does by itself and Netlify does with the site's _redirects.
const sites = { public: inject('publicUrl'), internal: inject('internalUrl') };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(sites))('404 on the %s site', (name, site) => {
  test.each([
    ['zh-TW', '/zh-tw/articles/compute/iis-403-14-no-such-page/', '/zh-tw/search/'],
    ['en', '/articles/compute/iis-403-14-no-such-page/', '/search/'],
  ] as const)('%s: status 404, the header and the page in that language, a search for the address', async (locale, address, searchPath) => {
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    const response = await page.goto(`${site}${address}`);
    expect(response?.status()).toBe(404);
    await page.waitForSelector('[data-not-found-search]:not([hidden])');
    const ui = t(locale);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.title()).toContain(ui.notFoundTitle);
    // The header speaks the page's language: its navigation and the current language in the switcher.
    expect(await page.locator('header').textContent()).toContain(ui.productsNav);
    expect(await page.locator('header [aria-current="true"]').getAttribute('lang')).toBe(locale);
    // And it is the site's own header: engineers' tools and the internal tag inside, the case form outside.
    const nav = await page.locator('header .main-nav a').allTextContents();
    const tag = await page.locator('header .brand-tag').allTextContents();
    if (name === 'internal') {
      expect(nav).toEqual([ui.productsNav, ui.errorsNav, ui.runbooksNav, ui.reportsNav]);
      expect(tag).toEqual([ui.internalSite]);
      expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('noindex, nofollow');
    } else {
      expect(nav).toEqual([ui.productsNav, ui.errorsNav, ui.openCase]);
      expect(tag).toEqual([]);
    }
    const visible = page.locator('[data-not-found]:not([hidden])');
    expect(await visible.count()).toBe(1);
    expect(await visible.getAttribute('lang')).toBe(locale);
    expect(await visible.locator('h1').textContent()).toBe(ui.notFoundTitle);
    const words = wordsOfPath(address);
    expect(words).toContain('iis 403 14');
    expect(await visible.locator('input[type="search"]').inputValue()).toBe(words);
    const search = new URL((await visible.locator('[data-not-found-search] a').getAttribute('href')) ?? '', site);
    expect(search.pathname).toBe(searchPath);
    expect(search.searchParams.get('q')).toBe(words);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the host rules ship: zh-tw/404.html, and the Netlify rule that serves it', async () => {
    const page = await browser.newPage();
    expect((await page.request.get(`${site}/zh-tw/404.html`)).status()).toBe(200);
    const rules = await (await page.request.get(`${site}/_redirects`)).text();
    expect(rules.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(/\s+/))).toEqual([['/zh-tw/*', '/zh-tw/404.html', '404']]);
    await page.close();
  });
});
