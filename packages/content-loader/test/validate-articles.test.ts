import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { contentProblems, loadContent, type LoadContentOptions } from '../src/load-content.ts';
import { VFile } from 'vfile';
import { validateArticle } from '@nimbus/content';
import { AUTO_THREADS_MIN_FILES, threadCount, validateArticles, ValidationPool } from '../src/validate-articles.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const sampleContent = path.resolve(fixtures, '../../../../content');
const temp = await mkdtemp(path.join(tmpdir(), 'kb-validate-threads-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

/** Everything a load gives its callers: the articles, every problem line, and what collection rules read per file. */
async function load(dir: string, options: LoadContentOptions) {
  const content = await loadContent(dir, { rules: 'all', today: '2026-11-01', ...options });
  return {
    articles: content.articles,
    problems: contentProblems(content, dir),
    facts: content.files.map((file) => [file.path, file.data]),
    messages: content.files.map((file) => file.messages.map((message) => [message.reason, message.line, message.column, message.ruleId, message.source, message.fatal, message.note])),
  };
}

describe('validating in threads', () => {
  it.each(['clean', 'two-broken', 'components', 'binary'])('gives for %s exactly what one thread gives', async (name) => {
    const one = await load(path.join(fixtures, name), { threads: 1 });
    expect(await load(path.join(fixtures, name), { threads: 2 })).toEqual(one);
    expect(await load(path.join(fixtures, name), { threads: 3 })).toEqual(one);
  });

  it('gives for the sample content, with a validation cache answering all but one article, what one thread gives', async () => {
    const dir = path.join(temp, 'content');
    await cp(sampleContent, dir, { recursive: true });
    const one = await load(dir, { threads: 1 });
    expect(one.articles.length).toBeGreaterThan(20);
    expect(await load(dir, { threads: 2 })).toEqual(one);
    const cacheFile = path.join(temp, 'cache.json');
    expect(await load(dir, { threads: 2, cacheFile })).toEqual(one);
    const edited = path.join(dir, 'articles/en/compute/ssh-connection-timed-out.mdx');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/^## Resolution$/m, '## Resolution\n\nPassword: Hunter2Secret9\n'));
    const after = await load(dir, { threads: 2, cacheFile });
    expect(after).toEqual(await load(dir, { threads: 1 }));
    expect(after.problems.errors.join('\n')).toMatch(/ssh-connection-timed-out\.mdx:\d+:\d+: error: .*\(secret\)/);
  });
});

describe('threadCount', () => {
  it('uses one thread for few files, the cores (at most 4) for many, and never more threads than files', () => {
    expect(threadCount('auto', AUTO_THREADS_MIN_FILES - 1)).toBe(1);
    expect(threadCount('auto', AUTO_THREADS_MIN_FILES)).toBeGreaterThanOrEqual(1);
    expect(threadCount('auto', AUTO_THREADS_MIN_FILES)).toBeLessThanOrEqual(4);
    expect(threadCount(8, 3)).toBe(3);
    expect(threadCount(2, 0)).toBe(1);
  });

  it.each([0, -1, Number.NaN, 'many'])('refuses %s, naming the setting', (threads) => {
    expect(() => threadCount(threads as number, 10)).toThrow(/Unexpected validation threads `.*`, expected a whole number of at least 1 or `auto`/);
  });
});

describe('validateArticles', () => {
  it('shares many files between the threads and gives each file what validating it alone gives', async () => {
    const { taxonomy } = await loadContent(sampleContent);
    const sources = (await loadContent(sampleContent)).files.filter((file) => file.path.startsWith('articles/'));
    // Enough files for a second thread to start and take some; each copy keeps its own path, so its own messages.
    const copies = () => Array.from({ length: 12 }, (_, copy) => sources.map((file) => new VFile({ path: file.path.replace(/\.mdx$/, `-${copy}.mdx`), cwd: file.cwd, value: String(file.value) }))).flat();
    const options = { taxonomy: taxonomy!, rules: 'all' as const, today: '2026-11-01' };
    const alone = copies();
    const expected = alone.map((file) => validateArticle(file, options));
    const shared = copies();
    const { articles, byOtherThreads } = await validateArticles(shared, options, new ValidationPool(2));
    expect(byOtherThreads).toBeGreaterThan(0);
    expect(byOtherThreads).toBeLessThan(shared.length);
    expect(articles).toEqual(expected);
    expect(shared.map((file) => [file.data, file.messages.map(String)])).toEqual(alone.map((file) => [file.data, file.messages.map(String)]));
  });

  it('validates a single file here and stops the threads it was given', async () => {
    const { taxonomy, files } = await loadContent(path.join(fixtures, 'clean'));
    const article = files.find((file) => file.path.startsWith('articles/'))!;
    const pool = new ValidationPool(3);
    expect(pool.workers).toHaveLength(2);
    const file = new VFile({ path: article.path, cwd: article.cwd, value: String(article.value) });
    const { articles, byOtherThreads } = await validateArticles([file], { taxonomy: taxonomy! }, pool);
    expect(articles[0]?.path).toBe(article.path);
    expect(byOtherThreads).toBe(0);
    expect(pool.workers).toHaveLength(0);
  });
});
