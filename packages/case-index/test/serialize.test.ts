import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { openIndex } from '../src/index-cache.ts';
import { loadDocuments } from '../src/load-documents.ts';
import { rank } from '../src/rank.ts';
import { IndexFormatError, loadIndex, serializeIndex } from '../src/serialize.ts';

const documents = [
  parseMarkdownArticle('---\ntitle: Windows Update fails with error 0x80070005\n---\nInstall error - 0x80070005', 'a.md'),
  parseMarkdownArticle('---\ntitle: 磁碟區擴充後仍然顯示空間不足\n---\nNo space left on device', 'b.md'),
  parseMarkdownArticle('---\ntitle: SMTP 5.7.57 client not authenticated\n---\n530 5.7.57 Client not authenticated', 'c.md'),
];

describe('serializeIndex / loadIndex', () => {
  it('round-trips through JSON with identical rankings', () => {
    const index = buildIndex(documents);
    const loaded = loadIndex(JSON.stringify(serializeIndex(index)));
    for (const query of ['error 0x80070005', '空間不足', '5.7.57 mail']) {
      expect(rank(loaded, query)).toEqual(rank(index, query));
    }
  });

  it('refuses other formats and versions', () => {
    const serialized = serializeIndex(buildIndex(documents));
    expect(() => loadIndex({ ...serialized, format: 'other' as never })).toThrow(IndexFormatError);
    expect(() => loadIndex({ ...serialized, version: 0 })).toThrow(/rebuild/);
    expect(() => loadIndex({ ...serialized, impacts: '' })).toThrow(IndexFormatError);
  });
});

describe('openIndex', () => {
  it('builds once, then loads from the cache until the content changes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-index-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const articles = path.join(dir, 'articles');
    const cacheDir = path.join(dir, 'cache');
    await mkdir(path.join(articles, 'net'), { recursive: true });
    await writeFile(path.join(articles, 'net', 'a.md'), '---\ntitle: Connection reset by peer\n---\nERR_CONNECTION_RESET');
    const first = await openIndex(articles, { cacheDir });
    expect(first.fromCache).toBe(false);
    const second = await openIndex(articles, { cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.key).toBe(first.key);
    expect(rank(second.index, 'ERR_CONNECTION_RESET')[0]?.path).toBe('net/a.md');
    await writeFile(path.join(articles, 'net', 'a.md'), '---\ntitle: Connection reset by peer\n---\nERR_CONNECTION_RESET again');
    const third = await openIndex(articles, { cacheDir });
    expect(third.fromCache).toBe(false);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('brings the article of every exact error string into the first three suggestions of a public-only index', async () => {
    const content = fileURLToPath(new URL('../../../content/articles', import.meta.url));
    const { documents } = await loadDocuments(content);
    const published = documents.filter((doc) => doc.visibility === 'public' && doc.state === 'validated');
    const index = loadIndex(JSON.stringify(serializeIndex(buildIndex(published))));
    const misses = published
      .filter((doc) => doc.locale === 'en')
      .flatMap((doc) => (doc.errors ?? []).map((error) => ({ id: doc.id, error })))
      .filter(({ id, error }) => !rank(index, { subject: error }, { top: 3 }).some((result) => result.id === id));
    expect(misses).toEqual([]);
  });

  it('reads our content folder through the content loader, with article ids and digests', async () => {
    const content = fileURLToPath(new URL('../../../content/articles', import.meta.url));
    const { index } = await openIndex(content, { cacheDir: false });
    const ssh = index.docs.find((doc) => doc.path === 'en/compute/ssh-permission-denied-publickey.mdx');
    expect(ssh).toMatchObject({ id: 'compute/ssh-permission-denied-publickey', kind: 'article', locale: 'en', visibility: 'public' });
    expect(ssh?.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(rank(index, 'Permission denied (publickey)')[0]?.id).toBe('compute/ssh-permission-denied-publickey');
  });
});
