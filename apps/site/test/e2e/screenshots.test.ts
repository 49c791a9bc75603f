import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { pageKinds } from './page-kinds.ts';

// Every page kind of both sites at a phone and a laptop width, light and dark: a full-page screenshot to look at
// (test-results/screenshots/, gitignored), no horizontal overflow, and no axe violation.
const urls = { public: inject('publicUrl'), internal: inject('internalUrl') };
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const combos = [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

// Several pages at once in the one browser (each in its own context): most of a page's time is waiting for the network
// to go idle, which the others use. `expect` from the test's context, as concurrent tests need.
describe.concurrent.each(combos)('at $width px, $scheme', ({ width, scheme }) => {
  // Three at a time share the CPU: each may take longer than a page alone.
  test.for(pageKinds)('$site $name: fits the width, no axe violation', { timeout: 120_000 }, async (kind, { expect }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${urls[kind.site]}${kind.path}`, { waitUntil: 'networkidle' });
    if (kind.waitFor) await page.waitForSelector(kind.waitFor);
    await page.screenshot({ path: path.join(outDir, `${kind.site}-${kind.name}-${width}-${scheme}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
