import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { kb } from './kb.ts';
import { caseArticles, caseFixtures, caseRunner } from './case-fixtures.ts';
import { corpus, corpusSummary, describedCounts, leaks, lostLookalikes, plantedExports } from './redaction-corpus.ts';

const fixtures = caseFixtures;
const articles = caseArticles;
const { temp, run, link } = caseRunner('kb-link-');
const secrets = readFileSync(path.join(fixtures, 'secrets.txt'), 'utf8').trim().split('\n');

// DESIGN.md contract 3: exactly this shape, keys in this order, nothing else on the line.
const CONTRACT_LINE = /^\{"id":"(?:[^"\\]|\\.)*","results":\[(?:\{"article":"(?:[^"\\]|\\.)*","score":-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\},?)*\]\}$/;

describe('kb link --format jsonl', () => {
  test('prints one contract line per good case, in input order, best first', async () => {
    const result = await link('--cases', 'cases.jsonl', '--format', 'jsonl', '--top', '1');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    for (const line of lines) expect(line).toMatch(CONTRACT_LINE);
    const withoutScores = lines.map((line) => {
      const parsed = JSON.parse(line) as { id: string; results: Array<{ article: string; score: number }> };
      for (const item of parsed.results) expect(typeof item.score).toBe('number');
      return JSON.stringify({ id: parsed.id, results: parsed.results.map(({ article }) => ({ article })) });
    });
    expect(withoutScores).toEqual(readFileSync(path.join(fixtures, 'expected.jsonl'), 'utf8').trim().split('\n'));
  });

  test('reports bad lines on stderr with their line numbers and processes the rest', async () => {
    const result = await link('--cases', 'cases.jsonl', '--format', 'jsonl');
    const problems = result.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(problems).toEqual(readFileSync(path.join(fixtures, 'expected-problems.txt'), 'utf8').trim().split('\n'));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('gives at most 10 results by default, scores descending, article paths relative to --articles', async () => {
    const result = await link('--cases', 'cases.jsonl', '--format', 'jsonl');
    for (const line of result.stdout.trim().split('\n')) {
      const { results } = JSON.parse(line) as { results: Array<{ article: string; score: number }> };
      expect(results.length).toBeLessThanOrEqual(10);
      expect(results.map((item) => item.score)).toEqual([...results.map((item) => item.score)].sort((a, b) => b - a));
      for (const { article } of results) expect(readdirSync(path.join(articles, path.dirname(article)))).toContain(path.basename(article));
    }
  });

  test('never prints a planted secret, in any format', async () => {
    for (const format of ['jsonl', 'text']) {
      const result = await link('--cases', 'cases.jsonl', '--format', format);
      for (const secret of secrets) expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    }
  });

  test('prints a table with evidence by default', async () => {
    const result = await link('--cases', 'cases.jsonl');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('CS-2  App cannot send mail');
    expect(result.stdout).toContain('1. mail/client-not-authenticated-5-7-57.md');
    expect(result.stdout).toMatch(/signatures: .*5\.7\.57/);
  });

  test('reads CSV and Zendesk exports', async () => {
    const csv = await link('--cases', 'cases.csv', '--format', 'jsonl', '--top', '1');
    expect(csv.stdout.trim().split('\n').map((line) => JSON.parse(line).results[0].article)).toEqual(['mail/client-not-authenticated-5-7-57.md']);
    expect(csv.stderr).toContain('cases.csv:3:1: error: invalid CSV record');
    const zendesk = await link('--cases', 'zendesk.json', '--format', 'jsonl', '--top', '1');
    expect(JSON.parse(zendesk.stdout.trim()).id).toBe('501');
    expect(zendesk.stderr).toContain('zendesk.json: ticket 2: error: `description`: missing (case-record)');
  });

  test('writes the ledger atomically, with versions, evidence and explicit links', async () => {
    const ledger = path.join(temp, 'ledger', 'links.jsonl');
    const result = await link('--cases', 'cases.jsonl', '--format', 'jsonl', '--ledger', ledger);
    expect(result.status).toBe(0);
    const entries = readFileSync(ledger, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(entries.map((entry) => entry.case)).toEqual(['CS-1', 'CS-2', 'CS-4', 'CS-6']);
    expect(entries[0]).toMatchObject({ case: 'CS-1', createdAt: '2026-03-01T10:00:00Z', linkedArticles: ['compute/ssh-permission-denied'] });
    expect(entries[0].links[0]).toMatchObject({ article: 'compute/ssh-permission-denied', path: 'compute/ssh-permission-denied.md', kind: 'article' });
    expect(entries[1].links[0]).toMatchObject({ version: expect.stringMatching(/^sha256:/), evidence: { signatures: expect.arrayContaining([expect.objectContaining({ key: 'smtp:5.7.57' })]) } });
    expect(readdirSync(path.dirname(ledger))).toEqual(['links.jsonl']);
    for (const secret of secrets) expect(readFileSync(ledger, 'utf8')).not.toContain(secret);
  });

  test('links a large input in worker threads with the same output, order and line numbers', async () => {
    const source = readFileSync(path.join(fixtures, 'cases.jsonl'), 'utf8').trim().split('\n');
    const lines: string[] = [];
    for (let copy = 0; lines.length < 2_600; copy++) {
      for (const line of source) lines.push(line.replace(/"id":"CS-(\d+)"/, `"id":"CS-${copy}-$1"`));
    }
    const big = path.join(temp, 'big.jsonl');
    writeFileSync(big, `${lines.join('\n')}\n`);
    const single = await link('--cases', big, '--format', 'jsonl', '--jobs', '1');
    const parallel = await link('--cases', big, '--format', 'jsonl', '--jobs', '2');
    expect(parallel.status).toBe(0);
    expect(parallel.stdout).toBe(single.stdout);
    expect(parallel.stdout.trim().split('\n')).toHaveLength((lines.length / source.length) * 4);
    const problems = (result: { stderr: string }) => result.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(problems(parallel)).toEqual(problems(single));
    expect(problems(parallel)[2]).toBe(`${big}:9:1: error: invalid JSON (Unterminated string) (case-record)`);
  });

  test('keeps a case with a 1 MB body, cut to size, and warns with its line', async () => {
    const file = path.join(temp, 'huge.jsonl');
    const huge = `VM will not boot ${'x'.repeat(1 << 20)}`;
    writeFileSync(file, `${JSON.stringify({ id: 'small', subject: 'ssh timeout' })}\n${JSON.stringify({ id: 'huge', subject: 'boot loop', body: huge })}\n`);
    const result = await link('--cases', file, '--format', 'jsonl');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toContain('huge');
    expect(result.stderr).toMatch(/huge\.jsonl:2:1: warning: `body`: \d+ characters, cut to the first 100000 \(case-record\)/);
  });

  test('shows progress on stderr only when it is a terminal, cleared before the summary and each message', async () => {
    const piped = await link('--cases', 'cases.jsonl', '--format', 'jsonl');
    expect(piped.stderr).not.toContain('\r');
    const tty = await kb(['link', '--articles', articles, '--index-cache', path.join(temp, 'cache'), '--cases', 'cases.jsonl', '--format', 'jsonl'], { cwd: fixtures, stderrTTY: true });
    expect(tty.stdout).toBe(piped.stdout);
    expect(tty.stderr).toMatch(/\r\u001b\[KLinked cases: \d/);
    // Without the progress redraws, stderr is what a pipe gets.
    // The summary's wall and CPU times differ between two runs; everything else must not.
    const untimed = (text: string) => text.replace(/in [\d.]+ s \(CPU [\d.]+ s\)/, '');
    expect(untimed(tty.stderr.replace(/\r\u001b\[K(?:Linked cases: [\d,]+)?/g, ''))).toBe(untimed(piped.stderr));
  });

  test('user mistakes print one line and exit 1', async () => {
    const missing = await link('--cases', 'nope.jsonl', '--format', 'jsonl');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('kb: Cannot read cases from nope.jsonl (ENOENT)');
    const format = await link('--cases', 'cases.jsonl', '--format', 'xml');
    expect(format.stderr.trim()).toBe('kb: Unknown --format `xml`, expected text or jsonl');
    const top = await link('--cases', 'cases.jsonl', '--top', '0');
    expect(top.stderr.trim()).toBe('kb: Expected --top to be a positive whole number, got `0`');
    const folder = await run('link', '--articles', 'missing-folder', '--cases', 'cases.jsonl');
    expect(folder.status).toBe(1);
    expect(folder.stderr.trim()).toBe('kb: Expected a folder of articles at missing-folder');
  });
});

// The shared planted-secrets corpus, as case exports in every format: nothing of it reaches stdout, stderr or the
// ledger, the look-alikes stay, and the run reports what it redacted.
describe(`kb link over the planted-secrets corpus: ${corpusSummary()}`, () => {
  const summary = describedCounts();
  test.each(plantedExports(temp))(`%s: none of the ${corpus.planted.length} survives in any output, and stderr reports ${summary}`, async (_name, file) => {
    const ledger = path.join(temp, `ledger-${path.basename(file)}.jsonl`);
    for (const format of ['text', 'jsonl']) {
      const result = await link('--cases', file, '--format', format, '--ledger', ledger);
      expect(result.status).toBe(0);
      const output = `${result.stdout}\n${result.stderr}\n${readFileSync(ledger, 'utf8')}`;
      expect(leaks(output)).toEqual([]);
      expect(result.stderr).toContain(`kb: linked ${corpus.planted.length + corpus.kept.length} case(s) against `);
      expect(result.stderr).toContain(`; redacted: ${summary}; ledger written to ${ledger}`);
      // The table shows each case's (redacted) subject: the look-alikes are there, unchanged.
      if (format === 'text') expect(lostLookalikes(result.stdout)).toEqual([]);
    }
  });
});
