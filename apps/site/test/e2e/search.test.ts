import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isPublishable, type Article } from '@nimbus/content';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { articlesResolving, sampleArticles } from '../content-fixture.ts';

const publicUrl = inject('publicUrl');
let browser: Browser;
let articles: Article[];

beforeAll(async () => {
  browser = await launchBrowser();
  articles = await sampleArticles();
});
afterAll(async () => browser?.close());

async function resultLinks(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-search-results] li a, [data-search-status]:not(:empty)');
  return page.$$eval('[data-search-results] li > a', (links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

describe('search by exact error code', () => {
  // Customers paste codes; Pagefind splits on `.` and `_`, so each of these needs the joined-variant handling.
  test.each(['0x80070005', 'AccessDenied', 'InvalidParameterValue.Subnet', 'ERR_CONNECTION_RESET', '5.7.57', '403.14'])('%s finds an article that resolves it first', async (code) => {
    const expected = articlesResolving(articles, code).map((article) => `/articles/${article.id}/`);
    expect(expected.length, `sample content resolves ${code}`).toBeGreaterThan(0);
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${publicUrl}/search/?q=${encodeURIComponent(code)}`);
    const links = await resultLinks(page);
    expect(expected).toContain(links[0]);
    expect(await page.locator('[data-search-results] li').first().locator('mark').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('filters', () => {
  test('a product filter keeps only that product, and is kept in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/search/?q=error`);
    const unfiltered = await resultLinks(page);
    expect(unfiltered.length).toBeGreaterThan(3);
    await page.selectOption('select[name="product"]', 'Virtual Networks and Load Balancers');
    await page.waitForURL(/product=/);
    await page.waitForFunction(() => { const items = [...document.querySelectorAll('[data-search-results] li')]; return items.length > 0 && items.every((li) => li.textContent?.includes('Virtual Networks and Load Balancers')); });
    const filtered = await resultLinks(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((link) => link.startsWith('/articles/vnet/'))).toBe(true);
    await page.close();
  });

  test('an area filter without a query lists the area\'s articles', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/search/?area=${encodeURIComponent('Identity and access')}`);
    const links = await resultLinks(page);
    const expected = articles.filter((article) => article.locale === 'en' && isPublishable(article) && article.area === 'identity');
    expect(links.sort()).toEqual(expected.map((article) => `/articles/${article.id}/`).sort());
    await page.close();
  });
});

describe('languages', () => {
  test('the language filter switches to the Chinese index and keeps the query', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/search/?q=5.7.57`);
    await resultLinks(page);
    await page.click('.language-filter a[hreflang="zh-TW"]');
    await page.waitForURL(/\/zh-tw\/search\/\?q=5\.7\.57/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    const links = await resultLinks(page);
    expect(links[0]).toMatch(/^\/zh-tw\/articles\/mail-relay\//);
    await page.close();
  });

  test('a Chinese query finds the Chinese translation', async () => {
    const translations = articles.filter((article) => article.locale === 'zh-TW' && isPublishable(article));
    expect(translations.length).toBeGreaterThanOrEqual(12);
    const segmenter = new Intl.Segmenter('zh-TW', { granularity: 'word' });
    const page = await browser.newPage();
    for (const translation of translations.slice(0, 4)) {
      // The longest Chinese word of the title: a query only the translation can answer.
      const words = [...segmenter.segment(translation.title)].filter((s) => s.isWordLike && /\p{Script=Han}{2,}/u.test(s.segment)).map((s) => s.segment);
      const word = words.sort((a, b) => b.length - a.length)[0];
      expect(word, translation.title).toBeTruthy();
      await page.goto(`${publicUrl}/zh-tw/search/?q=${encodeURIComponent(word ?? '')}`);
      const links = await resultLinks(page);
      expect(links, `query ${word}`).toContain(`/zh-tw/articles/${translation.id}/`);
    }
    await page.close();
  });
});

describe('paging', () => {
  test('shows 8 results, then 8 more on request, with the full count announced', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/search/?q=instance`);
    await page.waitForSelector('[data-search-status]:not(:empty)');
    const total = Number(/\d+/.exec((await page.textContent('[data-search-status]')) ?? '')?.[0]);
    expect(total).toBeGreaterThan(8);
    expect(await page.locator('[data-search-results] li').count()).toBe(8);
    await page.click('[data-more-results]');
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] li').length > 8);
    expect(await page.locator('[data-search-results] li').count()).toBe(Math.min(16, total));
    expect(await page.isVisible('[data-more-results]')).toBe(total > 16);
    await page.close();
  });
});
