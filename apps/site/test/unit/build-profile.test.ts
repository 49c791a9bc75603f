// Build profiles (scripts/build-profile.ts): what each one gives Pagefind, and that a bad setting stops the build with
// its name and the values it takes, before anything is written.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildProfile, pagefindBundlePages, PREVIEW_BUNDLE_PAGES } from '../../scripts/build-profile.ts';
import { buildSite } from '../build-site.ts';
import { minimalContentDir } from '../content-fixture.ts';

let workDir: string;
beforeAll(async () => void (workDir = await mkdtemp(path.join(tmpdir(), 'kb-build-profile-'))));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('build profiles', () => {
  test('production by default: the site decides its Pagefind bundles (one index up to 4,000 pages)', () => {
    expect(buildProfile({})).toBe('production');
    expect(pagefindBundlePages({})).toBe(0);
    expect(pagefindBundlePages({ KB_BUILD_PROFILE: 'production' })).toBe(0);
  });

  test('preview: bundles of 500 pages; KB_PAGEFIND_BUNDLE_PAGES still wins', () => {
    expect(pagefindBundlePages({ KB_BUILD_PROFILE: 'preview' })).toBe(PREVIEW_BUNDLE_PAGES);
    expect(pagefindBundlePages({ KB_BUILD_PROFILE: 'preview', KB_PAGEFIND_BUNDLE_PAGES: '7' })).toBe(7);
  });

  test.each([
    [{ KB_BUILD_PROFILE: 'fast' }, /Unexpected KB_BUILD_PROFILE=fast, expected production or preview/],
    [{ KB_PAGEFIND_BUNDLE_PAGES: '0' }, /Unexpected KB_PAGEFIND_BUNDLE_PAGES=0, expected a whole number of pages, 1 or more/],
    [{ KB_PAGEFIND_BUNDLE_PAGES: 'many' }, /Unexpected KB_PAGEFIND_BUNDLE_PAGES=many/],
  ])('%o is refused', (env, message) => {
    expect(() => pagefindBundlePages(env)).toThrow(message);
  });

  test('a build with a bad profile stops before it writes anything, naming the setting', async () => {
    const outRoot = path.join(workDir, 'bad');
    const result = await buildSite(minimalContentDir, outRoot, { KB_BUILD_PROFILE: 'fast', KB_RUNBOOKS_DIR: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Unexpected KB_BUILD_PROFILE=fast, expected production or preview');
    expect(await readdir(outRoot).catch(() => [])).toEqual([]);
  });
});
