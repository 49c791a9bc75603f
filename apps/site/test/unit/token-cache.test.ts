// The site's token cache file (scripts/incremental/token-cache.ts, binary layout in token-cache-codec.ts): a build
// from the file is the build without it, and a file that is truncated, altered, of another layout or of another
// build fingerprint is not read at all, so the build tokenizes everything again and its files are still right.
import { readdir, readFile, rm, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildIndex, parseMarkdownArticle, type IndexDocument } from '@nimbus/case-index/core';
import { buildSearchFiles, type SearchFiles } from '@nimbus/search-index';
import { SearchTokenCache } from '../../scripts/incremental/token-cache.ts';
import { decodeTokenCache, encodeTokenCache } from '../../scripts/incremental/token-cache-codec.ts';
import { sampleContentDir } from '../content-fixture.ts';

let workDir: string;
let documents: IndexDocument[];
const key = 'fingerprint-1';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-token-cache-'));
  const folder = path.join(sampleContentDir, 'articles', 'en');
  const names = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.mdx')).sort();
  documents = await Promise.all(names.map(async (name) => parseMarkdownArticle(await readFile(path.join(folder, name), 'utf8'), name)));
});
afterAll(async () => rm(workDir, { recursive: true, force: true }));

/** The search files of `docs`, with the cache in `file` when given; and how many documents it tokenized. */
async function build(docs: IndexDocument[], file?: string, seeds: string[] = [], fingerprint = key): Promise<{ files: SearchFiles; tokenized: number }> {
  const cache = file ? await SearchTokenCache.open(file, fingerprint, seeds) : undefined;
  const index = buildIndex(docs, { overlap: false, ...(cache ? { tokens: cache.tokens } : {}) });
  const files = buildSearchFiles(index, docs.map((doc) => ({ title: doc.title, text: doc.body })), cache ? { surfaces: cache.surfaces } : {});
  await cache?.save();
  return { files, tokenized: cache ? cache.tokens.computed : docs.length };
}

describe('token cache file', () => {
  test('the sample content has documents to cache', () => expect(documents.length).toBeGreaterThan(10));

  test('a build from the file is the build without it, after an edit too', async () => {
    const file = path.join(workDir, 'edit', 'search-tokens-public.bin');
    const uncached = await build(documents);
    expect((await build(documents, file)).tokenized).toBe(documents.length);
    const again = await build(documents, file);
    expect(again.tokenized).toBe(0);
    expect(again.files).toEqual(uncached.files);
    const [first, ...rest] = documents;
    const edited = [{ ...first!, body: `${first!.body}\nThe zyzzyvaplex agent also fails with ERR_QUUX_42.` }, ...rest];
    const afterEdit = await build(edited, file);
    expect(afterEdit.tokenized).toBe(1);
    expect(afterEdit.files).toEqual((await build(edited)).files);
  });

  test('every value comes back as it went in', async () => {
    const file = path.join(workDir, 'roundtrip', 'search-tokens-public.bin');
    await build(documents, file);
    const read = decodeTokenCache(await readFile(file));
    expect(read.key).toBe(key);
    expect(read.tokens.size).toBe(documents.length);
    expect(decodeTokenCache(encodeTokenCache(read))).toEqual(read);
  });

  test.each([
    ['truncated', (file: string) => readFile(file).then((bytes) => truncate(file, Math.floor(bytes.length / 2)))],
    ['cut to its first bytes', (file: string) => truncate(file, 10)],
    ['altered in one byte', async (file: string) => {
      const bytes = await readFile(file);
      bytes[bytes.length - 5]! ^= 0x01;
      await writeFile(file, bytes);
    }],
    ['the older JSON layout', (file: string) => writeFile(file, JSON.stringify({ key, tokens: {}, surfaces: {} }))],
    ['empty', (file: string) => writeFile(file, '')],
  ])('a file that is %s is not read: everything is tokenized and the files are right', async (name, spoil) => {
    const file = path.join(workDir, name.replace(/\W+/g, '-'), 'search-tokens-public.bin');
    await build(documents, file);
    await spoil(file);
    await expect(readFile(file).then((bytes) => decodeTokenCache(bytes))).rejects.toThrow(/token cache/i);
    const rebuilt = await build(documents, file);
    expect(rebuilt.tokenized).toBe(documents.length);
    expect(rebuilt.files).toEqual((await build(documents)).files);
    // And it was written whole again.
    expect((await build(documents, file)).tokenized).toBe(0);
  });

  test('a file of another build fingerprint is not read', async () => {
    const file = path.join(workDir, 'other-key', 'search-tokens-public.bin');
    await build(documents, file);
    const other = await SearchTokenCache.open(file, 'fingerprint-2');
    expect(other.tokens.get(JSON.stringify(['anything']))).toBeUndefined();
    buildIndex(documents, { overlap: false, tokens: other.tokens });
    expect(other.tokens.computed).toBe(documents.length);
  });

  test("another site's file seeds the cache: documents of the same text are not tokenized again, and the files are the same", async () => {
    const internal = path.join(workDir, 'seeds', 'search-tokens-internal.bin');
    const publicFile = path.join(workDir, 'seeds', 'search-tokens-public.bin');
    const [first, ...rest] = documents;
    // The internal site has one more document and one whose text differs (an internal section).
    const internalDocs = [{ ...first!, body: `${first!.body}\nInternal: restart the zyzzyvaplex agent.` }, ...rest, { ...first!, path: 'extra', title: 'An internal article' }];
    await build(internalDocs, internal);
    const seeded = await build(documents, publicFile, [internal]);
    expect(seeded.tokenized).toBe(1);
    expect(seeded.files).toEqual((await build(documents)).files);
    // Only what the public build used was written to its own file, which is read first.
    expect(decodeTokenCache(await readFile(publicFile)).tokens.size).toBe(documents.length);
    expect((await build(documents, publicFile)).tokenized).toBe(0);
    // A seed of another build fingerprint gives nothing.
    expect((await build(documents, path.join(workDir, 'seeds', 'other.bin'), [internal], 'fingerprint-2')).tokenized).toBe(documents.length);
  });
});
