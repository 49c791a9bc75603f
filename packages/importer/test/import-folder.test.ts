// Reading and writing folders: idempotence, atomic writes, worker threads giving the same result.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { convertKnowledgeBase, importKnowledgeBase, ImportTargetError, readSourceFolder, writeContentFolder } from '../src/index.ts';

const TODAY = '2025-06-01';
const OWNERS = { fallback: '@contoso/kb-team' };
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `kb-importer-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file of a folder with its text, sorted by path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A source folder with the articles of two multi-file fixtures and one single-file fixture. */
function sourceFolder(): string {
  const src = tempDir('src');
  for (const name of ['links', 'slug-collision']) {
    const input = path.join(fixtures, name, 'input');
    for (const file of readdirSync(input, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const from = path.join(file.parentPath, file.name);
      const to = path.join(src, path.relative(input, from));
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, readFileSync(from));
    }
  }
  mkdirSync(path.join(src, 'misc'), { recursive: true });
  writeFileSync(path.join(src, 'misc', 'raw-html.md'), readFileSync(path.join(fixtures, 'raw-html-inline', 'input.md')));
  writeFileSync(path.join(src, 'README.md'), '# Not an article\n');
  mkdirSync(path.join(src, 'misc', 'includes'), { recursive: true });
  writeFileSync(path.join(src, 'misc', 'includes', 'snippet.md'), 'An include file, not an article.\n');
  return src;
}

describe('importKnowledgeBase', () => {
  test('importing twice gives identical output', async () => {
    const src = sourceFolder();
    const first = path.join(tempDir('out'), 'first');
    const second = path.join(tempDir('out'), 'second');
    await importKnowledgeBase(src, first, { today: TODAY, owners: OWNERS });
    await importKnowledgeBase(src, second, { today: TODAY, owners: OWNERS });
    expect(tree(second)).toEqual(tree(first));
    // And again into the same folder, replacing it.
    await importKnowledgeBase(src, first, { today: TODAY, owners: OWNERS, force: true });
    expect(tree(first)).toEqual(tree(second));
    expect(Object.keys(tree(first))).toEqual([
      'ATTRIBUTION.md',
      'articles/en/kb/setup-guide-beta-2.mdx',
      'articles/en/kb/setup-guide-beta.mdx',
      'articles/en/kb/setup-guide.mdx',
      'articles/en/misc/raw-html.mdx',
      'articles/en/network/vpn-fails.mdx',
      'articles/en/network/vpn-setup.mdx',
      'articles/en/storage/disk-full.mdx',
      'import-report.json',
      'taxonomy.yaml',
    ]);
  });

  test('worker threads give the same result as one thread', async () => {
    const src = sourceFolder();
    const one = path.join(tempDir('out'), 'one');
    const two = path.join(tempDir('out'), 'two');
    await importKnowledgeBase(src, one, { today: TODAY, owners: OWNERS, workers: 1 });
    await importKnowledgeBase(src, two, { today: TODAY, owners: OWNERS, workers: 2 });
    expect(tree(two)).toEqual(tree(one));
    // Starting two worker threads loads the whole pipeline twice: seconds on a busy machine.
  }, 30_000);

  test('a folder that is not empty is refused without force, and left as it was', async () => {
    const src = sourceFolder();
    const dest = tempDir('dest');
    writeFileSync(path.join(dest, 'keep.txt'), 'mine');
    await expect(importKnowledgeBase(src, dest, { today: TODAY, owners: OWNERS })).rejects.toThrow(ImportTargetError);
    expect(tree(dest)).toEqual({ 'keep.txt': 'mine' });
    expect(existsSync(`${dest}.importing`)).toBe(false);
  });

  test('a destination inside the source is refused', async () => {
    const src = sourceFolder();
    await expect(importKnowledgeBase(src, path.join(src, 'out'), { today: TODAY, owners: OWNERS })).rejects.toMatchObject({ code: 'dest-inside-source' });
  });

  test('a failed write leaves neither a half-written folder nor the staging folder', async () => {
    const parent = tempDir('dest');
    const dest = path.join(parent, 'content');
    // A file where a folder must go makes the write fail half-way.
    const files = new Map([['taxonomy.yaml', 'x'], ['articles', 'not a folder'], ['articles/en/a/b.mdx', 'y']]);
    await expect(writeContentFolder(dest, files)).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });

  test('readSourceFolder reads Markdown only, sorted', async () => {
    const src = sourceFolder();
    writeFileSync(path.join(src, 'notes.txt'), 'not Markdown');
    const files = await readSourceFolder(src);
    expect(files.map((file) => file.path)).toEqual([...files.map((file) => file.path)].sort());
    expect(files.some((file) => file.path === 'notes.txt')).toBe(false);
    // README and include files are read but are no articles.
    const result = convertKnowledgeBase(files, { today: TODAY, owners: OWNERS });
    expect(result.report.summary.found).toBe(7);
  });
});
