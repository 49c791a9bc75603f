// Each folder of test/fixtures/ is a content folder. When it has `expected.txt` (every error, `path:line:col: …`,
// paths relative to the folder) and `articles.txt` (the paths of the articles that load), one loop checks both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentProblems, loadContent } from '../src/load-content.ts';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const fixture = (name: string) => path.join(fixturesDir, name);
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(fixturesDir, entry.name, 'expected.txt')))
  .map((entry) => entry.name)
  .sort();

describe('loadContent fixtures', () => {
  it('has fixtures', () => {
    expect(cases).toEqual(['binary', 'broken-taxonomy', 'clean', 'components', 'no-taxonomy', 'two-broken']);
  });

  it.each(cases)('%s', async (name) => {
    const content = await loadContent(fixture(name));
    const problems = contentProblems(content, fixture(name));
    expect(problems.errors).toEqual(lines(path.join(fixture(name), 'expected.txt')));
    expect(problems.warnings).toEqual([]);
    expect(content.articles.map((article) => article.path)).toEqual(lines(path.join(fixture(name), 'articles.txt')));
  });
});

describe('loadContent', () => {
  it('loads a clean folder: taxonomy, every file, the articles sorted by path', async () => {
    const content = await loadContent(fixture('clean'));
    expect(content.dir).toBe(path.resolve(fixture('clean')));
    expect(content.taxonomy?.products).toHaveLength(9);
    expect(content.files.map((file) => file.path)).toEqual([
      'taxonomy.yaml',
      'articles/en/object-storage/presigned-url-signature-does-not-match.mdx',
      'articles/en/object-storage/upload-access-denied.mdx',
      'articles/zh-tw/object-storage/upload-access-denied.mdx',
    ]);
    expect(content.files.every((file) => file.messages.length === 0)).toBe(true);
    expect(content.articles.map((article) => `${article.locale} ${article.id}`)).toEqual([
      'en object-storage/presigned-url-signature-does-not-match',
      'en object-storage/upload-access-denied',
      'zh-TW object-storage/upload-access-denied',
    ]);
    expect(content.articles[2]?.translationOf).toBe('object-storage/upload-access-denied');
  });

  it('accepts a relative folder and resolves it', async () => {
    const relative = path.relative(process.cwd(), fixture('clean'));
    const content = await loadContent(relative);
    expect(content.dir).toBe(fixture('clean').replace(/[\\/]$/, ''));
    expect(content.articles).toHaveLength(3);
  });

  it('reports every problem of every broken file, not just the first', async () => {
    const content = await loadContent(fixture('two-broken'));
    const { errors } = contentProblems(content, fixture('two-broken'));
    expect(errors).toHaveLength(4);
    const fileOf = (error: string) => error.slice(0, error.indexOf(':'));
    expect(errors.map(fileOf)).toEqual([
      'articles/en/compute/serial-console-blank.mdx',
      'articles/en/compute/serial-console-blank.mdx',
      'articles/en/object-storage/bucket-policy-denied.mdx',
      'articles/en/object-storage/bucket-policy-denied.mdx',
    ]);
    expect(new Set(errors.map((error) => error.match(/\(([a-z-]+)\)$/)?.[1]))).toEqual(new Set(['mdx-code', 'unknown-area', 'frontmatter-schema']));
    // The valid articles of the folder still load.
    expect(content.articles.map((article) => article.id)).toEqual(['object-storage/presigned-url-signature-does-not-match', 'object-storage/upload-access-denied']);
  });

  it('gives paths relative to the cwd it is given, or to process.cwd() by default', async () => {
    const content = await loadContent(fixture('two-broken'));
    const fromPackage = contentProblems(content, packageDir).errors;
    expect(fromPackage).toEqual(lines(path.join(fixture('two-broken'), 'expected.txt')).map((line) => `test/fixtures/two-broken/${line}`));
    const fromArticles = contentProblems(content, path.join(fixture('two-broken'), 'articles', 'en')).errors;
    expect(fromArticles[0]).toMatch(/^compute\/serial-console-blank\.mdx:42:69: error: /);
    const elsewhere = path.join(packageDir, 'src');
    expect(contentProblems(content, elsewhere).errors[2]).toMatch(/^\.\.\/test\/fixtures\/two-broken\/articles\/en\/object-storage\/bucket-policy-denied\.mdx:10:1: error: /);
    const byDefault = contentProblems(content).errors;
    expect(byDefault).toEqual(contentProblems(content, process.cwd()).errors);
    expect(byDefault[0]).toBe(`${path.relative(process.cwd(), path.join(fixture('two-broken'), 'articles/en/compute/serial-console-blank.mdx'))}:42:69: error: Unexpected JS expression \`{…}\` in content, write \`\\{\` for a literal brace or use inline code (mdx-code)`);
  });

  it('reports one `taxonomy-missing` error without a taxonomy, and validates no article', async () => {
    const content = await loadContent(fixture('no-taxonomy'));
    expect(content.taxonomy).toBeUndefined();
    expect(content.articles).toEqual([]);
    expect(content.files.map((file) => file.path)).toEqual([
      'taxonomy.yaml',
      'articles/en/object-storage/presigned-url-signature-does-not-match.mdx',
      'articles/en/object-storage/upload-access-denied.mdx',
    ]);
    const { errors } = contentProblems(content, packageDir);
    expect(errors).toEqual(['test/fixtures/no-taxonomy/taxonomy.yaml:1:1: error: Missing `taxonomy.yaml`, the list of products and areas articles may name (taxonomy-missing)']);
    expect(content.files[0]?.messages[0]?.ruleId).toBe('taxonomy-missing');
  });

  it('does not crash on a folder that does not exist', async () => {
    const content = await loadContent(fixture('does-not-exist'));
    expect(content.files).toHaveLength(1);
    expect(contentProblems(content, fixture('does-not-exist')).errors).toEqual([
      'taxonomy.yaml:1:1: error: Missing `taxonomy.yaml`, the list of products and areas articles may name (taxonomy-missing)',
    ]);
  });

  it('reads invalid UTF-8 and binary files without crashing', async () => {
    const content = await loadContent(fixture('binary'));
    const latin1 = content.files.find((file) => file.path.endsWith('latin1-cafe-upload-denied.mdx'));
    expect(String(latin1?.value)).toContain('caf\uFFFD network');
    expect(latin1?.messages).toEqual([]);
    const binary = content.files.find((file) => file.path.endsWith('network-diagram.mdx'));
    expect(binary?.messages.map((message) => message.ruleId)).toEqual(['frontmatter-missing']);
  });

  it('does not validate articles against a taxonomy that is invalid', async () => {
    const content = await loadContent(fixture('broken-taxonomy'));
    expect(content.taxonomy).toBeUndefined();
    expect(content.articles).toEqual([]);
    expect(content.files.slice(1).every((file) => file.messages.length === 0)).toBe(true);
  });

  it('passes `allowedComponents` on to the MDX check', async () => {
    const content = await loadContent(fixture('components'), { allowedComponents: ['Callout'] });
    expect(contentProblems(content, fixture('components'))).toEqual({ errors: [], warnings: [] });
    expect(content.articles).toHaveLength(2);
  });

  it('splits fatal messages (errors) from the others (warnings)', async () => {
    const content = await loadContent(fixture('clean'));
    const [taxonomyFile, article] = content.files;
    taxonomyFile?.message('Consider a shorter name', { place: { line: 3, column: 9 }, ruleId: 'style' });
    article?.info('Only information', { place: { line: 2, column: 1 } });
    const problems = contentProblems(content, fixture('clean'));
    expect(problems.errors).toEqual([]);
    expect(problems.warnings).toEqual([
      'taxonomy.yaml:3:9: warning: Consider a shorter name (style)',
      'articles/en/object-storage/presigned-url-signature-does-not-match.mdx:2:1: warning: Only information',
    ]);
  });

  // Regression (packages/content/src/frontmatter.ts, reached through loadContent): `title: *nope`-style aliases to a
  // missing anchor make yaml's doc.toJS() throw, and loadContent rejects instead of reporting the file
  // ("Never throws for bad content").
  it('reports an unresolved YAML alias instead of rejecting', async () => {
    const loading = loadContent(fixture('yaml-alias'));
    await expect(loading).resolves.toBeDefined();
    const { errors } = contentProblems(await loading, fixture('yaml-alias'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^articles\/en\/object-storage\/upload-access-denied\.mdx:7:5: error: Invalid YAML: .*\(frontmatter-yaml\)$/);
  });
});
