import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { kb } from './kb.ts';
import { corpus, corpusSummary, corpusText, countsOf, describedCounts, leaks } from './redaction-corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
// One index of the repository's content for the whole file: the first run builds it into a temporary cache (keyed by
// the content, as always), the others read it.
const cache = mkdtempSync(path.join(tmpdir(), 'kb-suggest-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const run = (...args: string[]) => kb(['suggest', '--index-cache', cache, ...args], { cwd: repoRoot });

describe('kb suggest', () => {
  test('finds the article of an exact error code in our content, with evidence', async () => {
    const result = await run('Install error - 0x80070005 on Windows Update');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[1]).toContain('compute/windows-update-error-0x80070005');
    expect(result.stdout).toContain('signatures: 0x80070005');
  });

  test('--format json gives ids, paths, scores and evidence, and redacts the input first', async () => {
    const result = await run('--format', 'json', '--top', '2', 'SSH Permission denied (publickey) from 198.51.100.7, mail me at ops@example.com');
    const json = JSON.parse(result.stdout) as { redactions: Record<string, number>; results: Array<{ id: string; path: string; evidence: { terms: string[] } }> };
    expect(json.results).toHaveLength(2);
    expect(json.results[0]).toMatchObject({ id: 'compute/ssh-permission-denied-publickey', path: 'en/compute/ssh-permission-denied-publickey.mdx' });
    expect(json.redactions).toMatchObject({ email: 1, ipv4: 1 });
    expect(result.stderr).toContain('kb: redacted before searching: 1 × e-mail address, 1 × IPv4 address');
    expect(result.stdout).not.toContain('ops@example.com');
    expect(result.stdout).not.toContain('198.51.100.7');
  });

  test('understands Traditional Chinese', async () => {
    const result = await run('--format', 'json', '磁碟區擴充後仍然顯示空間不足');
    expect(JSON.parse(result.stdout).results[0].id).toBe('block-storage/no-space-left-after-volume-resize');
  });

  test('asks for a description when none is given', async () => {
    const result = await kb(['suggest'], { cwd: repoRoot, input: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('kb: Expected a problem description');
  });
});

// The shared planted-secrets corpus as the problem description: suggestions, evidence and every other output carry
// none of it, and stderr says what was redacted (the JSON carries the counts too).
describe(`kb suggest over the planted-secrets corpus: ${corpusSummary()}`, () => {
  const reported = `kb: redacted before searching: ${describedCounts()}`;
  const check = (result: { status: number | null; stdout: string; stderr: string }) => {
    expect(result.status).toBe(0);
    expect(leaks(`${result.stdout}\n${result.stderr}`)).toEqual([]);
    expect(result.stderr.split('\n')).toContain(reported);
  };

  test(`catches all ${corpus.planted.length} planted secrets in the text argument, in both formats`, async () => {
    const json = await run('--format', 'json', corpusText);
    check(json);
    expect(JSON.parse(json.stdout).redactions).toEqual(countsOf());
    const text = await run(corpusText);
    check(text);
    expect(text.stdout).toMatch(/^1\. /);
  });

  test(`catches all ${corpus.planted.length} planted secrets on standard input (\`-\` and no argument)`, async () => {
    const dash = await kb(['suggest', '--index-cache', cache, '--format', 'json', '-'], { cwd: repoRoot, input: corpusText });
    check(dash);
    expect(JSON.parse(dash.stdout).redactions).toEqual(countsOf());
    const piped = await kb(['suggest', '--index-cache', cache], { cwd: repoRoot, input: corpusText });
    check(piped);
  });
});
