import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { localizedText, validateTaxonomy } from '@nimbus/content';
import { formatDay, localePath, localizeHref, t } from '../../src/lib/i18n.ts';
import { sampleContentDir } from '../content-fixture.ts';

describe('localizeHref', () => {
  test('points article links of a zh-TW page to the zh-TW page', () => {
    expect(localizeHref('/articles/compute/ssh-connection-timed-out/', 'zh-TW')).toBe('/zh-tw/articles/compute/ssh-connection-timed-out/');
  });
  test('leaves English pages, other site paths and external links alone', () => {
    expect(localizeHref('/articles/compute/x/', 'en')).toBe('/articles/compute/x/');
    expect(localizeHref('/errors/', 'zh-TW')).toBe('/errors/');
    expect(localizeHref('https://docs.nimbus.example/', 'zh-TW')).toBe('https://docs.nimbus.example/');
  });
});

describe('localePath and formatDay', () => {
  test('prefix only non-default locales', () => {
    expect(localePath('en', '/search/')).toBe('/search/');
    expect(localePath('zh-TW', '/search/')).toBe('/zh-tw/search/');
  });
  test('format days for each locale, in UTC', () => {
    expect(formatDay('2026-09-14', 'en')).toBe('September 14, 2026');
    expect(formatDay('2026-09-14', 'zh-TW')).toBe('2026年9月14日');
  });
});

// Every interface string exists in zh-TW, is Chinese, and uses full-width punctuation next to Chinese text. A string
// added in English only, or copied untranslated, fails here.
const sample = (value: unknown): string => (typeof value === 'function' ? String((value as (...args: unknown[]) => unknown)(2, 5)) : String(value));
const han = /\p{Script=Han}/u;
const halfWidthBesideHan = /\p{Script=Han}[,:;?!()]|[,:;?!()]\p{Script=Han}/u;

describe('zh-TW interface strings', () => {
  const en = t('en') as Record<string, unknown>;
  const zh = t('zh-TW') as Record<string, unknown>;
  test.each(Object.keys(en))('%s is translated', (key) => {
    expect(zh[key], `zh-TW has no ${key}`).toBeDefined();
    const chinese = sample(zh[key]);
    expect(chinese).not.toBe(sample(en[key]));
    expect(chinese, `zh-TW ${key} has no Chinese text: "${chinese}"`).toMatch(han);
    expect(chinese, `zh-TW ${key} has half-width punctuation beside Chinese: "${chinese}"`).not.toMatch(halfWidthBesideHan);
  });
  test('the check itself catches half-width punctuation', () => {
    expect('開案前,請先搜尋').toMatch(halfWidthBesideHan);
    expect('開案前，請先搜尋').not.toMatch(halfWidthBesideHan);
  });
});

describe('the taxonomy a zh-TW page shows', () => {
  test('every product, area and severity has its zh-TW name, description, impact and response', async () => {
    const file = path.join(sampleContentDir, 'taxonomy.yaml');
    const taxonomy = validateTaxonomy(new VFile({ path: file, value: await readFile(file, 'utf8') }))!;
    const missing = [
      ...taxonomy.areas.filter((area) => !area.names['zh-TW']).map((area) => `area ${area.id}: names`),
      ...taxonomy.products.flatMap((product) => [
        ...(product.names['zh-TW'] ? [] : [`product ${product.id}: names`]),
        ...(product.description && !product.descriptions['zh-TW'] ? [`product ${product.id}: descriptions`] : []),
      ]),
      ...taxonomy.severities.flatMap((severity) => [
        ...(severity.names['zh-TW'] ? [] : [`severity ${severity.id}: names`]),
        ...(severity.impacts['zh-TW'] ? [] : [`severity ${severity.id}: impacts`]),
        ...(severity.responses['zh-TW'] ? [] : [`severity ${severity.id}: responses`]),
      ]),
    ];
    expect(missing).toEqual([]);
    for (const product of taxonomy.products) expect(localizedText(product.description, product.descriptions, 'zh-TW')).not.toMatch(halfWidthBesideHan);
  });
});
