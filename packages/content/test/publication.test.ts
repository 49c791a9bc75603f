import { describe, expect, it } from 'vitest';
import { kcsStates, visibilities } from '../src/article-schema.ts';
import { isPublishable, isVisibleTo, publishedArticles, visibleArticles } from '../src/publication.ts';

// Every state × visibility: only validated + public reaches customers; engineers see everything.
const table = kcsStates.flatMap((state) => visibilities.map((visibility) => ({ state, visibility, publishable: state === 'validated' && visibility === 'public' })));

describe('publication', () => {
  it('covers all 10 combinations', () => {
    expect(table).toHaveLength(10);
    expect(table.filter((row) => row.publishable)).toEqual([{ state: 'validated', visibility: 'public', publishable: true }]);
  });

  it.each(table)('$state + $visibility: publishable $publishable', ({ state, visibility, publishable }) => {
    expect(isPublishable({ state, visibility })).toBe(publishable);
    expect(isVisibleTo({ state, visibility }, 'public')).toBe(publishable);
    expect(isVisibleTo({ state, visibility }, 'internal')).toBe(true);
  });
});

describe('publication over the collection', () => {
  const article = (locale: 'en' | 'zh-TW', id: string, state: (typeof kcsStates)[number], visibility: (typeof visibilities)[number]) =>
    ({ id, locale, state, visibility, ...(locale === 'en' ? {} : { translationOf: id }) }) as const;

  it.each(table)('a public, validated translation ships exactly when its English source ($state + $visibility) does', ({ state, visibility, publishable }) => {
    const collection = [article('en', 'compute/a', state, visibility), article('zh-TW', 'compute/a', 'validated', 'public')];
    expect(publishedArticles(collection)).toEqual(new Set(publishable ? ['en/compute/a', 'zh-TW/compute/a'] : []));
    expect(visibleArticles(collection, 'public').map((entry) => entry.locale)).toEqual(publishable ? ['en', 'zh-TW'] : []);
    expect(visibleArticles(collection, 'internal')).toEqual(collection);
  });

  it('never ships a translation that is not publishable itself, whatever its source', () => {
    const collection = [article('en', 'compute/a', 'validated', 'public'), article('zh-TW', 'compute/a', 'wip', 'public')];
    expect([...publishedArticles(collection)]).toEqual(['en/compute/a']);
  });

  it('never ships a translation whose source is missing', () => {
    expect(publishedArticles([article('zh-TW', 'compute/orphan', 'validated', 'public')]).size).toBe(0);
  });
});
