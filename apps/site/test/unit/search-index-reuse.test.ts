// The build's search index (scripts/search-index-files.ts) after an edit the index does not read: it links the last
// build's index whole and builds nothing, and what it writes is what a build without any cache writes. After an edit
// it reads, it builds again, with the same result as a build without cache. Real children: the content is validated
// and prepared as the build does it, and each index is written in a process of its own with the site's environment.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultRunbooksDir } from '@nimbus/runbooks';
import { prepareContentInChild } from '../../scripts/prepare-content.ts';
import { searchIndexWritingDir, writeSearchIndexInChild, type TokenCacheFile } from '../../scripts/search-index-files.ts';
import { sampleContentDir } from '../content-fixture.ts';

let workDir: string;
let contentDir: string;
let article: string;
const key = 'fingerprint-1';
const runbooksDir = defaultRunbooksDir();

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-search-reuse-'));
  contentDir = path.join(workDir, 'content');
  await cp(sampleContentDir, contentDir, { recursive: true });
  const folder = path.join(contentDir, 'articles', 'en');
  const names = (await readdir(folder, { recursive: true })).map(String).filter((name) => name.endsWith('.mdx')).sort();
  article = path.join(folder, names[0]!);
});
afterAll(async () => rm(workDir, { recursive: true, force: true }));

/** Validates and prepares the content as the build does; returns the prepared file. */
async function prepare(name: string): Promise<string> {
  const preparedFile = path.join(workDir, `${name}.json`);
  const result = await prepareContentInChild({ contentDir, runbooksDir, cacheFile: path.join(workDir, 'validation.json'), preparedFile });
  expect(result.errors).toEqual([]);
  return preparedFile;
}

/** Writes the internal site's search index of `prepared` into `<workDir>/<name>`, with the token cache when given. */
function write(name: string, prepared: string, cache?: TokenCacheFile) {
  const env = { ...process.env, KB_AUDIENCE: 'internal', KB_PREPARED_CONTENT: prepared, KB_CONTENT_DIR: contentDir, KB_RUNBOOKS_DIR: runbooksDir, KB_SEARCH_INDEX_BY_BUILD: '1' };
  return writeSearchIndexInChild(path.join(workDir, name), env, cache);
}

/** Every file below a folder: relative path → hash of its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(names.sort().map(async (file) => [path.relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex')] as const)));
}

/** The manifest of an index written into `<workDir>/<name>`. */
const manifestOf = async (name: string) => JSON.parse(await readFile(path.join(workDir, name, 'search-index', 'manifest.json'), 'utf8')) as { base: string };

describe('search index of the same inputs', () => {
  test('is linked whole from the last build, and is the index a build without cache writes', async () => {
    const cache = { file: path.join(workDir, 'cache', 'search-tokens-internal.bin'), key };
    const prepared = await prepare('first');
    const cold = await write('cold', prepared);
    expect(cold.reused).toBe(false);
    const built = await write('built', prepared, cache);
    expect(built).toMatchObject({ reused: false, files: cold.files });

    // An edit the index does not read (the review date): nothing built, every file linked from the last build.
    await writeFile(article, (await readFile(article, 'utf8')).replace(/^reviewed: .*$/m, 'reviewed: 2026-12-01'));
    const reviewed = await prepare('reviewed');
    expect(await readFile(reviewed, 'utf8')).not.toBe(await readFile(prepared, 'utf8'));
    const reused = await write('reused', reviewed, cache);
    expect(reused).toMatchObject({ reused: true, tokenized: 0, files: cold.files, linked: cold.files - 1 });
    expect(await snapshot(path.join(workDir, 'reused'))).toEqual(await snapshot(path.join(workDir, 'cold')));
    const { base } = await manifestOf('reused');
    const shard = (name: string) => stat(path.join(workDir, name, 'search-index', base, 'd0.json'));
    expect((await shard('reused')).ino).toBe((await shard('built')).ino);

    // The next one links from the reused folder even when the one it came from is gone.
    await rm(path.join(workDir, 'built'), { recursive: true });
    expect(await write('again', reviewed, cache)).toMatchObject({ reused: true, files: cold.files });
    expect(await snapshot(path.join(workDir, 'again'))).toEqual(await snapshot(path.join(workDir, 'cold')));

    // An edit the index reads: built again (one document tokenized), and the same as a build without cache.
    // (At the top of the body: an article's last section lists related reading, which the index leaves out.)
    await writeFile(article, (await readFile(article, 'utf8')).replace(/\n---\n/, '\n---\n\nThe zyzzyvaplex agent also fails with ERR_QUUX_42.\n'));
    const edited = await prepare('edited');
    const rebuilt = await write('rebuilt', edited, cache);
    expect(rebuilt).toMatchObject({ reused: false, tokenized: 1 });
    expect(rebuilt.linked).toBeGreaterThan(0);
    await write('edited-cold', edited);
    expect(await snapshot(path.join(workDir, 'rebuilt'))).toEqual(await snapshot(path.join(workDir, 'edited-cold')));
    expect((await manifestOf('rebuilt')).base).not.toBe(base);
  }, 120_000);

  test('a last build whose files are not all there is not reused: the index is built, and right', async () => {
    const cache = { file: path.join(workDir, 'cache-gone', 'search-tokens-internal.bin'), key };
    const prepared = await prepare('gone');
    await write('gone-built', prepared, cache);
    const { base } = await manifestOf('gone-built');
    await rm(path.join(workDir, 'gone-built', 'search-index', base, 'd0.json'));
    const rebuilt = await write('gone-rebuilt', prepared, cache);
    expect(rebuilt).toMatchObject({ reused: false, tokenized: 0 });
    await write('gone-cold', prepared);
    expect(await snapshot(path.join(workDir, 'gone-rebuilt'))).toEqual(await snapshot(path.join(workDir, 'gone-cold')));
  }, 120_000);
});

describe('where the index is written before it is in place', () => {
  test('beside the site folder, never in it: the site\'s other steps walk that folder while the index is written', () => {
    for (const out of ['/builds/.dist.versions/1-2-3', 'relative/site', '/builds/site/']) {
      const writing = searchIndexWritingDir(out);
      const relative = path.relative(path.resolve(out), writing);
      expect(relative.startsWith('..'), writing).toBe(true);
      expect(path.dirname(writing)).toBe(path.dirname(path.resolve(out)));
    }
  });
});
