// The case fixture (cases in every format, four articles) and `kb` runs over it, in-process, with the index cached
// in a temporary folder of the test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { kb } from './kb.ts';

export const caseFixtures = fileURLToPath(new URL('./fixtures/cases/', import.meta.url));
export const caseArticles = path.join(caseFixtures, 'articles');

/** A temporary folder removed after the file's tests, and `kb` / `kb link --articles …` run from the fixture folder. */
export function caseRunner(prefix: string) {
  const temp = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const run = (...args: string[]) => kb(args, { cwd: caseFixtures });
  const link = (...args: string[]) => run('link', '--articles', caseArticles, '--index-cache', path.join(temp, 'cache'), ...args);
  return { temp, run, link };
}
