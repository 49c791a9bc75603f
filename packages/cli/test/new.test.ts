import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { expectCleanCheck, fixturesDir } from './check-fixtures.ts';
import { kb } from './kb.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-new-'));
cpSync(path.join(fixturesDir, '_base'), dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => kb(args, { cwd: dir });
const flags = ['--content', dir, '--yes', '--title', 'Why does my snapshot copy fail with "SnapshotCopyLimitExceeded"?', '--description', 'Copying a snapshot to another region fails because too many copies are in flight.', '--product', 'block-storage', '--area', 'backup', '--error', 'SnapshotCopyLimitExceeded', '--error', 'CopySnapshot failed: limit of 5 concurrent copies reached', '--owner', '@nimbus/l3-storage'];

describe('kb new article', () => {
  test('writes a wip article from flags that passes kb check', async () => {
    const result = await run('new', 'article', ...flags);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = path.join(dir, 'articles/en/block-storage/snapshot-copy-fail-snapshotcopylimitexceeded.mdx');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('state: wip');
    expect(source).toContain('  - "CopySnapshot failed: limit of 5 concurrent copies reached"');
    await expectCleanCheck(dir);
  });

  test('--error is repeatable and taken whole: a message with commas stays one error', async () => {
    const result = await run('new', 'article', ...flags.slice(0, flags.indexOf('--error')), '--error', 'Error: a, b failed', '--error', 'E42', '--owner', '@nimbus/l3-storage', '--slug', 'repeated-errors');
    expect(result.stderr).toBe('');
    const source = readFileSync(path.join(dir, 'articles/en/block-storage/repeated-errors.mdx'), 'utf8');
    expect(source).toContain('errors:\n  - "Error: a, b failed"\n  - "E42"\n');
  });

  test('never overwrites an existing article', async () => {
    const result = await run('new', 'article', ...flags);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^kb: .*snapshot-copy-fail-snapshotcopylimitexceeded\.mdx exists already, pick another --slug$/);
  });

  test('without a terminal, a missing value is a one-line error', async () => {
    const result = await run('new', 'article', '--content', dir, '--yes', '--title', 'Why does it fail?');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('kb: Missing --description (no terminal to ask on)');
  });

  test('an unknown product names the valid ones', async () => {
    const result = await run('new', 'article', ...flags.map((flag) => (flag === 'block-storage' ? 'mainframe' : flag)));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('kb: Unknown product `mainframe`, expected one of compute, vnet');
  });
});

describe('kb new runbook', () => {
  const runbooks = path.join(dir, 'runbooks');
  const runbookFlags = ['--content', dir, '--dir', runbooks, '--yes', '--title', 'Snapshot copies fail with SnapshotCopyLimitExceeded', '--area', 'backup', '--owner', '@nimbus/l3-storage'];

  test('writes a runbook that passes kb runbook --check', async () => {
    const result = await run('new', 'runbook', ...runbookFlags, '--error', 'SnapshotCopyLimitExceeded, try again later', '--severity', 'sev3');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const source = readFileSync(path.join(runbooks, 'snapshot-copies-fail-snapshotcopylimitexceeded.mdx'), 'utf8');
    expect(source).toContain('  errors:\n    - "SnapshotCopyLimitExceeded, try again later"\n');
    expect(source).toContain('severity: [sev3]');
    const check = await run('runbook', '--check', '--dir', runbooks, '--content', dir);
    expect(check.stdout).toBe('');
    expect(check.stderr).toBe('1 runbook(s) checked: 0 error(s), 0 warning(s)\n');
    expect(check.status).toBe(0);
  });

  test('without a trigger, or with an unknown area, nothing is written', async () => {
    expect((await run('new', 'runbook', ...runbookFlags, '--id', 'no-trigger')).stderr).toBe('kb: Missing --error, --alert or --symptom: what leads an engineer to this runbook (no terminal to ask on)\n');
    const area = await run('new', 'runbook', ...runbookFlags.map((flag) => (flag === 'backup' ? 'mainframe' : flag)), '--symptom', 'Copies fail', '--id', 'bad-area');
    expect(area.status).toBe(1);
    expect(area.stderr).toMatch(/^kb: Unknown area `mainframe`, expected one of .*general\n$/);
    expect(readdirSync(runbooks)).toEqual(['snapshot-copies-fail-snapshotcopylimitexceeded.mdx']);
  });
});
