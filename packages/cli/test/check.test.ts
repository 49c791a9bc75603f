import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixturesDir, runCheckFixture } from './check-fixtures.ts';
import { kb } from './kb.ts';
import { checkRules, RULES_HELP, ruleUrlOf } from '../src/check-rules.ts';

const fixtures = readdirSync(fixturesDir).filter((name) => name !== '_base').sort();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('kb check', () => {
  test('clean content: no output on stdout, exit 0', async () => {
    const result = await runCheckFixture(undefined);
    dirs.push(result.dir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('0 error(s), 0 warning(s)');
    expect(result.status).toBe(0);
  });

  // One broken file per rule: exactly its message at its position; exit 1 iff the message is an error.
  test.each(fixtures)('%s', async (name) => {
    const expected = readFileSync(path.join(fixturesDir, name, 'expected.txt'), 'utf8');
    const result = await runCheckFixture(name);
    dirs.push(result.dir);
    expect(result.stdout).toBe(expected);
    expect(expected.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(expected.includes(': error: ') ? 1 : 0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('--format json gives the same problems as objects', async () => {
    const result = await runCheckFixture('secret', ['--format', 'json']);
    dirs.push(result.dir);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'articles/en/compute/fixture.mdx', line: 30, column: 29, severity: 'error', message: 'Unexpected secret (access-key) in content, remove it and rotate it', ruleId: 'secret', url: 'CONTRIBUTING.md#rule-secret' },
    ]);
    expect(result.status).toBe(1);
  });

  test('--format json gives a second location as `cause`, as remark-lint does', async () => {
    const result = await runCheckFixture('duplicate-id', ['--format', 'json']);
    dirs.push(result.dir);
    const [problem] = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(problem).toMatchObject({ file: 'articles/en/compute/boot-volume-full.mdx', line: 1, column: 1, ruleId: 'duplicate-id', url: 'CONTRIBUTING.md#rule-duplicate-id' });
    expect(problem!.cause).toEqual({ file: 'articles/en/compute/boot-volume-full.md', line: 1, column: 1, message: 'The first file of `compute/boot-volume-full`' });
  });

  test('--format github writes workflow annotations', async () => {
    const result = await runCheckFixture('kcs-title', ['--format', 'github']);
    dirs.push(result.dir);
    expect(result.stdout.trim()).toBe(
      '::warning file=articles/en/compute/fixture.mdx,line=2,col=1,title=kcs-title::Unexpected title, expected the customer\'s problem or question (e.g. "Why does … fail with …?")',
    );
  });

  test('a bad option is one line and exit 1, never a stack trace', async () => {
    const result = await runCheckFixture(undefined, ['--format', 'yaml']);
    dirs.push(result.dir);
    expect(result.stderr.trim()).toBe('kb: Unknown --format `yaml`, expected text, json or github');
    expect(result.status).toBe(1);
  });
});

describe('kb check with runbooks', () => {
  test('reports runbook rules and unknown runbook ids of articles in the same run', async () => {
    const runbooksDir = mkdtempSync(path.join(tmpdir(), 'kb-check-runbooks-'));
    dirs.push(runbooksDir);
    const fixtures = path.resolve(fixturesDir, '../../../../runbooks/test/fixtures');
    copyFileSync(path.join(fixtures, 'unknown-step/input.mdx'), path.join(runbooksDir, 'unknown-step.mdx'));
    const base = await runCheckFixture(undefined);
    dirs.push(base.dir);
    const article = path.join(base.dir, 'articles/en/compute/boot-volume-full.mdx');
    writeFileSync(article, readFileSync(article, 'utf8').replace('owner: "@nimbus/l3-compute"', 'owner: "@nimbus/l3-compute"\nrunbooks:\n  - vm-unreachabel'));
    const result = await kb(['check', '--content', base.dir, '--runbooks', runbooksDir, '--today', '2026-11-21'], { cwd: base.dir });
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^articles\/en\/compute\/boot-volume-full\.mdx:\d+:5: error: Unknown runbook `vm-unreachabel`.*\(unknown-runbook\)$/));
    const expectedRunbook = readFileSync(path.join(fixtures, 'unknown-step/expected.txt'), 'utf8').trim().split('\n');
    for (const line of expectedRunbook) expect(lines).toContain(`${path.relative(base.dir, path.join(runbooksDir, 'unknown-step.mdx'))}:${line.replace(/^[^:]*\.mdx:/, '')}`);
    expect(result.status).toBe(1);
  });
});

describe('the rule catalog of kb check', () => {
  // CONTRIBUTING.md is a declared input of this task (packages/cli/turbo.json).
  const contributing = readFileSync(fileURLToPath(new URL('../../../CONTRIBUTING.md', import.meta.url)), 'utf8');

  test('every rule has a url whose anchor exists in CONTRIBUTING.md, once', () => {
    expect(checkRules.length).toBeGreaterThan(50);
    for (const rule of checkRules) {
      expect(rule.url, rule.id).toBe(`CONTRIBUTING.md#rule-${rule.id}`);
      expect(contributing.split(`<a id="rule-${rule.id}"></a>`), rule.id).toHaveLength(2);
    }
  });

  test('every rule id the check fixtures report has a catalog entry', () => {
    const reported = fixtures.flatMap((name) => [...readFileSync(path.join(fixturesDir, name, 'expected.txt'), 'utf8').matchAll(/\(([a-z-]+)\)$/gm)].map((match) => match[1]!));
    expect(reported.length).toBe(fixtures.length);
    for (const id of reported) expect(ruleUrlOf(id), id).toBeDefined();
  });

  test('the help of kb check says where the rules are explained', async () => {
    const result = await kb(['check', '--help'], { cwd: tmpdir() });
    expect(result.stdout).toContain(RULES_HELP);
  });
});
