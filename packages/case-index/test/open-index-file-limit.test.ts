// A knowledge base of tens of thousands of articles is read within the process's limit on open files: the index
// reads a bounded number at a time (opening all 31,520 corpus copies at once failed with EMFILE).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'fixtures/open-index/count-documents.ts');
const folder = mkdtempSync(path.join(tmpdir(), 'case-index-fd-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('indexes a folder of more articles than the open-file limit allows at once', () => {
  const articles = 600;
  mkdirSync(path.join(folder, 'docs'));
  for (let n = 0; n < articles; n++) writeFileSync(path.join(folder, 'docs', `article-${n}.md`), `---\ntitle: Article ${n}\n---\n\nError ${n} when the disk is full.\n`);
  const child = spawnSync('bash', ['-c', `ulimit -n 128 && exec "$0" "$1" "$2"`, process.execPath, script, path.join(folder, 'docs')], { encoding: 'utf8' });
  expect(child.stderr).not.toMatch(/EMFILE/);
  expect(child.status, child.stderr).toBe(0);
  expect(child.stdout.trim()).toBe(String(articles));
});
