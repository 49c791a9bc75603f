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

describe('the case form summary', () => {
  test('redacts a pasted access key and password before showing anything, and reads as names, not ids', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const errors = trackPageErrors(page);
    await page.goto(`${publicUrl}/support/new-case/`);
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    await page.fill('#case-subject', 'Windows Update fails with 0x80070005');
    await page.fill('#case-description', `Ran the update with\nNIMBUS_SECRET_ACCESS_KEY=${secret}\npassword: Hunter2-Sup3r!\nand it still fails.`);
    await page.fill('#case-email', 'customer@example.com');
    await page.check('#severity-sev3');
    await page.click('.case-form button[type="submit"]');
    await page.waitForSelector('[data-case-summary]:not([hidden])');
    const summary = (await page.textContent('[data-case-summary]')) ?? '';
    expect(summary).not.toContain(secret);
    expect(summary).not.toContain('Hunter2-Sup3r!');
    expect(summary).toContain('[redacted:');
    // What would be posted is the redacted text too: the fields themselves were redacted.
    expect(await page.inputValue('#case-description')).not.toContain(secret);
    expect(summary).not.toContain('sev3');
    expect(summary).toContain('Normal');
    expect(await page.locator('[data-case-summary] dt', { hasText: /article/i }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the product follows the best match until the customer picks one', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/support/new-case/`);
    await page.fill('#case-subject', 'NXDOMAIN for my record');
    await page.waitForSelector('[data-case-suggestions]:not([hidden]) li a');
    const first = await page.getAttribute('[data-case-suggestions] li > a', 'href');
    await expect.poll(() => page.inputValue('#case-product')).toBe(first!.split('/')[2]);
    expect(await page.isVisible('[data-product-hint]')).toBe(true);
    await page.selectOption('#case-product', 'backup');
    await page.fill('#case-subject', 'Error 0x80070005 in Windows Update');
    await page.waitForTimeout(600);
    expect(await page.inputValue('#case-product')).toBe('backup');
    await page.close();
  });

  test('the zh-TW form lists the translated title of a translated article, and links to its page', async () => {
    const zh = articles.find((article) => article.locale === 'zh-TW' && article.errors.some((error) => error.includes('403.14')))!;
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/zh-tw/support/new-case/`);
    await page.fill('#case-subject', 'IIS 403.14 錯誤');
    await page.waitForSelector('[data-case-suggestions]:not([hidden]) li a');
    const links = await page.$$eval('[data-case-suggestions] li > a', (anchors) => anchors.map((a) => ({ text: a.textContent, href: new URL((a as HTMLAnchorElement).href).pathname })));
    expect(links).toContainEqual({ text: zh.title, href: `/zh-tw/articles/${zh.id}/` });
    for (const link of links) expect((await page.request.get(`${publicUrl}${link.href}`)).status()).toBe(200);
    await page.close();
  });
});
