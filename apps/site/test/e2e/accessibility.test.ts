import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';

const publicUrl = inject('publicUrl');
const internalUrl = inject('internalUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const pages = [
  ['home', '/'],
  ['product', '/products/compute/'],
  ['article', '/articles/compute/iis-http-error-403-14-forbidden/'],
  ['search with results', '/search/?q=403.14'],
  ['error index', '/errors/'],
  ['case form', '/support/new-case/'],
  ['Chinese article', '/zh-tw/articles/compute/iis-http-error-403-14-forbidden/'],
  ['Chinese product page with English-only articles', '/zh-tw/products/compute/'],
] as const;

// Pages are independent (each in its own context): several at once in the one browser. `expect` from the test's
// context, as concurrent tests need.
describe.concurrent.each(['light', 'dark'] as const)('axe finds no violations (%s)', (colorScheme) => {
  test.for(pages)('%s', async ([, path], { expect }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(`${publicUrl}${path}`);
    if (path.startsWith('/search/')) await page.waitForSelector('[data-search-results] li');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
});

test.concurrent.for(['/errors/', '/reports/'])('the internal site (%s), with its badges and charts, has no violations', async (path, { expect }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${internalUrl}${path}`);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await context.close();
});
