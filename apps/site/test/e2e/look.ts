import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { ExpectStatic } from 'vitest';
import type { Page } from 'playwright-core';

// What every page a person looks at must pass, in one place: a full-page screenshot to look at
// (test-results/screenshots/, gitignored), no horizontal overflow, and no axe violation.
export const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

export function prepareScreenshotDir(): void {
  mkdirSync(screenshotDir, { recursive: true });
}

/** Every page size and colour scheme the look tests walk: a phone and a laptop, light and dark. */
export const viewports = [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

/** Screenshots `page` as `name.png`, then asserts (with the test's own `expect`) it fits the width and axe finds nothing. */
export async function lookAt(page: Page, name: string, expect: ExpectStatic): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, expect);
}

/**
 * axe-core on the page as it is; only violations are collected (passes and the rest are not needed to assert). Legacy
 * mode runs `axe.run` in the page itself: the default opens a second, blank page per check to merge results from
 * cross-origin frames, which these pages do not have (`the pages have no frames` below keeps that true), at about
 * twice the time per check.
 */
export async function expectNoAxeViolations(page: Page, expect: ExpectStatic): Promise<void> {
  expect(page.frames(), 'the pages have no frames').toHaveLength(1);
  expect(await axeViolations(page)).toEqual([]);
}

/** axe-core's violations on the page as it is, one `rule: targets` line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
