// The record of the search-index files a build wrote (scripts/incremental/search-files-record.ts): the next build
// links the files whose bytes are the same and writes the others, and whatever happened to the record or to the last
// build's folder, the folder it fills holds exactly the files it was given.
import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { carryRecord, IndexFilesWriter, reuseIndex, writeFiles } from '../../scripts/incremental/search-files-record.ts';

let workDir: string;
let record: string;
const key = 'fingerprint-1';

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-search-files-'));
  record = path.join(workDir, 'cache', 'search-tokens-public.files.json');
});
afterEach(async () => rm(workDir, { recursive: true, force: true }));

const first = new Map<string, Uint8Array | string>([
  ['t0.bin', Uint8Array.from([1, 2, 3])],
  ['t1.bin', Uint8Array.from([4, 5])],
  ['d0.json', '{"id":"a","text":"Zürich"}'],
  ['d1.json', '{"id":"b"}'],
]);
/** The next build's files: one shard and one document changed, one document added. */
const second = new Map<string, Uint8Array | string>([
  ['t0.bin', Uint8Array.from([1, 2, 3])],
  ['t1.bin', Uint8Array.from([4, 6])],
  ['d0.json', '{"id":"a","text":"Zürich"}'],
  ['d1.json', '{"id":"b","x":1}'],
  ['d2.json', '{"id":"c"}'],
]);

/** The files of a folder as their bytes, by name. */
async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await readFile(path.join(dir, name))).toString('hex')] as const)));
}
const expected = (files: Map<string, Uint8Array | string>) => Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, body]) => [name, Buffer.from(body).toString('hex')]));

describe('search files record', () => {
  test('links the files with the same bytes from the last build and writes the others', async () => {
    const dirA = path.join(workDir, 'a', 'search-index', 'base1');
    const dirB = path.join(workDir, 'b', 'search-index', 'base2');
    expect(writeFiles(dirA, first, record, key)).toEqual({ written: 4, linked: 0 });
    expect(writeFiles(dirB, second, record, key)).toEqual({ written: 3, linked: 2 });
    expect(await contents(dirB)).toEqual(expected(second));
    // Linked, not copied: the same file; and the last build's folder is as it was.
    expect((await stat(path.join(dirB, 'd0.json'))).ino).toBe((await stat(path.join(dirA, 'd0.json'))).ino);
    expect((await stat(path.join(dirB, 't1.bin'))).ino).not.toBe((await stat(path.join(dirA, 't1.bin'))).ino);
    expect(await contents(dirA)).toEqual(expected(first));
  });

  test('a build killed after writing its files (its folder removed) does not hide the one before it', async () => {
    writeFiles(path.join(workDir, 'a'), first, record, key);
    writeFiles(path.join(workDir, 'killed'), second, record, key);
    await rm(path.join(workDir, 'killed'), { recursive: true });
    expect(writeFiles(path.join(workDir, 'c'), first, record, key)).toEqual({ written: 0, linked: 4 });
    expect(await contents(path.join(workDir, 'c'))).toEqual(expected(first));
  });

  test('another build fingerprint links nothing', async () => {
    writeFiles(path.join(workDir, 'a'), first, record, key);
    expect(writeFiles(path.join(workDir, 'b'), second, record, 'fingerprint-2')).toEqual({ written: 5, linked: 0 });
    expect(await contents(path.join(workDir, 'b'))).toEqual(expected(second));
  });

  test.each([
    ['truncated', async () => truncate(record, 40)],
    ['not JSON', async () => writeFile(record, '\u0000\u0001garbage')],
    ['of the wrong shape', async () => writeFile(record, JSON.stringify({ key, builds: [{ dir: 5, files: null }] }))],
    ['of the older shape', async () => writeFile(record, JSON.stringify({ key, dir: path.join(workDir, 'a'), files: {} }))],
    ['empty', async () => writeFile(record, '')],
  ])('a record that is %s links nothing, and the files are right', async (_name, spoil) => {
    writeFiles(path.join(workDir, 'a'), first, record, key);
    await spoil();
    expect(writeFiles(path.join(workDir, 'b'), second, record, key)).toEqual({ written: 5, linked: 0 });
    expect(await contents(path.join(workDir, 'b'))).toEqual(expected(second));
  });

  test('a last build that is gone, or whose file is not the recorded size, is written again', async () => {
    writeFiles(path.join(workDir, 'a'), first, record, key);
    await truncate(path.join(workDir, 'a', 'd0.json'), 3);
    await rm(path.join(workDir, 'a', 't0.bin'));
    expect(writeFiles(path.join(workDir, 'b'), second, record, key)).toEqual({ written: 5, linked: 0 });
    expect(await contents(path.join(workDir, 'b'))).toEqual(expected(second));
    // The record now names the new folder: a third build links from it.
    expect(writeFiles(path.join(workDir, 'c'), second, record, key)).toEqual({ written: 0, linked: 5 });
    expect(await contents(path.join(workDir, 'c'))).toEqual(expected(second));
  });

  test('the index of the same inputs is linked whole; other inputs, or a build without them, reuse nothing', async () => {
    const identity = { inputs: 'inputs-1', manifest: '{"base":"base1"}' };
    const dirA = path.join(workDir, 'a', 'search-index', 'base1');
    writeFiles(dirA, first, record, key, identity);
    expect(reuseIndex(path.join(workDir, 'x', 'search-index'), record, key, 'inputs-2')).toBeUndefined();
    await expect(readdir(path.join(workDir, 'x'))).rejects.toThrow();
    expect(reuseIndex(path.join(workDir, 'b', 'search-index'), record, 'fingerprint-2', 'inputs-1')).toBeUndefined();
    expect(reuseIndex(path.join(workDir, 'b', 'search-index'), record, key, 'inputs-1')).toEqual({ manifest: identity.manifest, files: 4 });
    const dirB = path.join(workDir, 'b', 'search-index', 'base1');
    expect(await contents(dirB)).toEqual(expected(first));
    expect((await stat(path.join(dirB, 't0.bin'))).ino).toBe((await stat(path.join(dirA, 't0.bin'))).ino);
    // A build recorded without its inputs (written by writeFiles alone) is never reused whole.
    writeFiles(path.join(workDir, 'c', 'search-index', 'base1'), first, record, key);
    expect(reuseIndex(path.join(workDir, 'd', 'search-index'), record, key, 'inputs-1')).toEqual({ manifest: identity.manifest, files: 4 });
    await rm(path.join(workDir, 'b'), { recursive: true });
    await rm(path.join(workDir, 'd'), { recursive: true });
    await rm(path.join(dirA, 'd1.json'));
    expect(reuseIndex(path.join(workDir, 'e', 'search-index'), record, key, 'inputs-1')).toBeUndefined();
    await expect(readdir(path.join(workDir, 'e', 'search-index', 'base1'))).rejects.toThrow();
  });

  test('a site reused whole carries the record to its new folder: the next build links from there once the old one is pruned', async () => {
    const published = path.join(workDir, 'store', 'run-1');
    writeFiles(path.join(published, 'search-index', 'base1'), first, record, key);
    // The reuse links the published build into the next one, then prunes the published one.
    const reused = path.join(workDir, 'store', 'run-2');
    await cp(published, reused, { recursive: true });
    expect(carryRecord(record, key, published, reused)).toBe(true);
    await rm(published, { recursive: true });
    expect(writeFiles(path.join(workDir, 'store', 'run-3', 'search-index', 'base2'), second, record, key)).toEqual({ written: 3, linked: 2 });
    // A record of another fingerprint, or whose newest build is not in the folder named, is left alone.
    expect(carryRecord(record, 'fingerprint-2', reused, published)).toBe(false);
    expect(carryRecord(record, key, path.join(workDir, 'elsewhere'), published)).toBe(false);
  });

  test('the published build stays in the carried record: a reuse that never publishes hides nothing', async () => {
    const published = path.join(workDir, 'store', 'run-1');
    writeFiles(path.join(published, 'search-index', 'base1'), first, record, key);
    carryRecord(record, key, published, path.join(workDir, 'store', 'killed'));
    expect(writeFiles(path.join(workDir, 'store', 'run-3', 'search-index', 'base1'), first, record, key)).toEqual({ written: 0, linked: 4 });
  });

  test('files written as they are made go to the folder named at the end, and the record points there', async () => {
    const writing = path.join(workDir, 'a', 'search-index', '.writing');
    const writer = new IndexFilesWriter(writing, { file: record, key });
    for (const [name, body] of first) writer.add(name, body);
    const dirA = path.join(workDir, 'a', 'search-index', 'base1');
    expect(writer.finish(dirA)).toEqual({ written: 4, linked: 0 });
    expect(existsSync(writing)).toBe(false);
    expect(await contents(dirA)).toEqual(expected(first));
    // The next build links from the renamed folder: the record names where the files are, not where they were made.
    const next = new IndexFilesWriter(path.join(workDir, 'b', 'search-index', '.writing'), { file: record, key });
    for (const [name, body] of second) next.add(name, body);
    const dirB = path.join(workDir, 'b', 'search-index', 'base2');
    expect(next.finish(dirB)).toEqual({ written: 3, linked: 2 });
    expect(await contents(dirB)).toEqual(expected(second));
    expect((await stat(path.join(dirB, 'd0.json'))).ino).toBe((await stat(path.join(dirA, 'd0.json'))).ino);
  });

  test('a writer discarded on the way leaves no folder and no record; one without a record writes every file', async () => {
    const writing = path.join(workDir, 'a', '.writing');
    const writer = new IndexFilesWriter(writing, { file: record, key });
    writer.add('t0.bin', Uint8Array.from([1]));
    writer.discard();
    expect(existsSync(writing)).toBe(false);
    expect(existsSync(record)).toBe(false);
    const plain = new IndexFilesWriter(path.join(workDir, 'b', '.writing'));
    for (const [name, body] of first) plain.add(name, body);
    expect(plain.finish(path.join(workDir, 'b', 'base'))).toEqual({ written: 4, linked: 0 });
    expect(await contents(path.join(workDir, 'b', 'base'))).toEqual(expected(first));
    expect(existsSync(record)).toBe(false);
  });
});
