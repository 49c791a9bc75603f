import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { axeViolations, lookAt, prepareScreenshotDir, viewports } from './look.ts';
import { pageKinds } from './page-kinds.ts';

// Every page kind of both sites at a phone and a laptop width, light and dark: a screenshot to look at, no horizontal
// overflow, no axe violation (look.ts), and no script error.
const urls = { public: inject('publicUrl'), internal: inject('internalUrl') };
let browser: Browser;

beforeAll(async () => {
  prepareScreenshotDir();
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

// Several pages at once in the one browser (each in its own context): most of a page's time is waiting for the network
// to go idle, which the others use. `expect` from the test's context, as concurrent tests need.
describe.concurrent.each(viewports)('at $width px, $scheme', ({ width, scheme }) => {
  // Three at a time share the CPU: each may take longer than a page alone.
  test.for(pageKinds)('$site $name: fits the width, no axe violation', { timeout: 120_000 }, async (kind, { expect }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${urls[kind.site]}${kind.path}`, { waitUntil: 'networkidle' });
    if (kind.waitFor) await page.waitForSelector(kind.waitFor);
    await lookAt(page, `${kind.site}-${kind.name}-${width}-${scheme}`, expect);
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('the axe check itself finds violations: an image without alt text, grey text on white', async () => {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#ccc;background:#fff">faint</p></main></body></html>');
  const found = await axeViolations(page);
  expect(found.some((line) => line.startsWith('image-alt:'))).toBe(true);
  expect(found.some((line) => line.startsWith('color-contrast:'))).toBe(true);
  await page.close();
});
