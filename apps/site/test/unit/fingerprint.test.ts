// The build fingerprint (scripts/incremental/fingerprint.ts) changes with what a build's output depends on, and only
// with that: another build of the same site folder, running at the same time, writes its lock, output store and
// symlinks beside ours, and an article is compared one by one, not here.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildFingerprint, type FingerprintInputs } from '../../scripts/incremental/fingerprint.ts';

let root: string;
let inputs: FingerprintInputs;

async function put(file: string, text = 'x'): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kb-fingerprint-'));
  for (const file of ['package.json', 'package-lock.json', 'packages/search/src/index.ts', 'apps/site/src/pages/index.astro', 'apps/site/astro.config.ts', 'content/taxonomy.yaml', 'content/articles/en/a.mdx', 'runbooks/r.mdx']) await put(file);
  inputs = { repoRoot: root, siteRoot: path.join(root, 'apps/site'), contentDir: path.join(root, 'content'), runbooksDir: path.join(root, 'runbooks'), env: { KB_AUDIENCE: 'public' } };
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('buildFingerprint', () => {
  test('ignores what another build of the same folder writes beside the site: locks, stores, symlinks in flight', async () => {
    const before = await buildFingerprint(inputs);
    await put('apps/site/.dist.lock', '{"pid":1}');
    await put('apps/site/.dist-internal.lock.1234', '{"pid":1}');
    await put('apps/site/.dist.versions/1-2-3/index.html');
    await put('apps/site/.dist.versions/1-2-3.manifest.json');
    await put('apps/site/.turbo/turbo-build.log');
    await put('apps/site/node_modules/.cache/kb/validation.json');
    await put('apps/site/test/unit/new.test.ts');
    await symlink('.dist.versions/1-2-3', path.join(root, 'apps/site/dist'));
    await symlink('.dist.versions/1-2-3', path.join(root, 'apps/site/.dist.link-1-2-3'));
    await put('content/articles/en/b.mdx');
    expect(await buildFingerprint(inputs)).toBe(before);
  });

  test('changes with the site code, a workspace package, a content file that is not an article, a runbook, a setting', async () => {
    const before = await buildFingerprint(inputs);
    const changes: Array<() => Promise<unknown>> = [
      () => put('apps/site/src/pages/index.astro', 'y'),
      () => put('packages/search/src/new.ts'),
      () => put('content/taxonomy.yaml', 'y'),
      () => put('runbooks/r.mdx', 'y'),
      () => put('package-lock.json', 'y'),
    ];
    const seen = new Set([before]);
    for (const change of changes) {
      await change();
      seen.add(await buildFingerprint(inputs));
    }
    seen.add(await buildFingerprint({ ...inputs, env: { ...inputs.env, KB_PAGEFIND_BUNDLE_PAGES: '6' } }));
    expect(seen.size).toBe(changes.length + 2);
  });

  test('where a build writes its output or how it waits is not part of it', async () => {
    const before = await buildFingerprint(inputs);
    expect(await buildFingerprint({ ...inputs, env: { ...inputs.env, KB_PUBLIC_OUT: '/elsewhere', KB_CACHE_DIR: '/cache', KB_BUILD_LOCK_WAIT_S: '5' } })).toBe(before);
  });
});
