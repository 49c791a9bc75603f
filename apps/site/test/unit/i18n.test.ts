import { describe, expect, test } from 'vitest';
import { formatDay, localePath, localizeHref } from '../../src/lib/i18n.ts';

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
