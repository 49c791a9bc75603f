import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';

const publicUrl = inject('publicUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Console reports of blocked resources: a strict CSP must block nothing the site itself needs. */
function trackCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('Content-Security-Policy', () => {
  test('is sent as a header and a meta tag, without unsafe-inline for scripts', async () => {
    const response = await fetch(`${publicUrl}/`);
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toContain("frame-ancestors 'none'");
    const scriptSrc = header.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(await response.text()).toContain('http-equiv="content-security-policy"');
  });

  test('search (WebAssembly), feedback, the case form and the theme work under it', async () => {
    const page = await browser.newPage();
    const violations = trackCspViolations(page);
    await page.goto(`${publicUrl}/search/?q=403.14`);
    await page.waitForSelector('[data-search-results] li a');
    await page.goto(`${publicUrl}/articles/compute/iis-http-error-403-14-forbidden/`);
    await page.click('[data-vote="yes"]');
    await page.click('[data-theme-toggle]');
    const theme = await page.getAttribute('html', 'data-theme');
    await page.reload();
    // The hashed inline script restored the choice before paint.
    expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
    await page.goto(`${publicUrl}/support/new-case/`);
    await page.fill('#case-subject', 'Upload fails');
    expect(violations).toEqual([]);
    await page.close();
  });
});
