// `kb link --shard i/n` + `kb link --merge` (issue 17): the merged output and ledger are byte-identical to one run
// over the whole file, whatever n, with bad records reported at their line in the whole file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { caseFixtures, caseRunner } from './case-fixtures.ts';

const fixtures = caseFixtures;
const { temp, run, link } = caseRunner('kb-link-shard-');
const problems = (stderr: string) => stderr.split('\n').filter((line) => line.includes(': error: '));

// The fixture's cases (good, bad and blank lines) repeated under new ids until the file is past the size where
// `kb link` starts worker threads, so both ways of linking are merged.
let casesFile: string;
beforeAll(() => {
  const lines = readFileSync(path.join(fixtures, 'cases.jsonl'), 'utf8').split('\n');
  const out: string[] = [];
  for (let copy = 0; out.length < 3000; copy++) out.push(...lines.map((line) => line.replace(/"id":"([^"]*)"/, `"id":"$1-${copy}"`)));
  casesFile = path.join(temp, 'cases.jsonl');
  writeFileSync(casesFile, `${out.join('\n')}\n`);
});

describe('kb link --shard i/n, then --merge', () => {
  test.each([
    ['jsonl', 4, '1'],
    ['jsonl', 3, '2'],
    ['text', 2, '1'],
  ])('--format %s in %i shards (--jobs %s): output and ledger byte-identical to one run', async (format, count, jobs) => {
    const whole = await link('--cases', casesFile, '--format', format, '--ledger', path.join(temp, `whole-${format}-${count}.ledger`));
    expect(whole.status, whole.stderr).toBe(0);
    const dir = path.join(temp, `shards-${format}-${count}`);
    const shardProblems: string[] = [];
    for (let index = 1; index <= count; index++) {
      const part = await link('--cases', casesFile, '--format', format, '--jobs', jobs, '--shard', `${index}/${count}`, '--shard-dir', dir, '--ledger', 'merged.ledger');
      expect(part.status, part.stderr).toBe(0);
      expect(part.stdout).toBe('');
      shardProblems.push(...problems(part.stderr));
    }
    const merged = await run('link', '--merge', dir, '--ledger', path.join(temp, `merged-${format}-${count}.ledger`));
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout.length).toBeGreaterThan(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(readFileSync(path.join(temp, `merged-${format}-${count}.ledger`), 'utf8')).toBe(readFileSync(path.join(temp, `whole-${format}-${count}.ledger`), 'utf8'));
    // Bad records keep the line numbers of the whole file.
    expect(shardProblems.length).toBeGreaterThan(0);
    expect(shardProblems).toEqual(problems(whole.stderr));
    expect(merged.stderr).toMatch(new RegExp(`merged ${count} shard\\(s\\)`));
  });

  test('more shards than lines: the empty shards merge to nothing extra', async () => {
    const small = path.join(fixtures, 'cases.jsonl');
    const count = readFileSync(small, 'utf8').split('\n').length + 3;
    const dir = path.join(temp, 'many');
    for (let index = 1; index <= count; index++) expect((await link('--cases', small, '--format', 'jsonl', '--shard', `${index}/${count}`, '--shard-dir', dir)).status).toBe(0);
    expect((await run('link', '--merge', dir)).stdout).toBe((await link('--cases', small, '--format', 'jsonl')).stdout);
  });

  test('merge refuses a missing shard or parts linked another way, naming the problem', async () => {
    const dir = path.join(temp, 'incomplete');
    expect((await link('--cases', casesFile, '--format', 'jsonl', '--shard', '1/3', '--shard-dir', dir)).status).toBe(0);
    expect((await link('--cases', casesFile, '--format', 'jsonl', '--shard', '3/3', '--shard-dir', dir)).status).toBe(0);
    const missing = await run('link', '--merge', dir);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/shards 2 of 3 are missing/);
    expect(missing.stdout).toBe('');
    expect((await link('--cases', casesFile, '--format', 'jsonl', '--top', '2', '--shard', '2/3', '--shard-dir', dir)).status).toBe(0);
    const mixed = await run('link', '--merge', dir);
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toMatch(/shard \d was linked from another case file, index or settings/);
  });

  test('merge refuses parts that learned from different linked cases (--linked-cases)', async () => {
    const dir = path.join(temp, 'ledgers');
    const ledger = path.join(fixtures, '../linked-cases/ledger.jsonl');
    expect((await link('--cases', casesFile, '--format', 'jsonl', '--linked-cases', ledger, '--shard', '1/2', '--shard-dir', dir)).status).toBe(0);
    expect((await link('--cases', casesFile, '--format', 'jsonl', '--linked-cases', 'off', '--shard', '2/2', '--shard-dir', dir)).status).toBe(0);
    const mixed = await run('link', '--merge', dir);
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toMatch(/shard \d was linked from another case file, index or settings/);
    expect(mixed.stdout).toBe('');
  });

  test('bad --shard values and inputs that cannot be cut by bytes are refused', async () => {
    for (const value of ['0/4', '5/4', '2', 'a/b']) expect((await link('--cases', casesFile, '--shard', value, '--shard-dir', temp)).stderr).toContain('Expected --shard i/n');
    const csv = path.join(temp, 'cases.csv');
    writeFileSync(csv, 'id,subject,body\n1,a,b\n');
    expect((await link('--cases', csv, '--shard', '1/2', '--shard-dir', temp)).stderr).toContain('--shard splits a JSON Lines file by byte ranges');
    expect((await link('--cases', casesFile, '--shard', '1/2')).stderr).toContain('--shard needs --shard-dir');
  });
});
