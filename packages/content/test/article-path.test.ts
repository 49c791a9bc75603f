import { describe, expect, it } from 'vitest';
import { parseArticlePath } from '../src/article-path.ts';
import { defaultLocale, localeFromSegment, locales, localeSegment } from '../src/locales.ts';

describe('parseArticlePath', () => {
  it.each([
    ['articles/en/compute/ssh-permission-denied-publickey.mdx', { locale: 'en', product: 'compute', slug: 'ssh-permission-denied-publickey', id: 'compute/ssh-permission-denied-publickey' }],
    ['articles/zh-tw/object-storage/upload-access-denied.mdx', { locale: 'zh-TW', product: 'object-storage', slug: 'upload-access-denied', id: 'object-storage/upload-access-denied' }],
    ['articles/en/compute/iis-http-error-403-14-forbidden.mdx', { locale: 'en', product: 'compute', slug: 'iis-http-error-403-14-forbidden', id: 'compute/iis-http-error-403-14-forbidden' }],
    ['articles/en/dns/a.md', { locale: 'en', product: 'dns', slug: 'a', id: 'dns/a' }],
    ['articles\\en\\vnet\\nat-gateway-timeout.mdx', { locale: 'en', product: 'vnet', slug: 'nat-gateway-timeout', id: 'vnet/nat-gateway-timeout' }],
  ])('reads %s', (path, location) => {
    expect(parseArticlePath(path)).toEqual(location);
  });

  it.each([
    'articles/fr/compute/ssh-timeout.mdx', // unknown locale
    'articles/zh_tw/compute/ssh-timeout.mdx',
    'articles/en/compute/SSH-Timeout.mdx', // slug not kebab case
    'articles/en/compute/ssh_timeout.mdx',
    'articles/en/compute/-ssh-timeout.mdx',
    'articles/en/compute/ssh--timeout.mdx',
    'articles/en/compute/ssh-timeout-.mdx',
    'articles/en/Compute/ssh-timeout.mdx', // product not lower case
    'articles/en/ssh-timeout.mdx', // no product folder
    'articles/en/compute/nested/ssh-timeout.mdx', // too deep
    'articles/en/compute/ssh-timeout.txt',
    'articles/en/compute/ssh-timeout.mdx.bak',
    'docs/en/compute/ssh-timeout.mdx',
    'content/articles/en/compute/ssh-timeout.mdx', // must be relative to the content folder
    '/articles/en/compute/ssh-timeout.mdx',
    '',
  ])('rejects %j', (path) => {
    expect(parseArticlePath(path)).toBeUndefined();
  });
});

describe('locales', () => {
  it('lists English first, as the default', () => {
    expect(locales).toEqual(['en', 'zh-TW']);
    expect(defaultLocale).toBe('en');
  });

  it('maps locales to folder segments and back', () => {
    expect(localeSegment('en')).toBe('en');
    expect(localeSegment('zh-TW')).toBe('zh-tw');
    for (const locale of locales) expect(localeFromSegment(localeSegment(locale))).toBe(locale);
    expect(localeFromSegment('zh-TW')).toBe('zh-TW');
    expect(localeFromSegment('fr')).toBeUndefined();
    expect(localeFromSegment('')).toBeUndefined();
  });
});
