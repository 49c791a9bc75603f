// Source files that are not UTF-8, and what a killed import leaves beside its destination.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ImportSourceError, readSourceFolder, writeContentFolder } from '../src/index.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-importer-interrupted-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Where reading a folder with one file of these bytes fails, as `line:column reason`. */
async function failure(bytes: Buffer): Promise<string | undefined> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a.md'), bytes);
  try {
    await readSourceFolder(dir);
    return undefined;
  } catch (error) {
    if (!(error instanceof ImportSourceError)) throw error;
    expect(error.file).toBe(path.join(dir, 'a.md'));
    return `${error.line}:${error.column} ${error.reason}`;
  }
}

describe('readSourceFolder and encodings', () => {
  test('accepts UTF-8, with or without a byte-order mark, U+FFFD and 4-byte characters included', async () => {
    expect(await failure(Buffer.from('\uFEFF# Title\n\nCafé � 😀 中文\n', 'utf8'))).toBeUndefined();
  });

  test('names the line and column (in characters) of the first byte that is not UTF-8', async () => {
    expect(await failure(Buffer.from([0xe9, 0x0a]))).toBe('1:1 not valid UTF-8 (byte 0xe9); save the file as UTF-8 and import again');
    const text = Buffer.concat([Buffer.from('# Title\n\nCafé 中文 ', 'utf8'), Buffer.from([0xe9]), Buffer.from('t\n')]);
    expect(await failure(text)).toBe('3:9 not valid UTF-8 (byte 0xe9); save the file as UTF-8 and import again');
  });

  test('rejects overlong forms, surrogates, code points above U+10FFFF and a character cut off at the end', async () => {
    expect(await failure(Buffer.from([0x61, 0xc0, 0x80]))).toMatch(/^1:2 not valid UTF-8 \(byte 0xc0\)/);
    expect(await failure(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toMatch(/^1:2 not valid UTF-8 \(byte 0xed\)/);
    expect(await failure(Buffer.from([0x61, 0xf4, 0x90, 0x80, 0x80]))).toMatch(/^1:2 not valid UTF-8 \(byte 0xf4\)/);
    expect(await failure(Buffer.from([0x0a, 0x61, 0xe4, 0xb8]))).toMatch(/^2:2 not valid UTF-8 \(byte 0xe4\)/);
  });

  test('says UTF-16 when the file starts with its byte-order mark', async () => {
    expect(await failure(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Title\n', 'utf16le')]))).toBe('1:1 UTF-16, not UTF-8; save the file as UTF-8 and import again');
  });
});

describe('writeContentFolder after a killed import', () => {
  const files = new Map([['taxonomy.yaml', 'new'], ['articles/en/a/b.mdx', 'new article']]);
  /** The pid of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  test('puts the previous output back when a kill between the two renames left no destination', async () => {
    const parent = tempDir();
    const dest = path.join(parent, 'content');
    const pid = deadPid();
    mkdirSync(`${dest}.replaced.${pid}.aaaaaaaa`);
    writeFileSync(`${dest}.replaced.${pid}.aaaaaaaa/taxonomy.yaml`, 'old');
    mkdirSync(`${dest}.importing.${pid}.aaaaaaaa`);
    // Without `force`, the destination is the previous output again, so it is not empty any more.
    await expect(writeContentFolder(dest, files)).rejects.toMatchObject({ code: 'dest-not-empty' });
    expect(readdirSync(parent)).toEqual(['content']);
    expect(readFileSync(path.join(dest, 'taxonomy.yaml'), 'utf8')).toBe('old');
  });

  test('removes what killed runs left (older versions of the importer included), never what a running one writes', async () => {
    const parent = tempDir();
    const dest = path.join(parent, 'content');
    mkdirSync(dest);
    writeFileSync(path.join(dest, 'taxonomy.yaml'), 'old');
    for (const name of [`content.importing.${deadPid()}.bbbbbbbb`, `content.replaced.${deadPid()}.cccccccc`, 'content.importing', 'content.replaced', `content.importing.${process.pid}.dddddddd`, 'content.mine']) {
      mkdirSync(path.join(parent, name));
    }
    await writeContentFolder(dest, files, { force: true });
    expect(readdirSync(parent).sort()).toEqual(['content', `content.importing.${process.pid}.dddddddd`, 'content.mine']);
    expect(readFileSync(path.join(dest, 'taxonomy.yaml'), 'utf8')).toBe('new');
  });
});
