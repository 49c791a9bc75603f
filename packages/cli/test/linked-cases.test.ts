import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { kb } from './kb.ts';

// KCS: reuse is review. Cases engineers linked (`linkedArticles`) teach `kb suggest`, `kb link` and `kb report` the
// words customers use; a case never learns from itself. The fixture ledger describes a DNS problem in words no article
// uses ("intranet portal blank page").
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/linked-cases');
const articles = path.join(here, 'fixtures/cases/articles');
const temp = mkdtempSync(path.join(tmpdir(), 'kb-linked-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const common = ['--articles', articles, '--index-cache', path.join(temp, 'cache')];
const run = (...args: string[]) => kb(args, { cwd: fixtures });

const suggestIds = async (...args: string[]) => {
  const result = await run('suggest', ...common, '--runbooks', 'off', '--format', 'json', ...args, 'intranet portal blank page');
  expect(result.status).toBe(0);
  return (JSON.parse(result.stdout) as { results: Array<{ id: string }> }).results.map((item) => item.id);
};

const linkLines = async (...args: string[]) => {
  const result = await run('link', ...common, '--cases', 'new-cases.jsonl', '--format', 'jsonl', ...args);
  expect(result.status).toBe(0);
  return { stderr: result.stderr, lines: result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; results: Array<{ article: string }> }) };
};

describe('the ledger of linked cases', () => {
  test('kb suggest finds the article the linked cases describe, and not with --linked-cases off', async () => {
    expect((await suggestIds('--linked-cases', 'ledger.jsonl'))[0]).toBe('dns/private-zone-nxdomain');
    expect(await suggestIds('--linked-cases', 'off')).not.toContain('dns/private-zone-nxdomain');
  });

  test('is on by default when the content folder has a case export', async () => {
    const content = path.join(temp, 'content');
    mkdirSync(path.join(content, 'cases'), { recursive: true });
    copyFileSync(path.join(fixtures, 'ledger.jsonl'), path.join(content, 'cases', 'cases.jsonl'));
    const result = await kb(['suggest', ...common, '--runbooks', 'off', '--format', 'json', 'intranet portal blank page'], { cwd: fixtures, env: { KB_CONTENT_DIR: content } });
    expect((JSON.parse(result.stdout) as { results: Array<{ id: string }> }).results[0]?.id).toBe('dns/private-zone-nxdomain');
  });

  test('kb link learns from other cases only: a case in the ledger is ranked on the articles alone', async () => {
    const { lines, stderr } = await linkLines('--linked-cases', 'ledger.jsonl');
    expect(stderr).toContain('learned from 2 linked case(s)');
    const byId = new Map(lines.map((line) => [line.id, line.results.map((item) => item.article)]));
    expect(byId.get('NEW-1')?.[0]).toBe('dns/private-zone-nxdomain.md');
    const off = new Map((await linkLines('--linked-cases', 'off')).lines.map((line) => [line.id, line.results.map((item) => item.article)]));
    expect(off.get('NEW-1')).not.toContain('dns/private-zone-nxdomain.md');
    // LC-1 is itself a linked case: its own words do not vote for its article.
    expect(byId.get('LC-1')).toEqual(off.get('LC-1'));
  });

  test('kb link gives the same lines in worker threads (large input) as in one thread', async () => {
    const many = path.join(temp, 'many.jsonl');
    const line = (i: number) => JSON.stringify({ id: `N-${i}`, subject: i % 2 ? 'intranet portal blank page' : 'ssh permission denied', body: `report ${i}` });
    writeFileSync(many, `${Array.from({ length: 2_100 }, (_, i) => line(i)).join('\n')}\n`);
    const once = (jobs: string) => run('link', ...common, '--cases', many, '--format', 'jsonl', '--linked-cases', 'ledger.jsonl', '--jobs', jobs);
    const [single, workers] = [await once('1'), await once('2')];
    expect(workers.status).toBe(0);
    expect(workers.stdout).toBe(single.stdout);
    expect(single.stdout.split('\n')[1]).toContain('dns/private-zone-nxdomain.md');
  });

  test('a --linked-cases file that does not exist is a user error', async () => {
    const result = await run('suggest', ...common, '--runbooks', 'off', '--linked-cases', 'missing.jsonl', 'blank page');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot read linked cases from missing.jsonl');
  });
});
