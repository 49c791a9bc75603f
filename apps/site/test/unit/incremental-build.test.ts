// Incremental builds (issue 17, item 3): after an edit, a build renders only the pages whose inputs changed and takes
// every other file from the published build, and its output is byte for byte what a cold build of the same content
// writes. Edits that change more than articles (taxonomy, a new translation, an article made internal) build cold,
// and still right. A kill in the middle of an incremental build leaves the published site as it was.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultRunbooksDir } from '@nimbus/runbooks';
import { isPublishable, type Article } from '@nimbus/content';
import { loadContent } from '@nimbus/content-loader';
import { buildSite, startBuild } from '../build-site.ts';
import { sampleContentDir } from '../content-fixture.ts';
import { buildFingerprint } from '../../scripts/incremental/fingerprint.ts';
import { manifestFile, readManifest, siteInputs } from '../../scripts/incremental/manifest.ts';
import { planSite } from '../../scripts/incremental/plan.ts';
import { articleEntries } from '../../src/lib/article-source.ts';

const siteRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const sites = ['dist', 'dist-internal'] as const;

let workDir: string;
let contentDir: string;
/** Output roots: `live` is built again and again as an author would; `reference` holds cold builds to compare with. */
let live: string;
let reference: string;
/** The article edited (a public one another public article lists as related), and those later made internal. */
let edited: Article;
let referrer: Article;
let hidden: Article[];

/** Every file of a site (through its `dist` symlink): relative path → hash of its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex')] as const)));
}

/** The files that differ between two snapshots (missing on one side, or other bytes), for a readable failure. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.filter((name) => a.get(name) !== b.get(name)).map((name) => `${name}: ${a.has(name) ? 'differs' : 'only in the cold build'}${b.has(name) ? '' : ' (only in the incremental build)'}`);
}

async function expectSameSites(incremental: string, cold: string): Promise<void> {
  for (const site of sites) {
    const [a, b] = await Promise.all([snapshot(path.join(incremental, site)), snapshot(path.join(cold, site))]);
    expect(differences(b, a), site).toEqual([]);
    expect(a.size, site).toBeGreaterThan(50);
  }
}

/** Builds `contentDir` into `outRoot`, expecting success; returns the build's output. */
async function build(outRoot: string, env: Record<string, string> = {}): Promise<string> {
  const run = startBuild(contentDir, outRoot, env);
  const { code } = await run.done;
  expect(code, run.output()).toBe(0);
  return run.output();
}

/** The plan line the build printed for a site. */
const planLine = (output: string, site: 'public' | 'internal') => new RegExp(`^${site}\\s+build: (.*)$`, 'm').exec(output)?.[1] ?? '';

const articleFile = (article: Article) => path.join(contentDir, 'articles', article.locale === 'en' ? 'en' : 'zh-tw', `${article.id}.mdx`);

async function editFrontmatter(article: Article, edit: (frontmatter: string) => string): Promise<void> {
  const text = await readFile(articleFile(article), 'utf8');
  const end = text.indexOf('\n---', 3);
  await writeFile(articleFile(article), `${edit(text.slice(0, end))}${text.slice(end)}`);
}

beforeAll(async () => {
  // Pagefind in bundles of a few pages (pagefind-index.ts), so an edit re-indexes some bundles and links the others.
  process.env.KB_PAGEFIND_BUNDLE_PAGES = '6';
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-incremental-'));
  contentDir = path.join(workDir, 'content');
  live = path.join(workDir, 'live');
  reference = path.join(workDir, 'reference');
  await cp(sampleContentDir, contentDir, { recursive: true });
  const articles = (await loadContent(contentDir)).articles;
  const shown = articles.filter((article) => article.locale === 'en' && isPublishable(article));
  referrer = shown.find((article) => article.related.some((id) => shown.some((other) => other.id === id)))!;
  edited = shown.find((article) => article.id === referrer.related.find((id) => shown.some((other) => other.id === id)))!;
  // Made internal later: an article and every published article that links to it or lists it as related, since
  // kb check refuses a published link to an internal article (the smallest such group that leaves the two above).
  const sources = await Promise.all(articles.map(async (article) => [article, await readFile(articleFile(article), 'utf8')] as const));
  const published = new Set(shown.map((article) => article.id));
  const referrers = (id: string) => sources.filter(([other, text]) => other.id !== id && published.has(other.id) && (text.includes(`/articles/${id}/`) || text.split('\n').some((line) => line.replace(/^\s+-\s+|['"]/g, '') === id && /^\s+-/.test(line)))).map(([other]) => other.id);
  const group = (id: string) => {
    const found = new Set([id]);
    for (const next of found) for (const other of referrers(next)) found.add(other);
    return found;
  };
  const groups = shown.map((article) => group(article.id)).filter((ids) => !ids.has(edited.id) && !ids.has(referrer.id)).sort((a, b) => a.size - b.size);
  hidden = [...groups[0]!].map((id) => shown.find((article) => article.id === id)!);
  expect([edited, referrer, ...hidden].every(Boolean)).toBe(true);
  const first = await buildSite(contentDir, live);
  expect(first.code, first.stderr).toBe(0);
  expect(planLine(first.stdout, 'public')).toMatch(/^cold \(no published build\)/);
}, 240_000);
afterAll(async () => {
  delete process.env.KB_PAGEFIND_BUNDLE_PAGES;
  await rm(workDir, { recursive: true, force: true });
});

describe('one article edited', () => {
  test('a kill during the incremental build leaves the published site untouched', async () => {
    const before = await Promise.all(sites.map((site) => snapshot(path.join(live, site))));
    await writeFile(articleFile(edited), `${await readFile(articleFile(edited), 'utf8')}\nA sentence the build is killed over.\n`);
    const run = startBuild(contentDir, live, { KB_BUILD_TEST_STEP_DELAY_MS: '200' });
    await run.reached('link public');
    run.child.kill('SIGKILL');
    await run.done;
    const after = await Promise.all(sites.map((site) => snapshot(path.join(live, site))));
    for (const [index, site] of sites.entries()) expect(differences(before[index]!, after[index]!), site).toEqual([]);
  }, 180_000);

  test('renders only the pages that show it, and writes what a cold build writes', async () => {
    // A new title reaches the article, the article that lists it as related, and every list; a new sentence its page.
    await editFrontmatter(edited, (frontmatter) => frontmatter.replace(/^title: .*$/m, `title: ${JSON.stringify(`${edited.title} (edited)`)}`));
    await writeFile(articleFile(edited), `${await readFile(articleFile(edited), 'utf8')}\nOne more sentence from the author.\n`);
    const output = await build(live);
    for (const site of ['public', 'internal'] as const) {
      const line = planLine(output, site);
      expect(line, output).toMatch(/^incremental: (\d+) pages rendered \((\d+) article pages, for 1 changed article\)/);
      const [, rendered, articlePages] = /^incremental: (\d+) pages rendered \((\d+) article pages/.exec(line)!.map(Number);
      // The edited article's page and its referrer's at least; far fewer pages than the site has.
      expect(articlePages).toBeGreaterThanOrEqual(2);
      const pages = [...(await snapshot(path.join(live, site === 'public' ? 'dist' : 'dist-internal'))).keys()].filter((name) => name.endsWith('.html'));
      expect(rendered).toBeLessThan(pages.length);
    }
    for (const site of ['public', 'internal'] as const) {
      // Only the bundles holding a page whose Pagefind input changed (the edited article and its referrer) are indexed.
      const [, indexed, reused] = new RegExp(`^${site}\\s+Pagefind: (\\d+) bundle\\(s\\) indexed, (\\d+) linked`, 'm').exec(output)?.map(Number) ?? [];
      expect(indexed, output).toBeGreaterThanOrEqual(1);
      expect(indexed).toBeLessThanOrEqual(2);
      expect(reused).toBeGreaterThan(indexed!);
    }
    for (const site of ['public', 'internal'] as const) {
      // Each search index tokenized the edited article again (one document per locale it is written in) and took
      // every other document's tokens from the cache its site's last build left (a partial build reads no other
      // site's cache: its own lacks only the edited articles).
      const [, tokenized, documents] = new RegExp(`^${site}\\s+search index: \\d+ files, (\\d+) of (\\d+) documents tokenized`, 'm').exec(output)?.map(Number) ?? [];
      expect(tokenized, output).toBeGreaterThanOrEqual(site === 'internal' ? 1 : 0);
      expect(tokenized).toBeLessThanOrEqual(2);
      expect(documents).toBeGreaterThan(10 * Math.max(1, tokenized!));
      // Most of its files have the bytes the last build wrote: linked from there, not written again.
      const [, files, linked] = new RegExp(`^${site}\\s+search index: (\\d+) files, .*, (\\d+) files linked from the last build`, 'm').exec(output)?.map(Number) ?? [];
      expect(linked, output).toBeGreaterThan(files! / 2);
    }
    expect(await readFile(path.join(live, 'dist/articles', edited.id, 'index.html'), 'utf8')).toContain('One more sentence from the author.');
    // The cold build starts from an empty cache: nothing of what it writes comes from the token or validation caches.
    const coldOutput = await build(reference, { KB_BUILD_COLD: '1', KB_CACHE_DIR: path.join(workDir, 'empty-cache') });
    // The internal site tokenizes every document; the public one only those whose text the internal site lacks.
    expect(coldOutput).toMatch(/^internal\s+search index: \d+ files, (\d+) of \1 documents tokenized/m);
    const [, publicTokenized, publicDocuments] = /^public\s+search index: \d+ files, (\d+) of (\d+) documents tokenized/m.exec(coldOutput)!.map(Number);
    expect(publicTokenized).toBeLessThan(publicDocuments! / 2);
    expect(coldOutput).toMatch(/^public\s+search index: .*, 0 files linked from the last build$/m);
    await expectSameSites(live, reference);
  }, 240_000);

  test('a build with nothing changed reuses both sites whole', async () => {
    const output = await build(live);
    expect(planLine(output, 'public')).toMatch(/^reused whole/);
    expect(planLine(output, 'internal')).toMatch(/^reused whole/);
    await expectSameSites(live, reference);
  }, 180_000);
});

describe('edits that are more than an article build cold', () => {
  test('an article made internal: the public site builds cold and drops it, the internal one renders it again', async () => {
    for (const article of hidden) await editFrontmatter(article, (frontmatter) => frontmatter.replace(/^visibility: public$/m, 'visibility: internal'));
    const output = await build(live);
    expect(planLine(output, 'public')).toMatch(/^cold \(the articles the site shows changed/);
    expect(planLine(output, 'internal')).toMatch(/^incremental: /);
    // The build before reused both sites whole and pruned the one it reused: the record of the search-index files went
    // with them to the new folder, so this build still links most of its files instead of writing them.
    const [, files, linked] = /^internal\s+search index: (\d+) files, .*, (\d+) files linked from the last build/m.exec(output)?.map(Number) ?? [];
    expect(linked, output).toBeGreaterThan(files! / 2);
    for (const article of hidden) {
      await expect(readFile(path.join(live, 'dist/articles', article.id, 'index.html'))).rejects.toThrow();
      expect(await readFile(path.join(live, 'dist-internal/articles', article.id, 'index.html'), 'utf8')).toContain('data-pagefind-body');
    }
    await rm(reference, { recursive: true, force: true });
    await build(reference);
    await expectSameSites(live, reference);
  }, 240_000);

  // The plan of the next build, from the published build's real manifest and folder: no build needs to run.
  async function planAfter(change: (dir: string) => Promise<void>) {
    const changed = path.join(workDir, `changed-${Math.random().toString(16).slice(2)}`);
    await cp(contentDir, changed, { recursive: true });
    await change(changed);
    const entries = articleEntries(await loadContent(changed));
    const fingerprint = await buildFingerprint({ repoRoot: path.resolve(siteRoot, '../..'), siteRoot, contentDir: changed, runbooksDir: defaultRunbooksDir(), env: { ...process.env, KB_CONTENT_DIR: contentDir, KB_RUNBOOKS_DIR: defaultRunbooksDir() } });
    const store = path.join(live, '.dist.versions');
    const [published] = (await readdir(store)).filter((name) => !name.endsWith('.json'));
    const previous = { dir: path.join(store, published!), manifest: await readManifest(manifestFile(store, published!)) };
    return planSite(previous, siteInputs(fingerprint, entries, 'public'), entries);
  }

  test('the published manifest matches the content it was built from, so the plan is to reuse', async () => {
    expect(await planAfter(async () => undefined)).toEqual({ mode: 'reuse' });
  });

  test('a taxonomy change', async () => {
    const plan = await planAfter(async (dir) => {
      const file = path.join(dir, 'taxonomy.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^(\s+name: )(.+)$/m, '$1$2 (renamed)'));
    });
    expect(plan).toMatchObject({ mode: 'cold', reason: expect.stringMatching(/taxonomy/) });
  });

  test('a translation added', async () => {
    const untranslated = (await loadContent(contentDir)).articles.filter((article) => article.locale === 'en' && isPublishable(article) && !hidden.some((other) => other.id === article.id));
    const translations = new Set((await loadContent(contentDir)).articles.filter((article) => article.locale !== 'en').map((article) => article.id));
    const english = untranslated.find((article) => !translations.has(article.id))!;
    expect(english).toBeDefined();
    const plan = await planAfter(async (dir) => {
      const source = await readFile(path.join(dir, 'articles/en', `${english.id}.mdx`), 'utf8');
      const target = path.join(dir, 'articles/zh-tw', `${english.id}.mdx`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, source.replace(/^locale: en$/m, `locale: zh-TW\ntranslationOf: ${english.id}`));
    });
    expect(plan).toMatchObject({ mode: 'cold', reason: expect.stringMatching(/articles the site shows changed/) });
  });
});
