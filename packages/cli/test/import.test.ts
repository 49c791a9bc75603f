// `kb import` end to end: runs the real CLI (in-process) on a small knowledge base and loads the result like the site does.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { contentProblems, loadContent } from '@nimbus/content-loader';
import { kb } from './kb.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, 'fixtures/import/kb');
const TODAY = '2025-06-01';
const ownerMap = path.join(here, 'fixtures/import/owners.yaml');
// Published as the source was, reviewed on the import day: the conversion itself, checked by every rule.
const PUBLISHED = ['--today', TODAY, '--state', 'detect', '--visibility', 'public', '--reviewed', 'import', '--owner', '@contoso/kb-team'];
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function kbImport(args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-import-cli-'));
  dirs.push(dir);
  const result = await kb(['import', ...args.map((arg) => arg.replace('$TMP', dir))], { cwd: dir });
  return { dir, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kb import', () => {
  test('by default every article is not-validated and internal, keeps its source dates, and gets its owner from the map', async () => {
    const result = await kbImport([source, '$TMP/content', '--today', TODAY, '--owner-map', ownerMap, '--owner', '@contoso/kb-team']);
    expect(result.stderr).toContain('Imported 3 of 3 articles into content/');
    expect(result.stderr).toContain('3 article(s) are due for review by their source\'s date: `kb check` lists them.');
    expect(result.status).toBe(0);
    const content = await loadContent(path.join(result.dir, 'content'), { rules: 'all', today: TODAY });
    expect(content.articles.map((article) => `${article.id} ${article.state} ${article.visibility} ${article.reviewed} ${article.owner}`)).toEqual([
      'mail/gpo-settings not-validated internal 2021-02-03 @contoso/l3-mail',
      'mail/ndr-5-7-57 not-validated internal 2024-01-24 @contoso/kb-team',
      'network/rdp-fails-credssp not-validated internal 2020-07-21 @contoso/l3-network',
    ]);
    // Old reviews stay visible as such: the only errors are the three reviews due.
    const { errors } = contentProblems(content, path.join(result.dir, 'content'));
    expect(errors).toHaveLength(3);
    for (const line of errors) expect(line).toMatch(/: error: Unexpected review date `\d{4}-\d{2}-\d{2}`, a not-validated article is reviewed every 90 days .*\(review-overdue\)$/);
  });

  test('an author without an owner is one line naming the author and the fix', async () => {
    const result = await kbImport([source, '$TMP/content', '--today', TODAY, '--owner-map', ownerMap]);
    expect(result.stderr).toBe('kb: No owner for the articles of 1 source author(s): (none): map them with --owner-map FILE (author: "@org/team" per line), or give --owner TEAM for the rest\n');
    expect(result.status).toBe(1);
  });

  test('imports a knowledge base that the content loader accepts without errors', async () => {
    const result = await kbImport([source, '$TMP/content', ...PUBLISHED, '--provider', 'Contoso support']);
    expect(result.stderr).toContain('Imported 3 of 3 articles into content/');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.status).toBe(0);

    const out = path.join(result.dir, 'content');
    const content = await loadContent(out, { rules: 'all', today: TODAY });
    expect(contentProblems(content, out).errors).toEqual([]);
    expect(content.articles.map((article) => `${article.id} ${article.state}`)).toEqual([
      'mail/gpo-settings not-validated',
      'mail/ndr-5-7-57 validated',
      'network/rdp-fails-credssp validated',
    ]);
    expect(content.taxonomy?.provider.name).toBe('Contoso support');
    const ndr = content.articles.find((article) => article.id === 'mail/ndr-5-7-57');
    expect(ndr?.errors).toContain('550 5.7.57');

    const report = JSON.parse(readFileSync(path.join(out, 'import-report.json'), 'utf8')) as { entries: { file: string; line: number; class: string }[] };
    expect(report.entries.map((entry) => `${entry.file}:${entry.line} ${entry.class}`)).toEqual([
      'mail/gpo-settings.md:16 link-missing',
      'network/rdp-fails-credssp.md:20 media-missing',
      'network/rdp-fails-credssp.md:24 link-unpublished',
      'network/rdp-fails-credssp.md:34 include-removed',
    ]);
    expect(result.stderr).toMatch(/link-missing\s+1 /);
    expect(readFileSync(path.join(out, 'ATTRIBUTION.md'), 'utf8')).toContain('Changes were made');
  });

  test('--base-url links images and missing articles to their public copies', async () => {
    const result = await kbImport([source, '$TMP/content', ...PUBLISHED, '--base-url', 'https://kb.example.com/docs/']);
    expect(result.status).toBe(0);
    const article = readFileSync(path.join(result.dir, 'content/articles/en/network/rdp-fails-credssp.mdx'), 'utf8');
    expect(article).toContain('![Screenshot of the CredSSP error.](https://kb.example.com/docs/network/media/credssp/error.png)');
    expect(article).toContain('([original article](https://kb.example.com/docs/network/rdp-fails-credssp))');
  });

  test('SOURCE.md and manifest.jsonl beside the source give attribution, licence and public URLs', async () => {
    const corpus = mkdtempSync(path.join(tmpdir(), 'kb-import-corpus-'));
    dirs.push(corpus);
    cpSync(source, path.join(corpus, 'articles'), { recursive: true });
    writeFileSync(
      path.join(corpus, 'SOURCE.md'),
      '# Source\n\n## License and attribution\n\nAttribution to use:\n\n> Contains articles © Contoso, licensed under CC BY 4.0\n> (https://creativecommons.org/licenses/by/4.0/).\n\nMore text.\n',
    );
    writeFileSync(path.join(corpus, 'manifest.jsonl'), `${JSON.stringify({ path: 'corpus/articles/mail/gpo-settings.md', url: 'https://docs.contoso.com/kb/gpo-settings' })}\n`);
    const result = await kbImport([path.join(corpus, 'articles'), '$TMP/content', ...PUBLISHED]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Used public URLs from ');
    expect(result.stderr).toContain('manifest.jsonl (--no-discover to ignore it)');
    const attribution = readFileSync(path.join(result.dir, 'content/ATTRIBUTION.md'), 'utf8');
    expect(attribution).toContain('Contains articles © Contoso, licensed under CC BY 4.0\n(https://creativecommons.org/licenses/by/4.0/).');
    expect(attribution).toContain('## Changes were made');
    const article = readFileSync(path.join(result.dir, 'content/articles/en/mail/gpo-settings.mdx'), 'utf8');
    expect(article).toContain('Imported from `mail/gpo-settings.md` ([original article](https://docs.contoso.com/kb/gpo-settings)); changes were made. Licensed under CC BY 4.0.');

    // A bad invocation stays one line, discovered files or not.
    const refused = await kb(['import', path.join(corpus, 'articles'), path.join(result.dir, 'content')], { cwd: corpus });
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.status).toBe(1);

    const plain = await kbImport([path.join(corpus, 'articles'), '$TMP/content', ...PUBLISHED, '--no-discover']);
    expect(plain.stderr).not.toContain('--no-discover to ignore it');
    expect(readFileSync(path.join(plain.dir, 'content/ATTRIBUTION.md'), 'utf8')).not.toContain('Contoso');
  });

  test('a missing source folder is one line and exit 1', async () => {
    const result = await kbImport(['$TMP/nothing-here', '$TMP/content']);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^kb: Missing source folder `.*nothing-here`\n$/);
    expect(result.status).toBe(1);
  });

  test('a destination that is not empty is one line and exit 1, and is left alone', async () => {
    const first = await kbImport([source, '$TMP', ...PUBLISHED]);
    writeFileSync(path.join(first.dir, 'mine.txt'), 'keep');
    const again = await kb(['import', source, first.dir], { cwd: first.dir });
    expect(again.stderr).toMatch(/^kb: `.*` is not empty, choose another folder or pass --force to replace it\n$/);
    expect(again.status).toBe(1);
    expect(readFileSync(path.join(first.dir, 'mine.txt'), 'utf8')).toBe('keep');
  });

  test('progress goes to stderr only when it is a terminal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-import-cli-'));
    dirs.push(dir);
    const tty = await kb(['import', source, path.join(dir, 'content'), ...PUBLISHED], { cwd: dir, stderrTTY: true });
    expect(tty.status).toBe(0);
    expect(tty.stderr).toContain('\r\u001b[KConverting articles: 3 of 3');
    expect(tty.stderr.replace(/\r\u001b\[K(?:Converting articles: \d+ of \d+)?/g, '')).toMatch(/^Imported 3 of 3 articles into content\//);
    const piped = await kbImport([source, '$TMP/content', ...PUBLISHED]);
    expect(piped.stderr).not.toContain('\r');
  });

  test('a bad option is one line and exit 1', async () => {
    const result = await kbImport([source, '$TMP/content', '--today', 'tomorrow']);
    expect(result.stderr).toBe('kb: Unexpected --today `tomorrow`, expected YYYY-MM-DD\n');
    expect(result.status).toBe(1);
  });
});
