import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { isPublishable, type Article } from '@nimbus/content';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { sampleArticles } from '../content-fixture.ts';

const publicUrl = inject('publicUrl');
let browser: Browser;
let articles: Article[];
let translated: Article;
let untranslated: Article;

beforeAll(async () => {
  browser = await launchBrowser();
  articles = await sampleArticles();
  const zh = new Set(articles.filter((a) => a.locale === 'zh-TW').map((a) => a.id));
  const english = articles.filter((a) => a.locale === 'en' && isPublishable(a));
  translated = english.find((a) => zh.has(a.id))!;
  untranslated = english.find((a) => !zh.has(a.id))!;
});
afterAll(async () => browser?.close());

describe('language switch', () => {
  test('switches a translated article to its translation', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/articles/${translated.id}/`);
    await page.click('.lang-switch a[hreflang="zh-TW"]');
    await page.waitForURL(`**/zh-tw/articles/${translated.id}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    expect(await page.getAttribute('article', 'lang')).toBe('zh-TW');
    expect(await page.locator('.notice').count()).toBe(0);
    const zhTitle = articles.find((a) => a.locale === 'zh-TW' && a.id === translated.id)!.title;
    expect(await page.textContent('h1')).toBe(zhTitle);
    await page.close();
  });

  test('an untranslated article is listed in English on Chinese pages and opens its one English page', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/zh-tw/products/${untranslated.product}/`);
    const link = page.locator(`.article-list a[href="/articles/${untranslated.id}/"]`);
    expect(await link.getAttribute('lang')).toBe('en');
    expect(await link.locator('xpath=following-sibling::span[contains(@class, "english-only")]').textContent()).toBe('英文');
    await link.click();
    await page.waitForURL(`**/articles/${untranslated.id}/`);
    expect(new URL(page.url()).pathname).toBe(`/articles/${untranslated.id}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe(untranslated.title);
    // No copy of the page exists per locale: the switch leads to the Chinese home, never to a missing page.
    expect(await page.getAttribute('.lang-switch a[hreflang="zh-TW"]', 'href')).toBe('/zh-tw/');
    expect(await page.locator('link[rel="alternate"][hreflang="zh-TW"]').count()).toBe(0);
    const missing = await page.request.get(`${publicUrl}/zh-tw/articles/${untranslated.id}/`);
    expect(missing.status()).toBe(404);
    await page.close();
  });
});

describe('was this helpful?', () => {
  test('a "No" vote asks what was missing, and both are kept locally across reloads', async () => {
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${publicUrl}/articles/${translated.id}/`);
    const comment = page.locator('[data-feedback-comment]');
    expect(await comment.isVisible()).toBe(false);
    await page.click('[data-vote="no"]');
    expect(await page.textContent('[data-feedback-status]')).toContain('Thank you');
    expect(await comment.isVisible()).toBe(true);
    await page.fill('#feedback-comment', 'Step 3 needs the exact PowerShell version.');
    await page.click('[data-feedback-comment] button[type="submit"]');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kb-feedback') ?? '[]'));
    expect(stored).toEqual([expect.objectContaining({ article: translated.id, locale: 'en', vote: 'no', comment: 'Step 3 needs the exact PowerShell version.' })]);
    await page.reload();
    expect(await page.getAttribute('[data-vote="no"]', 'aria-pressed')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('with an events endpoint configured, the vote is POSTed to it as an event', async () => {
    const page = await browser.newPage();
    const url = `${publicUrl}/articles/${translated.id}/`;
    // The endpoint is a build setting (KB_EVENTS_ENDPOINT); inject it into the served page instead of building again.
    await page.route(url, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<head>', '<head><meta name="kb-events" content="/api/events">');
      await route.fulfill({ response, body });
    });
    const posted: Array<{ events: unknown[] }> = [];
    await page.route('**/api/events', async (route) => {
      posted.push(JSON.parse(route.request().postData() ?? '{}') as { events: unknown[] });
      await route.fulfill({ status: 202, body: '{}' });
    });
    await page.goto(url);
    await page.click('[data-vote="yes"]');
    // Events go out in batches, a moment after the first one.
    await expect.poll(() => posted.length, { timeout: 10_000 }).toBe(1);
    expect(posted[0]!.events).toEqual([expect.objectContaining({ type: 'vote', article: translated.id, vote: 'yes', locale: 'en', site: 'public' })]);
    await page.close();
  });
});

describe('keyboard only', () => {
  test('skip link, search by code, and open the first result without a mouse', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('403.14');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=403\.14/);
    await page.waitForSelector('[data-search-results] li a');
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => Boolean(document.activeElement?.closest('[data-search-results]')))) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/articles\//);
    expect(await page.textContent('h1')).toContain('403.14');
    await page.close();
  });
});
