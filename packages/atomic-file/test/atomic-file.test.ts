import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openAtomicFile, processAlive, temporaryPathBeside, writeFileAtomic, writeFileAtomicSync } from '@nimbus/atomic-file';

/** A fresh folder, removed when the test that made it ends. */
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-file-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The id of a process that has ended: a child run to completion. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A folder with `out.txt` holding `old`, and an atomic writer open on it. */
async function openOverOld() {
  const dir = await folder();
  const file = path.join(dir, 'out.txt');
  await writeFile(file, 'old\n');
  return { dir, file, writer: await openAtomicFile(file) };
}

describe('openAtomicFile', () => {
  it('shows readers the old file until commit, then the whole new one, and leaves no temporary file', async () => {
    const { dir, file, writer } = await openOverOld();
    await writer.write('new ');
    await writer.write('text\n');
    expect(await readFile(file, 'utf8')).toBe('old\n');
    await writer.commit();
    await writer.commit();
    expect(await readFile(file, 'utf8')).toBe('new text\n');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('abort keeps the old content and removes the temporary file', async () => {
    const { dir, file, writer } = await openOverOld();
    await writer.write('half');
    await writer.abort();
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('creates the folder of the target', async () => {
    const file = path.join(await folder(), 'a', 'b', 'out.txt');
    const writer = await openAtomicFile(file);
    writer.stream.write('through the stream\n');
    await writer.commit();
    expect(await readFile(file, 'utf8')).toBe('through the stream\n');
  });
});

describe('temporaryPathBeside', () => {
  it('removes what killed writers left, never the target nor a running writer’s file', async () => {
    const dir = await folder();
    const file = path.join(dir, 'links.jsonl');
    const dead = `.links.jsonl.${endedPid()}.0badc0de.tmp`;
    const running = `.links.jsonl.${process.pid}.12345678.tmp`;
    await Promise.all([writeFile(file, 'kept'), writeFile(path.join(dir, dead), 'half'), writeFile(path.join(dir, running), 'busy')]);
    const temporary = await temporaryPathBeside(file);
    expect(path.dirname(temporary)).toBe(dir);
    expect(path.basename(temporary)).toMatch(new RegExp(`^\\.links\\.jsonl\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect((await readdir(dir)).sort()).toEqual([running, 'links.jsonl'].sort());
  });
});

describe('processAlive', () => {
  it('knows this process runs and an ended one does not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(endedPid())).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole, from text or bytes, with nothing left beside it', async () => {
    const dir = await folder();
    const file = path.join(dir, 'index.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    await writeFileAtomic(file, new TextEncoder().encode('{"b":2}'));
    expect(await readFile(file, 'utf8')).toBe('{"b":2}');
    expect(await readdir(dir)).toEqual(['index.json']);
  });

  it('fails for a folder that does not exist, leaving nothing behind', async () => {
    const dir = await folder();
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces a file whole, from text or bytes, with nothing left beside it', async () => {
    const dir = await folder();
    const file = path.join(dir, 'record.json');
    writeFileAtomicSync(file, '{"a":1}');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    writeFileAtomicSync(file, new TextEncoder().encode('{"b":2}'));
    expect(await readFile(file, 'utf8')).toBe('{"b":2}');
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('fails for a folder that does not exist, leaving nothing behind', async () => {
    const dir = await folder();
    expect(() => writeFileAtomicSync(path.join(dir, 'missing', 'x.json'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('@nimbus/atomic-file', () => {
  it('exports exactly its five functions', async () => {
    expect(Object.keys(await import('@nimbus/atomic-file')).sort()).toEqual(['openAtomicFile', 'processAlive', 'temporaryPathBeside', 'writeFileAtomic', 'writeFileAtomicSync']);
  });
});
