// The planted-secrets corpus (`@nimbus/redact/corpus`, the one every redaction test reads) through `kb check`: each
// entry planted in the text of its own article is reported at its line, credentials as `secret` errors, personal data
// as `personal-data` warnings. The rule is the redactor itself, so what a case would lose an article cannot publish.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { credentialKinds } from '@nimbus/redact';
import { corpus, corpusSummary } from '@nimbus/redact/corpus';
import { fixturesDir } from './check-fixtures.ts';
import { kb } from './kb.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-check-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const template = readFileSync(path.join(fixturesDir, '_base/articles/en/compute/boot-volume-full.mdx'), 'utf8');
const anchor = '## Resolution\n';
const planted = corpus.planted.map((entry, index) => {
  const name = `planted-${String(index).padStart(2, '0')}`;
  if (!template.includes(anchor)) throw new Error('the base article has no Resolution heading');
  // The entry is prose of its own paragraph, right before the Resolution heading.
  const source = template.replace(anchor, `${entry.text}\n\n${anchor}`);
  const line = source.slice(0, source.indexOf(entry.text)).split('\n').length;
  return { entry, file: `articles/en/compute/${name}.mdx`, source, line };
});

describe(`kb check over the ${corpusSummary()}`, () => {
  // One `kb check` run (in-process) over every planted article; the tests read what it reported.
  let result: { status: number; stdout: string };
  let problems: Array<{ file: string; line: number; severity: string; ruleId: string; message: string }>;
  beforeAll(async () => {
    cpSync(path.join(fixturesDir, '_base'), dir, { recursive: true });
    for (const { file, source } of planted) writeFileSync(path.join(dir, file), source);
    result = await kb(['check', '--content', dir, '--today', '2026-11-21', '--format', 'json'], { cwd: dir });
    problems = JSON.parse(result.stdout || '[]') as typeof problems;
  });

  test(`catches ${corpus.planted.length}/${corpus.planted.length}: each entry once, at its line, credentials as errors`, () => {
    const caught = planted.filter(({ entry, file, line }) => {
      // Prose that MDX cannot parse (`export X=…`, `{`, `<a href>`) is refused for that too; the secret is still named.
      const found = problems.filter((problem) => problem.file === file && (problem.ruleId === 'secret' || problem.ruleId === 'personal-data'));
      const credential = (credentialKinds as readonly string[]).includes(entry.kind);
      return (
        found.length === 1 &&
        found[0]!.ruleId === (credential ? 'secret' : 'personal-data') &&
        found[0]!.severity === (credential ? 'error' : 'warning') &&
        found[0]!.line >= line &&
        found[0]!.line < line + entry.text.split('\n').length
      );
    });
    expect(planted.filter((item) => !caught.includes(item)).map(({ entry, file }) => `${entry.what} (${file}): ${JSON.stringify(problems.filter((problem) => problem.file === file))}`)).toEqual([]);
    expect(caught).toHaveLength(68);
    expect(result.status).toBe(1);
  });

  test('names the kind of each credential, never the secret itself', () => {
    for (const { entry, file } of planted) {
      for (const problem of problems.filter((candidate) => candidate.file === file && (candidate.ruleId === 'secret' || candidate.ruleId === 'personal-data'))) {
        for (const secret of entry.secrets) expect(problem.message).not.toContain(secret);
      }
    }
    expect(problems.filter((problem) => problem.ruleId === 'secret').map((problem) => problem.message)).toContain('Unexpected secret (secret) in content, remove it and rotate it');
  });

  test('reports nothing in the base articles, where no entry was planted', () => {
    expect(problems.filter((problem) => !problem.file.includes('planted-'))).toEqual([]);
  });
});
