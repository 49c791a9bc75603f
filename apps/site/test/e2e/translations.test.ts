import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { t } from '../../src/lib/i18n.ts';
import { launchBrowser } from './browser.ts';
import { pageKinds } from './page-kinds.ts';

// On every zh-TW page, no English interface string shows in text the page marks as Chinese: a string hard-coded in
// English in a view, or missing from the zh-TW table, fails here. Text marked lang="en" (untranslated articles) and
// code are left out.
const publicUrl = inject('publicUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const sample = (value: unknown) => (typeof value === 'function' ? String((value as (...args: unknown[]) => unknown)(2, 5)) : String(value));
const english = Object.values(t('en') as Record<string, unknown>).map(sample).filter((text) => /[a-z]{3}/.test(text) && text.trim().includes(' '));
// Single words ("Error", "Search") also occur inside quoted error messages of Chinese titles; phrases do not.

test.each(pageKinds.filter((kind) => kind.site === 'public' && kind.name.startsWith('zh-')))('$name shows no English interface string', async (kind) => {
  const page = await browser.newPage();
  await page.goto(`${publicUrl}${kind.path}`, { waitUntil: 'networkidle' });
  if (kind.waitFor) await page.waitForSelector(kind.waitFor);
  const chineseText = await page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, pre, script, style, [hidden]')) continue;
      if (parent.closest('[lang]')?.getAttribute('lang') !== 'zh-TW') continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  });
  expect(chineseText).toMatch(/\p{Script=Han}/u);
  expect(english.filter((text) => chineseText.includes(text))).toEqual([]);
  await page.close();
});
