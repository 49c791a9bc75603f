// `kb link --ledger` killed at any moment: the ledger is the old one or the new one, whole, never a mix; the next
// run removes what a killed run left behind; the same inputs give the same ledger and output every time.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const kb = path.join(repoRoot, 'packages/cli/bin/kb.js');
const articles = path.join(repoRoot, 'content/articles');
/** Enough cases that linking and writing the ledger (about 3.6 MB) take a second or more, so a kill can land anywhere. */
const CASES = 4_000;

/**
 * `count` cases made from the good records of this package's case fixture, each with its own id (`<prefix>-<n>`)
 * and a run number in its subject, so the export of another `prefix` links to a different ledger.
 */
function writeCases(file: string, count: number, prefix: string): void {
  const records = readFileSync(path.join(here, 'fixtures/cases/cases.jsonl'), 'utf8').split('\n').flatMap((line) => {
    try {
      const record = JSON.parse(line) as { id?: unknown; subject?: unknown };
      return typeof record.id === 'string' && typeof record.subject === 'string' ? [record as { id: string; subject: string }] : [];
    } catch {
      return [];
    }
  });
  const lines = Array.from({ length: count }, (_, n) => JSON.stringify({ ...records[n % records.length]!, id: `${prefix}-${n}`, subject: `${records[n % records.length]!.subject} (report ${n})` }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const temp = mkdtempSync(path.join(tmpdir(), 'kb-link-kill-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const cache = path.join(temp, 'cache');
const oldCases = path.join(temp, 'old-cases.jsonl');
const newCases = path.join(temp, 'new-cases.jsonl');
const work = path.join(temp, 'work');
const ledger = path.join(work, 'ledger.jsonl');
const linkArgs = (cases: string, ledgerFile: string) => [kb, 'link', '--articles', articles, '--cases', cases, '--format', 'jsonl', '--ledger', ledgerFile, '--index-cache', cache, '--jobs', '2'];

/** A whole run; standard output goes to `stdoutFile`. */
function linkToEnd(cases: string, ledgerFile: string, stdoutFile: string) {
  const out = openSync(stdoutFile, 'w');
  const started = performance.now();
  try {
    const result = spawnSync(process.execPath, linkArgs(cases, ledgerFile), { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    expect(result.stderr).toMatch(/^kb: linked 4000 case\(s\)/);
    expect(result.status).toBe(0);
    return performance.now() - started;
  } finally {
    closeSync(out);
  }
}

const temporaries = () => readdirSync(work).filter((name) => /^\.ledger\.jsonl\.\d+\.[0-9a-f]+\.tmp$/.test(name));
const size = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
};

let oldLedger: Buffer;
let newLedger: Buffer;
let newStdout: Buffer;
let fullRunMs: number;

beforeAll(async () => {
  // The cases come from this package's fixture; they are linked against the repository's content (a turbo input).
  writeCases(oldCases, CASES, 'old');
  writeCases(newCases, CASES, 'new');
  mkdirSync(work);
  linkToEnd(oldCases, ledger, path.join(temp, 'old.out'));
  oldLedger = readFileSync(ledger);
  writeFileSync(path.join(temp, 'old-ledger.jsonl'), oldLedger);
  fullRunMs = linkToEnd(newCases, path.join(temp, 'reference.jsonl'), path.join(temp, 'new.out'));
  newLedger = readFileSync(path.join(temp, 'reference.jsonl'));
  newStdout = readFileSync(path.join(temp, 'new.out'));
  expect(newLedger.equals(oldLedger)).toBe(false);
}, 120_000);

describe('kb link --ledger, killed', () => {
  test('leaves the old ledger or the new one after a SIGKILL at any moment, and the next run cleans up', async () => {
    const finalSize = newLedger.length;
    let original = 0;
    // Moments spread over the run: while starting (before the temporary file), as the temporary file appears, while
    // it fills (a quarter, half, three quarters, all but the last bytes), and right after the rename.
    const moments: Array<{ name: string; due: (tmp: string | undefined, elapsed: number) => boolean }> = [
      { name: 'starting (5 % of a run)', due: (_tmp, elapsed) => elapsed >= fullRunMs * 0.05 },
      { name: 'temporary file appears', due: (tmp) => tmp !== undefined },
      { name: 'temporary file 25 % written', due: (tmp) => tmp !== undefined && size(tmp) >= finalSize * 0.25 },
      { name: 'temporary file 50 % written', due: (tmp) => tmp !== undefined && size(tmp) >= finalSize * 0.5 },
      { name: 'temporary file 75 % written', due: (tmp) => tmp !== undefined && size(tmp) >= finalSize * 0.75 },
      { name: 'temporary file 97 % written', due: (tmp) => tmp !== undefined && size(tmp) >= finalSize * 0.97 },
      { name: 'ledger renamed into place', due: () => statSync(ledger).ino !== original },
    ];
    const outcomes: Array<{ moment: string; killedAt: string; temporaryBytes: number; signal: string | null; ledger: 'old' | 'new' | 'MIXED'; left: string[] }> = [];
    let lastPid = 0;
    for (const moment of moments) {
      // Every attempt starts from the old ledger (the same file, so a rename shows as a new inode).
      copyFileSync(path.join(temp, 'old-ledger.jsonl'), ledger);
      original = statSync(ledger).ino;
      const child = spawn(process.execPath, linkArgs(newCases, ledger), { stdio: 'ignore' });
      lastPid = child.pid!;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      let done = false;
      void exited.then(() => (done = true));
      const started = performance.now();
      let tmp: string | undefined;
      let temporaryBytes = -1;
      let opened = false;
      while (!done) {
        const name = readdirSync(work).find((entry) => entry.startsWith(`.ledger.jsonl.${child.pid}.`));
        tmp = name ? path.join(work, name) : undefined;
        opened ||= tmp !== undefined;
        if (moment.due(tmp, performance.now() - started)) {
          temporaryBytes = tmp ? size(tmp) : -1;
          child.kill('SIGKILL');
          break;
        }
        await sleep(1);
      }
      const killedAt = `${Math.round(performance.now() - started)} ms`;
      const { signal } = await exited;
      const now = readFileSync(ledger);
      const left = temporaries();
      outcomes.push({ moment: moment.name, killedAt, temporaryBytes, signal, ledger: now.equals(oldLedger) ? 'old' : now.equals(newLedger) ? 'new' : 'MIXED', left });
      // A run that got as far as its temporary file had removed those of the runs killed before it: whatever is left
      // beside the ledger now is its own.
      if (opened) for (const name of left) expect(name.startsWith(`.ledger.jsonl.${child.pid}.`)).toBe(true);
    }
    console.log(`kb link killed ${outcomes.length} times (a whole run takes ${Math.round(fullRunMs)} ms, the new ledger has ${finalSize} bytes):\n${outcomes.map((o) => `  ${o.moment.padEnd(30)} at ${o.killedAt.padStart(7)}, temporary file ${String(o.temporaryBytes).padStart(8)} bytes, ${o.signal ?? 'exited'} → ${o.ledger}`).join('\n')}`);
    for (const outcome of outcomes) expect(outcome.ledger, outcome.moment).not.toBe('MIXED');
    // The kills did land while the temporary file was being written, and those left the old ledger.
    const midWrite = outcomes.filter((o) => o.signal === 'SIGKILL' && o.temporaryBytes > 0 && o.temporaryBytes < finalSize);
    expect(midWrite.length).toBeGreaterThanOrEqual(3);
    for (const outcome of midWrite) expect(outcome.ledger).toBe('old');

    // Killed processes cannot clean up: a kill during the write left its temporary file behind.
    for (const outcome of midWrite) expect(outcome.left).toHaveLength(1);
    // The next run removes the temporary files of processes that are gone, but not the temporary file of a process
    // that still runs (this one stands in for a concurrent `kb link`).
    const dead = `.ledger.jsonl.${lastPid}.0000beef.tmp`;
    writeFileSync(path.join(work, dead), '{"case":"half a line');
    const live = `.ledger.jsonl.${process.pid}.0badc0de.tmp`;
    writeFileSync(path.join(work, live), 'a concurrent run is writing this');
    linkToEnd(newCases, ledger, path.join(temp, 'after-kills.out'));
    expect(readFileSync(ledger).equals(newLedger)).toBe(true);
    expect(readFileSync(path.join(temp, 'after-kills.out')).equals(newStdout)).toBe(true);
    expect(temporaries()).toEqual([live]);
    rmSync(path.join(work, live));
    expect(readdirSync(work)).toEqual(['ledger.jsonl']);
  }, 120_000);

  test('is idempotent: the same inputs give a byte-identical ledger and output, run after run', () => {
    // The same inputs as the reference run (before all), this time over the ledger already there.
    linkToEnd(newCases, ledger, path.join(temp, 'again.out'));
    expect(readFileSync(ledger).equals(newLedger)).toBe(true);
    expect(readFileSync(path.join(temp, 'again.out')).equals(newStdout)).toBe(true);
    expect(readdirSync(work)).toEqual(['ledger.jsonl']);
  }, 120_000);
});
