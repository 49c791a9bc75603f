import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { kb } from './kb.ts';
import { corpus, corpusSummary, describedCounts, leaks, plantedExports } from './redaction-corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const fixtures = path.join(here, 'fixtures/cases');
const run = (...args: string[]) => kb(['report', '--index-cache', 'off', ...args], { cwd: fixtures });

describe('kb report', () => {
  test('--format json: link rate, reuse, never reused, gaps and trends', async () => {
    const result = await run('--cases', 'cases.jsonl', '--articles', 'articles', '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.totals).toMatchObject({ cases: 4, explicit: 1 });
    expect(report.reuse[0]).toMatchObject({ article: 'compute/ssh-permission-denied', explicit: 1 });
    expect(report.neverReused.map((entry: { article: string }) => entry.article)).toContain('compute/ssh-connection-timed-out');
    expect(report.trends.map((trend: { month: string }) => trend.month)).toEqual(['2026-03', '2026-04']);
    expect(result.stderr).toContain('cases.jsonl:3:1: error: invalid JSON');
  });

  test('text output keeps hostile subjects as text and never prints secrets', async () => {
    const result = await run('--cases', 'cases.jsonl', '--articles', 'articles');
    expect(result.stdout).toContain('Link rate:');
    expect(result.stdout).toContain('Trends per month');
    for (const secret of readFileSync(path.join(fixtures, 'secrets.txt'), 'utf8').trim().split('\n')) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  test('finds the planted content gaps of the sample export', async () => {
    const result = await kb(['report', '--index-cache', 'off', '--cases', 'content/cases/cases.jsonl', '--format', 'json'], { cwd: repoRoot });
    const report = JSON.parse(result.stdout);
    expect(report.totals.cases).toBeGreaterThanOrEqual(300);
    expect(report.gaps.length).toBeGreaterThanOrEqual(3);
    expect(report.gaps.flatMap((gap: { signatures: string[] }) => gap.signatures)).toContain('hresult:0xc004f074');
  });
});

// The shared planted-secrets corpus, as case exports in every format: the report (sample subjects, top terms and
// signatures of its gaps included) and stderr carry none of it, and stderr says what was redacted.
describe(`kb report over the planted-secrets corpus: ${corpusSummary()}`, () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'kb-report-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const summary = describedCounts();
  test.each(plantedExports(temp))(`%s: none of the ${corpus.planted.length} survives in the report, and stderr reports ${summary}`, async (_name, file) => {
    for (const format of ['text', 'json']) {
      const result = await run('--cases', file, '--articles', 'articles', '--format', format);
      expect(result.status).toBe(0);
      expect(leaks(`${result.stdout}\n${result.stderr}`)).toEqual([]);
      expect(result.stderr.trim()).toBe(`kb: ${corpus.planted.length + corpus.kept.length} case(s) reported; redacted: ${summary}`);
    }
  });
});
