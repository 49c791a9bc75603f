import { describe, expect, it } from 'vitest';
import { kcsStates, visibilities } from '../src/article-schema.ts';
import { isPublishable, isVisibleTo } from '../src/publication.ts';

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
