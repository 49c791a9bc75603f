// `kb import` that fails or is killed half-way: the previous output stays byte-identical, nothing half-written is
// left for a later run to trip on, and a successful re-import gives the same tree every time.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { kb as runKb } from './kb.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const kb = path.join(here, '../bin/kb.js');
const source = path.join(here, 'fixtures/import/kb');
/** An article saved as Latin-1: `ö` (0xf6) on line 10, column 26. */
const latin1 = path.join(here, 'fixtures/import-failure/network/vpn-drops-hourly.md');
const TODAY = '2025-06-01';

const temp = mkdtempSync(path.join(tmpdir(), 'kb-import-failure-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const kbImport = (args: string[], cwd = temp) => runKb(['import', ...args, '--owner', '@contoso/kb-team', '--reviewed', 'import', '--no-discover'], { cwd });

/** Every file of a folder (relative path → SHA-256 of its bytes), sorted; folders as `path/`. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    out[entry.isDirectory() ? `${relative}/` : relative] = entry.isDirectory() ? '' : createHash('sha256').update(readFileSync(path.join(dir, relative))).digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A fresh folder under the test's temporary folder. */
let folders = 0;
const folder = (name: string) => {
  const dir = path.join(temp, `${name}-${folders++}`);
  mkdirSync(dir);
  return dir;
};

/** The fixture knowledge base plus the Latin-1 article, which sorts last: every other file is read before it. */
function sourceWithLatin1(): string {
  const src = path.join(folder('src'), 'kb');
  cpSync(source, src, { recursive: true });
  cpSync(latin1, path.join(src, 'network/vpn-drops-hourly.md'));
  return src;
}

/** The pid of a process that has exited: what a killed import leaves in its folder names. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('kb import that fails', () => {
  test('a source file that is not UTF-8: one line naming file, line and column, exit 1, the previous output untouched', async () => {
    const parent = folder('out');
    expect((await kbImport([source, 'content', '--today', TODAY], parent)).status).toBe(0);
    const before = tree(path.join(parent, 'content'));
    expect(Object.keys(before)).toContain('articles/en/network/rdp-fails-credssp.mdx');

    const src = sourceWithLatin1();
    const result = await kbImport([src, 'content', '--today', '2025-07-01', '--force'], parent);
    expect(result.stderr).toBe(`kb: ${path.join(src, 'network/vpn-drops-hourly.md')}:10:26: not valid UTF-8 (byte 0xf6); save the file as UTF-8 and import again\n`);
    expect(result.status).toBe(1);
    expect(tree(path.join(parent, 'content'))).toEqual(before);
    expect(readdirSync(parent)).toEqual(['content']);

    // The path as the user gave the source folder.
    const relative = await kbImport([path.relative(parent, src), 'content', '--force'], parent);
    expect(relative.stderr).toBe(`kb: ${path.relative(parent, src)}/network/vpn-drops-hourly.md:10:26: not valid UTF-8 (byte 0xf6); save the file as UTF-8 and import again\n`);

    // UTF-16 is named as such.
    writeFileSync(path.join(src, 'network/vpn-drops-hourly.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\ntitle: x\n---\n', 'utf16le')]));
    const utf16 = await kbImport([src, 'content', '--force'], parent);
    expect(utf16.stderr).toMatch(/^kb: .*vpn-drops-hourly\.md:1:1: UTF-16, not UTF-8; save the file as UTF-8 and import again\n$/);
    expect(utf16.status).toBe(1);
    expect(tree(path.join(parent, 'content'))).toEqual(before);
  });

  test('a destination that cannot be written: one line, exit 1, nothing left beside it', async () => {
    const parent = folder('out');
    writeFileSync(path.join(parent, 'file'), 'a file where a folder must go');
    const result = await kbImport([source, 'file/content', '--today', TODAY], parent);
    const dest = path.join(parent, 'file/content');
    expect(result.stderr).toBe(`kb: Cannot write \`${dest}\` (ENOTDIR); \`${dest}\` was left as it was\n`);
    expect(result.status).toBe(1);
    expect(readdirSync(parent)).toEqual(['file']);
  });

  test('a run killed between its two renames: the next run puts the previous output back, even when it fails', async () => {
    const parent = folder('out');
    const dest = path.join(parent, 'content');
    expect((await kbImport([source, 'content', '--today', TODAY], parent)).status).toBe(0);
    const before = tree(dest);
    // What a kill right after `content` → `content.replaced.<pid>.<hex>` leaves: no `content`, and the complete new
    // folder still under its staging name.
    const pid = deadPid();
    renameSync(dest, `${dest}.replaced.${pid}.0a1b2c3d`);
    cpSync(`${dest}.replaced.${pid}.0a1b2c3d`, `${dest}.importing.${pid}.0a1b2c3d`, { recursive: true });
    // And a half-written staging folder of another process that still runs (the one that started this test): not
    // ours to touch.
    mkdirSync(`${dest}.importing.${process.ppid}.00000000`);

    const failed = await kbImport([sourceWithLatin1(), 'content', '--force'], parent);
    expect(failed.status).toBe(1);
    expect(tree(dest)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(['content', `content.importing.${process.ppid}.00000000`]);
    rmSync(`${dest}.importing.${process.ppid}.00000000`, { recursive: true });

    // Killed after the second rename: the new folder is in place, the old one is deleted by the next run.
    cpSync(dest, `${dest}.replaced.${deadPid()}.4e5f6a7b`, { recursive: true });
    const again = await kbImport([source, 'content', '--today', TODAY, '--force'], parent);
    expect(again.status).toBe(0);
    expect(tree(dest)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['content']);
  });
});

describe('kb import, killed', () => {
  test('leaves the previous output or the new one after a SIGKILL at any moment; the next run cleans up; re-imports are identical', async () => {
    // A knowledge base large enough that a kill can land while it is read, converted and written: 40 teams with
    // the 3 fixture articles each.
    const src = path.join(folder('big'), 'kb');
    for (let team = 0; team < 40; team++) cpSync(source, path.join(src, `team-${String(team).padStart(2, '0')}`), { recursive: true });
    const parent = folder('out');
    const dest = path.join(parent, 'content');
    // Whole runs as the killed ones run, in their own process: the kill moments below are fractions of this time.
    const timed = async (args: string[]) => {
      const started = performance.now();
      const result = spawnSync(process.execPath, [kb, 'import', ...args, '--owner', '@contoso/kb-team', '--reviewed', 'import', '--no-discover'], { cwd: parent, encoding: 'utf8' });
      expect(result.stderr).toContain('Imported 120 of 120 articles');
      expect(result.status).toBe(0);
      return performance.now() - started;
    };
    await timed([src, 'content', '--today', TODAY]);
    const oldTree = tree(dest);
    cpSync(dest, path.join(temp, 'old-content'), { recursive: true });
    // The new import differs in every article (its review day).
    const NEW = ['--today', '2025-06-02', '--force'];
    const fullRunMs = await timed([src, 'reference', ...NEW]);
    const newTree = tree(path.join(parent, 'reference'));
    rmSync(path.join(parent, 'reference'), { recursive: true });
    expect(newTree).not.toEqual(oldTree);

    const siblings = () => readdirSync(parent).filter((name) => name !== 'content');
    const staging = (pid: number) => siblings().find((name) => name.startsWith(`content.importing.${pid}.`));
    // While starting, reading and converting (by time), as the staging folder appears, once files are being written
    // into it, once the last file (the report) is there, and once the previous output has been moved aside.
    const moments: Array<{ name: string; due: (pid: number, elapsed: number) => boolean }> = [
      { name: 'starting (10 % of a run)', due: (_pid, elapsed) => elapsed >= fullRunMs * 0.1 },
      { name: 'converting (50 %)', due: (_pid, elapsed) => elapsed >= fullRunMs * 0.5 },
      { name: 'staging folder appears', due: (pid) => staging(pid) !== undefined },
      { name: 'taxonomy.yaml staged', due: (pid) => staging(pid) !== undefined && exists(path.join(parent, staging(pid)!, 'taxonomy.yaml')) },
      { name: 'import-report.json staged', due: (pid) => staging(pid) !== undefined && exists(path.join(parent, staging(pid)!, 'import-report.json')) },
      { name: 'previous output moved aside', due: (pid) => siblings().some((name) => name.startsWith(`content.replaced.${pid}.`)) || !exists(dest) },
    ];
    const outcomes: Array<{ moment: string; killedAt: string; staged: number; signal: string | null; output: 'old' | 'new' | 'MIXED' | 'MISSING'; left: string[] }> = [];
    for (const moment of moments) {
      rmSync(dest, { recursive: true, force: true });
      cpSync(path.join(temp, 'old-content'), dest, { recursive: true });
      const child = spawn(process.execPath, [kb, 'import', src, 'content', ...NEW, '--owner', '@contoso/kb-team', '--reviewed', 'import', '--no-discover'], { cwd: parent, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let done = false;
      void exited.then(() => (done = true));
      const started = performance.now();
      let staged = -1;
      while (!done) {
        if (moment.due(child.pid!, performance.now() - started)) {
          const name = staging(child.pid!);
          staged = name ? count(path.join(parent, name)) : -1;
          child.kill('SIGKILL');
          break;
        }
        await sleep(1);
      }
      const killedAt = `${Math.round(performance.now() - started)} ms`;
      const signal = await exited;
      // Between its two renames (microseconds) an import has moved the previous output aside and not yet put the new
      // one in place: killed right there, the previous output waits under `content.replaced.<pid>.<hex>` for the next run.
      const aside = siblings().find((name) => name.startsWith(`content.replaced.${child.pid}.`));
      const now = exists(dest) ? tree(dest) : aside ? tree(path.join(parent, aside)) : undefined;
      const output = now === undefined ? 'MISSING' : equal(now, oldTree) ? 'old' : equal(now, newTree) ? 'new' : 'MIXED';
      outcomes.push({ moment: moment.name, killedAt, staged, signal, output, left: siblings() });
    }
    console.log(
      `kb import killed ${outcomes.length} times (a whole run takes ${Math.round(fullRunMs)} ms and writes ${Object.keys(newTree).length} files and folders):\n` +
        outcomes.map((o) => `  ${o.moment.padEnd(30)} at ${o.killedAt.padStart(7)}, ${String(o.staged).padStart(4)} staged, ${o.signal ?? 'exited'} → ${o.output}; left beside it: ${o.left.join(', ') || 'nothing'}`).join('\n'),
    );
    for (const outcome of outcomes) expect(['old', 'new'], outcome.moment).toContain(outcome.output);
    // Kills did land while the staging folder was being written, and those left the previous output.
    const midWrite = outcomes.filter((o) => o.signal === 'SIGKILL' && o.staged >= 0 && o.left.some((name) => name.startsWith('content.importing.')));
    expect(midWrite.length).toBeGreaterThanOrEqual(1);
    for (const outcome of midWrite) expect(outcome.output).toBe('old');

    // The next run removes what the killed runs left and writes the new output, byte-identical to the reference run's
    // (the same import, run before): re-importing is idempotent.
    expect(siblings().length).toBeGreaterThan(0);
    await timed([src, 'content', ...NEW]);
    expect(tree(dest)).toEqual(newTree);
    expect(siblings()).toEqual([]);
  }, 120_000);
});

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Files and folders under `dir`, or -1 when it went away meanwhile. */
function count(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true }).length;
  } catch {
    return -1;
  }
}

function equal(a: Record<string, string>, b: Record<string, string>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
