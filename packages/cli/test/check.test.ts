import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixturesDir, runCheckFixture } from './check-fixtures.ts';

const fixtures = readdirSync(fixturesDir).filter((name) => name !== '_base').sort();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('kb check', () => {
  test('clean content: no output on stdout, exit 0', () => {
    const result = runCheckFixture(undefined);
    dirs.push(result.dir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('0 error(s), 0 warning(s)');
    expect(result.status).toBe(0);
  });

  // One broken file per rule: exactly its message at its position; exit 1 iff the message is an error.
  test.each(fixtures)('%s', (name) => {
    const expected = readFileSync(path.join(fixturesDir, name, 'expected.txt'), 'utf8');
    const result = runCheckFixture(name);
    dirs.push(result.dir);
    expect(result.stdout).toBe(expected);
    expect(expected.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(expected.includes(': error: ') ? 1 : 0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('--format json gives the same problems as objects', () => {
    const result = runCheckFixture('secret', ['--format', 'json']);
    dirs.push(result.dir);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'articles/en/compute/fixture.mdx', line: 30, column: 29, severity: 'error', message: 'Unexpected secret (access-key) in content, remove it and rotate it', ruleId: 'secret' },
    ]);
    expect(result.status).toBe(1);
  });

  test('--format github writes workflow annotations', () => {
    const result = runCheckFixture('kcs-title', ['--format', 'github']);
    dirs.push(result.dir);
    expect(result.stdout.trim()).toBe(
      '::warning file=articles/en/compute/fixture.mdx,line=2,col=1,title=kcs-title::Unexpected title, expected the customer\'s problem or question (e.g. "Why does … fail with …?")',
    );
  });

  test('a bad option is one line and exit 1, never a stack trace', () => {
    const result = runCheckFixture(undefined, ['--format', 'yaml']);
    dirs.push(result.dir);
    expect(result.stderr.trim()).toBe('kb: Unknown --format `yaml`, expected text, json or github');
    expect(result.status).toBe(1);
  });
});
