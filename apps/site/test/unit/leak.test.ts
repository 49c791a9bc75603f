import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultRunbooksDir, loadRunbooks } from '@nimbus/runbooks';
import type { AddressInfo } from 'node:net';
import { buildSite } from '../build-site.ts';
import { serveDir } from '../../scripts/serve.ts';
import { launchBrowser, trackPageErrors } from '../e2e/browser.ts';
import { sampleContentDir } from '../content-fixture.ts';
import { loadContent } from '@nimbus/content-loader';
import { visibleArticles } from '@nimbus/content';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/leak-markers');
/** Attack vectors of issue 12 the build accepts (the refused ones: test/unit/leak-vectors-refused.test.ts). */
const vectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/leak-vectors/accepted');
/** Marker of each accepted vector, by its path in the content folder. */
const vectorMarkers = new Map<string, string>();
let workDir: string;
let contentDir: string;
let result: Awaited<ReturnType<typeof buildSite>>;
const markers = new Map<string, string>();
/** Marker of the planted runbook: runbooks are internal content as a whole (contract 2). */
const runbookMarker = `zqxleakrunbook${Math.random().toString(36).slice(2, 8)}`;
const previousRunbooksDir = process.env.KB_RUNBOOKS_DIR;
/** Marker of the planted case export: case data is internal too, and shows only on the internal reports. */
const caseMarker = `zqxleakcases${Math.random().toString(36).slice(2, 8)}`;
/** Marker of the planted link ledger: which case an article resolved is internal too. */
const ledgerMarker = `zqxleakledger${Math.random().toString(36).slice(2, 8)}`;
/** Secrets planted in the cases: they must appear nowhere, not even on the internal site. */
const plantedSecrets = ['AKIAZ7Q4JMPLE3KRNXWT', 'ops@customer-example.com', '415 555 0134', 'hunter2secret', '203.0.113.77'];

/** Every file under `dir` as text; Pagefind's gzip files are also searched decompressed. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    let text = bytes.toString('utf8');
    try {
      text += gunzipSync(bytes).toString('utf8');
    } catch {
      // Not gzip: the plain text is enough.
    }
    texts.set(path.relative(dir, file), text.toLowerCase());
  }
  return texts;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-leak-'));
  contentDir = path.join(workDir, 'content');
  await cp(sampleContentDir, contentDir, { recursive: true });
  for (const name of await readdir(fixtures)) {
    if (!name.endsWith('.mdx') || name.startsWith('runbook')) continue;
    const kind = name.replace(/\.mdx$/, '');
    // One word Pagefind cannot split, unique per planted article.
    const marker = `zqxleak${kind.replace(/[^a-z]/g, '')}${Math.random().toString(36).slice(2, 8)}`;
    markers.set(kind, marker);
    const source = (await readFile(path.join(fixtures, name), 'utf8')).replaceAll('{marker}', marker);
    await writeFile(path.join(contentDir, 'articles/en/compute', `planted-${kind}.mdx`), source);
  }
  for (const relative of (await readdir(vectorsDir, { recursive: true })).filter((name) => name.endsWith('.mdx'))) {
    const marker = `zqxvec${relative.replace(/[^a-z]/g, '').slice(-12)}${Math.random().toString(36).slice(2, 8)}`;
    vectorMarkers.set(relative, marker);
    await mkdir(path.dirname(path.join(contentDir, relative)), { recursive: true });
    await writeFile(path.join(contentDir, relative), (await readFile(path.join(vectorsDir, relative), 'utf8')).replaceAll('{marker}', marker));
  }
  // The package's runbooks plus one planted runbook that links a public article; the build reads KB_RUNBOOKS_DIR.
  const runbooksDir = path.join(workDir, 'runbooks');
  await cp(defaultRunbooksDir(), runbooksDir, { recursive: true });
  const runbook = (await readFile(path.join(fixtures, 'runbook.mdx'), 'utf8')).replaceAll('{marker}', runbookMarker);
  await writeFile(path.join(runbooksDir, `${runbookMarker}.mdx`), runbook);
  process.env.KB_RUNBOOKS_DIR = runbooksDir;
  const ledger = path.join(contentDir, 'cases/ledger.jsonl');
  const [firstEntry = ''] = (await readFile(ledger, 'utf8')).split('\n');
  await writeFile(ledger, `${firstEntry.replace(/"case":"[^"]*"/, `"case":"${ledgerMarker}"`)}\n`);
  const casesFile = path.join(workDir, 'cases.jsonl');
  await writeFile(casesFile, (await readFile(path.join(fixtures, 'cases.jsonl'), 'utf8')).replaceAll('{marker}', caseMarker));
  process.env.KB_CASES_FILE = casesFile;
  // Pagefind in bundles of a few pages (scripts/pagefind-index.ts), so the scan covers every bundle's files.
  result = await buildSite(contentDir, path.join(workDir, 'out'), { KB_PAGEFIND_BUNDLE_PAGES: '5' });
}, 240_000);

afterAll(async () => {
  delete process.env.KB_CASES_FILE;
  if (previousRunbooksDir === undefined) delete process.env.KB_RUNBOOKS_DIR;
  else process.env.KB_RUNBOOKS_DIR = previousRunbooksDir;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the public build never contains internal content (contract 2)', () => {
  test('the build succeeds', () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  });

  test('every planted marker is in the internal build, pages and Pagefind fragments alike', async () => {
    const internal = await readTree(result.internalDir);
    for (const [kind, marker] of markers) {
      const files = [...internal].filter(([, text]) => text.includes(marker)).map(([file]) => file);
      expect(files.some((file) => file.endsWith('.html')), `${kind} in internal pages`).toBe(true);
      expect(files.some((file) => file.startsWith('pagefind/')), `${kind} in internal search index`).toBe(true);
      expect(files.some((file) => file.startsWith('search-index/')), `${kind} in internal search shards`).toBe(true);
    }
  });

  test('no public file contains any marker: pages, search fragments, JS chunks, sitemap', async () => {
    const published = await readTree(result.publicDir);
    expect(published.size).toBeGreaterThan(50);
    expect([...published.keys()].some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
    expect([...published.keys()].some((file) => /^pagefind\/part-\d+\/fragment\//.test(file))).toBe(true);
    expect([...published.keys()].some((file) => /^search-index\/[0-9a-f]+\/t\d+\.bin$/.test(file))).toBe(true);
    expect([...published.keys()].some((file) => file.endsWith('.js'))).toBe(true);
    expect([...published.keys()]).toContain('sitemap-0.xml');
    const leaks = [...published].flatMap(([file, text]) => [...markers].filter(([, marker]) => text.includes(marker)).map(([kind]) => `${kind} in ${file}`));
    expect(leaks).toEqual([]);
  });

  test('no accepted attack vector reaches a public file (case-insensitive, Pagefind decompressed, search shards, sitemap)', async () => {
    const published = await readTree(result.publicDir);
    expect(vectorMarkers.size).toBeGreaterThanOrEqual(5);
    const shards = [...published].filter(([file]) => file.startsWith('search-index/')).map(([, text]) => text).join('\n');
    expect(shards.length).toBeGreaterThan(0);
    const leaks = [...published].flatMap(([file, text]) => [...vectorMarkers].filter(([, marker]) => text.includes(marker)).map(([vector]) => `${vector} in ${file}`));
    expect(leaks).toEqual([]);
    // The public translations of an internal and of a WIP English article have no page, no search entry, no index entry.
    expect([...published.keys()].filter((file) => file.includes('vector-internal-source') || file.includes('vector-wip-source'))).toEqual([]);
    expect(shards).not.toContain('vector-internal-source');
    expect(shards).not.toContain('vector-wip-source');
    // The article with internal sections ships, without them, and without the ids of their headings.
    const page = published.get('articles/compute/vector-sections/index.html') ?? '';
    expect(page).toContain('a planted vector.');
    expect(page).not.toContain('notes-for-engineers');
  });

  test('every accepted attack vector is on the internal site', async () => {
    const internal = await readTree(result.internalDir);
    for (const [vector, marker] of vectorMarkers) {
      const files = [...internal].filter(([, text]) => text.includes(marker)).map(([file]) => file);
      expect(files.some((file) => file.endsWith('.html')), `${vector} in internal pages`).toBe(true);
    }
    expect(internal.get('articles/compute/vector-sections/index.html')).toContain('id="notes-for-engineers-');
  });

  test('the planted runbook is on the internal site: its page and the page of the article it links', async () => {
    const internal = await readTree(result.internalDir);
    expect(internal.get(`runbooks/${runbookMarker}/index.html`)).toContain(runbookMarker);
    expect(internal.get('articles/compute/ssh-connection-timed-out/index.html')).toContain(`/runbooks/${runbookMarker}/`);
    expect(internal.get('runbooks/index.html')).toContain(runbookMarker);
  });

  test('no public file contains runbook content: the planted marker, runbook titles, runbook pages or links', async () => {
    const published = await readTree(result.publicDir);
    const { runbooks } = await loadRunbooks();
    expect(runbooks.length).toBeGreaterThan(0);
    const needles = [runbookMarker, ...runbooks.map((runbook) => runbook.title.toLowerCase()), 'href="/runbooks/'];
    const leaks = [...published].flatMap(([file, text]) => needles.filter((needle) => text.includes(needle)).map((needle) => `${needle} in ${file}`));
    expect(leaks).toEqual([]);
    expect([...published.keys()].filter((file) => file.startsWith('runbooks/'))).toEqual([]);
  });

  test('the internal build has no sitemap and forbids crawling', async () => {
    const internal = await readTree(result.internalDir);
    expect([...internal.keys()].filter((file) => file.startsWith('sitemap'))).toEqual([]);
    expect(internal.get('robots.txt')).toContain('disallow: /');
  });

  test('the public build ships no asset of internal-only pages', async () => {
    const published = await readTree(result.publicDir);
    const internal = await readTree(result.internalDir);
    expect([...internal.keys()].some((file) => /^_astro\/Runbook/.test(file))).toBe(true);
    expect([...published.keys()].filter((file) => /^_astro\/Runbook/.test(file))).toEqual([]);
  });

  test('case data reaches only the internal reports, escaped and redacted', async () => {
    const published = await readTree(result.publicDir);
    const internal = await readTree(result.internalDir);
    expect([...published].filter(([, text]) => text.includes(caseMarker)).map(([file]) => file)).toEqual([]);
    const reports = internal.get('reports/index.html') ?? '';
    expect(reports).toContain(caseMarker);
    // A hostile subject is text, never markup.
    expect(reports).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(reports).not.toContain('<script>window.__pwned');
    for (const secret of plantedSecrets) {
      const found = [...internal, ...published].filter(([, text]) => text.includes(secret.toLowerCase())).map(([file]) => file);
      expect(found, secret).toEqual([]);
    }
  });

  test('the link ledger reaches no public file', async () => {
    const published = await readTree(result.publicDir);
    expect([...published].filter(([, text]) => text.includes(ledgerMarker)).map(([file]) => file)).toEqual([]);
  });

  test('hostile case text on the internal site shows as text and never runs in a browser', async () => {
    const server = await serveDir(result.internalDir, 0);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = trackPageErrors(page);
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/reports/`);
      const text = await page.textContent('main');
      expect(text).toContain('<script>window.__pwned=1</script>');
      expect(text).toContain('<img src=x onerror=window.__pwned=3>');
      expect(text).toContain('[open](javascript:window.__pwned=2)');
      // Each planted payload would set this flag if it ran: as markup, as a link, or through an event handler.
      for (const link of await page.locator('main a[href^="javascript:"]').all()) await link.click();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('main img').count()).toBe(0);
      expect(errors).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the public build\'s manifest (kept beside it for the next build, never deployed) names no article it does not show', async () => {
    const { articles } = await loadContent(contentDir);
    const shown = visibleArticles(articles, 'public');
    const hidden = articles.filter((article) => !shown.includes(article));
    // Ids the public site shows in no language; a translation kept back may share its id with a shown article.
    const unseenIds = [...new Set(hidden.map((article) => article.id))].filter((id) => !shown.some((article) => article.id === id));
    expect(unseenIds.length).toBeGreaterThanOrEqual(5);
    const manifestOf = async (site: string) => {
      const store = path.join(path.dirname(result.publicDir), `.${site}.versions`);
      const names = (await readdir(store)).filter((name) => name.endsWith('.manifest.json'));
      expect(names).toHaveLength(1);
      return (await readFile(path.join(store, names[0]!), 'utf8')).toLowerCase();
    };
    const [publicManifest, internalManifest] = [await manifestOf('dist'), await manifestOf('dist-internal')];
    const named = (text: string) => [...unseenIds.filter((id) => text.includes(id.toLowerCase())), ...hidden.map((article) => `${article.locale}/${article.id}`.toLowerCase()).filter((key) => text.includes(`"${key}"`)), ...[...markers.values()].filter((marker) => text.includes(marker))];
    expect(named(publicManifest)).toEqual([]);
    // The internal site shows them all, so its manifest does name them: the check above looks for the right thing.
    expect(unseenIds.every((id) => internalManifest.includes(id.toLowerCase()))).toBe(true);
  });

  test('the public build ships no source maps', async () => {
    const published = await readTree(result.publicDir);
    expect([...published.keys()].filter((file) => file.endsWith('.map'))).toEqual([]);
    expect([...published.values()].some((text) => text.includes('sourcemappingurl'))).toBe(false);
  });
});
