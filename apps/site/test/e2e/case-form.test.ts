import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Article } from '@nimbus/content';
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

describe('the case form suggests articles as the customer types', () => {
  test.each(['5.7.57', '403.14', 'InvalidParameterValue.Subnet', 'ERR_CONNECTION_RESET', '0x80070005'])('an exact %s brings its article into the first three', async (code) => {
    const expected = articlesResolving(articles, code).map((article) => `/articles/${article.id}/`);
    const page = await browser.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${publicUrl}/support/new-case/`);
    await page.fill('#case-subject', `Getting ${code} since this morning`);
    await page.waitForSelector('[data-case-suggestions]:not([hidden]) li a');
    const links = await page.$$eval('[data-case-suggestions] li > a', (anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links.length).toBeLessThanOrEqual(3);
    expect(links.some((link) => expected.includes(link))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('hostile text in the form is never executed and shows as text', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/support/new-case/`);
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> 403.14 {1+1} **bold**';
    await page.fill('#case-subject', hostile);
    await page.fill('#case-description', `${hostile}\n\u0000\u202e control characters`);
    await page.waitForSelector('[data-case-suggestions]:not([hidden]) li a');
    await page.fill('#case-email', 'customer@example.com');
    await page.click('.case-form button[type="submit"]');
    await page.waitForSelector('[data-case-summary]:not([hidden])');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('[data-case-summary] pre').textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('[data-case-summary] img, [data-case-suggestions] img').count()).toBe(0);
    await page.close();
  });
});
