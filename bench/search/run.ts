// The search benchmark (issue 11): the real users' subject lines of both dev files typed into the built corpus site's
// search page in Chromium (DESIGN.md contract 6), beside plain Pagefind on the same built site and `kb link` (the
// ranking in Node, over the corpus folder) on the same subject lines, in one run. Also the bytes a first and a further
// search transfer (gzip, as served) and where the time of a search goes. Prints a table, writes bench/results/search.json.
//
// The site is the corpus imported with `kb import`, plus the repository's content/vocabulary.yaml (the vocabulary L3
// keeps is part of the knowledge base), built once; BENCH_SEARCH_SITE=<dir with dist/> reuses a build.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openIndex, rank, readFrontmatter } from '@nimbus/case-index';
import { importKnowledgeBase } from '@nimbus/importer';
import { loadVocabulary } from '../../packages/cli/src/vocabulary.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// BENCH_CORPUS names the corpus when the repository is not checked out beside it (a git worktree elsewhere).
const corpus = path.resolve(process.env.BENCH_CORPUS ?? path.join(repoRoot, '../shared/corpus'));
const resultsFile = path.join(repoRoot, 'bench/results/search.json');
const TOP = 8;
/** A search after its files arrived (analysis, rank, excerpts, render), median over every dev subject line. */
const COMPUTE_BUDGET_MS = 100;

interface Case {
  subject: string;
  gold: string[];
}
interface Hit {
  href: string;
  title: string;
}
interface Scores {
  recallAt1: number;
  recallAt3: number;
  mrrAt8: number;
  noResults: number;
  /** Each case's rank of its first gold hit (1-based; 0: not in the top 8), in file order: the figures can be checked. */
  ranks: number[];
}

const normalizeTitle = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const slugOf = (file: string) =>
  path
    .basename(file)
    .replace(/\.(?:md|markdown|mdx)$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');

/** R@1, R@3, MRR@8 and the count of empty answers, from the position of the first gold hit per case (-1: none). */
function score(positions: ReadonlyArray<{ position: number; empty: boolean }>): Scores {
  const n = Math.max(1, positions.length);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    recallAt1: round(positions.filter(({ position }) => position === 0).length / n),
    recallAt3: round(positions.filter(({ position }) => position >= 0 && position < 3).length / n),
    mrrAt8: round(positions.reduce((sum, { position }) => sum + (position >= 0 && position < TOP ? 1 / (position + 1) : 0), 0) / n),
    noResults: positions.filter(({ empty }) => empty).length,
    ranks: positions.map(({ position }) => (position >= 0 && position < TOP ? position + 1 : 0)),
  };
}

function runNode(args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-20_000)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed:\n${output}`))));
  });
}

/** Imports the corpus, adds the repository's vocabulary and builds both sites; returns the folder holding dist/. */
async function buildCorpusSite(work: string): Promise<string> {
  const content = path.join(work, 'content');
  // Imported as bench/site imports it: state read from the source, public, reviewed at import, and (the corpus names
  // its authors, not our owners) every article owned by the maintainers.
  await importKnowledgeBase(path.join(corpus, 'articles'), content, { force: true, state: 'detect', visibility: 'public', reviewed: 'import', owners: { fallback: '@nimbus/kb-maintainers' } });
  await cp(path.join(repoRoot, 'content/vocabulary.yaml'), path.join(content, 'vocabulary.yaml'));
  await runNode([path.join(repoRoot, 'apps/site/scripts/build.ts')], path.join(repoRoot, 'apps/site'), {
    KB_CONTENT_DIR: content,
    KB_PUBLIC_OUT: path.join(work, 'dist'),
    KB_INTERNAL_OUT: path.join(work, 'dist-internal'),
    KB_CACHE_DIR: path.join(work, 'cache'),
  });
  return work;
}

async function readCases(file: string): Promise<Case[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Case);
}

export async function run(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`search: skipped, no corpus at ${corpus}`);
    return;
  }
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((candidate) => candidate && existsSync(candidate));
  if (!chrome) {
    console.log('search: skipped, no Chromium (install Debian\'s chromium or set CHROME_PATH)');
    return;
  }
  const reuse = process.env.BENCH_SEARCH_SITE;
  const work = reuse ? undefined : await mkdtemp(path.join(tmpdir(), 'kb-bench-search-'));
  try {
    const buildStarted = performance.now();
    const siteRoot = reuse ? path.resolve(reuse) : await buildCorpusSite(work!);
    const buildMs = reuse ? undefined : performance.now() - buildStarted;
    const dist = path.join(siteRoot, 'dist');

    // Gold paths are corpus files; the site names them by product and slug. A hit is gold when slug and title agree.
    const goldOf = new Map<string, { slug: string; title: string }>();
    const allCases = new Map<string, Case[]>();
    for (const name of ['cases-dev.jsonl', 'cases-dev2.jsonl']) {
      const cases = await readCases(path.join(corpus, name));
      allCases.set(name, cases);
      for (const item of cases) {
        for (const gold of item.gold) {
          if (goldOf.has(gold)) continue;
          const source = await readFile(path.join(corpus, gold.replace(/^corpus\//, '')), 'utf8').catch(() => '');
          const title = String(readFrontmatter(source).data.title ?? '');
          goldOf.set(gold, { slug: slugOf(gold), title: normalizeTitle(title) });
        }
      }
    }
    const isGold = (item: Case, hit: Hit) => {
      const slug = hit.href.replace(/\/$/, '').split('/').pop() ?? '';
      return item.gold.some((gold) => {
        const expected = goldOf.get(gold)!;
        return expected.slug === slug && (expected.title === '' || expected.title === normalizeTitle(hit.title));
      });
    };

    // `kb link`: the same ranking over the corpus folder, with the vocabulary, as the command runs it.
    const { index } = await openIndex(path.join(corpus, 'articles'), { cacheDir: false });
    const synonyms = await loadVocabulary({ cwd: repoRoot, env: { KB_CONTENT_DIR: 'content' } });

    const { chromium } = await import('playwright-core');
    const sirv = (await import('sirv')).default;
    const serve = async (dir: string) => {
      const server: Server = createServer(sirv(dir, { extensions: ['html'] }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    };
    // The internal site holds every article, as the corpus folder `kb link` reads does; the public one only the
    // validated ones, so a gold article may not be there at all (counted beside its rows).
    const sites = { internal: await serve(path.join(siteRoot, 'dist-internal')), public: await serve(dist) };
    const published = new Set((await readdir(path.join(dist, 'articles'), { recursive: true })).map((name) => path.basename(String(name))));
    const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const table: Record<string, Record<string, Scores & { fallbackAnswers?: number; fallbackGold?: number }>> = {};
    const reachable: Record<string, number> = {};
    const timings: number[] = [];
    const computeTimings: number[] = [];
    let bytes: Awaited<ReturnType<typeof searchBytes>> | undefined;
    try {
      const page = await browser.newPage();
      for (const [name, cases] of allCases) {
        const rows: Record<string, Scores & { fallbackAnswers?: number; fallbackGold?: number }> = {};
        reachable[name] = cases.filter((item) => item.gold.some((gold) => published.has(goldOf.get(gold)!.slug))).length;
        for (const [siteName, { base }] of Object.entries(sites)) {
          const ours: Array<{ position: number; empty: boolean }> = [];
          const pagefind: Array<{ position: number; empty: boolean }> = [];
          let fallbackAnswers = 0;
          let fallbackGold = 0;
          for (const item of cases) {
            await page.goto(`${base}/search/?q=${encodeURIComponent(item.subject)}`);
            await page.waitForSelector('[data-search-status]:not(:empty)', { timeout: 60_000 });
            const hits = await page.$$eval('[data-search-results] li > a', (links) => links.map((link) => ({ href: new URL((link as HTMLAnchorElement).href).pathname, title: link.textContent ?? '' })));
            const timing = JSON.parse((await page.getAttribute('[data-search]', 'data-search-timing')) ?? '{}') as { computeMs?: number; renderMs?: number; totalMs?: number; engine?: string };
            if (timing.engine === 'pagefind') {
              fallbackAnswers++;
              if (hits.slice(0, TOP).some((hit) => isGold(item, hit))) fallbackGold++;
            }
            if (timing.computeMs !== undefined) computeTimings.push(timing.computeMs + (timing.renderMs ?? 0));
            if (timing.totalMs !== undefined) timings.push(timing.totalMs);
            ours.push({ position: hits.slice(0, TOP).findIndex((hit) => isGold(item, hit)), empty: hits.length === 0 });
            // Plain Pagefind on the same page: the query as typed, its first page of results.
            const plain = await page.evaluate(async (query) => {
              const api = (await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`)) as {
                options(o: object): Promise<void>;
                mergeIndex(path: string): Promise<void>;
                search(q: string): Promise<{ results: Array<{ data(): Promise<{ url: string; meta: { title?: string } }> }> }>;
              };
              await api.options({ noWorker: true });
              // The site's other Pagefind bundles (apps/site/scripts/pagefind-index.ts), as its search page merges them.
              const parts = (await fetch('/pagefind/indexes.json').then((response) => (response.ok ? response.json() : []))) as Array<{ path: string }>;
              await Promise.all(parts.map((part) => api.mergeIndex(new URL(part.path, new URL('/pagefind/', location.href)).pathname)));
              const found = await api.search(query);
              const data = await Promise.all(found.results.slice(0, 8).map((result) => result.data()));
              return data.map((entry) => ({ href: new URL(entry.url, location.origin).pathname, title: entry.meta.title ?? '' }));
            }, item.subject);
            pagefind.push({ position: plain.findIndex((hit) => isGold(item, hit)), empty: plain.length === 0 });
          }
          rows[`site search, ${siteName} site`] = { ...score(ours), fallbackAnswers, fallbackGold };
          rows[`plain Pagefind, ${siteName} site`] = score(pagefind);
        }
        const kbLink = cases.map((item) => {
          const linked = rank(index, { subject: item.subject }, { top: TOP, ...(synonyms ? { synonyms } : {}) });
          const goldPaths = new Set(item.gold.map((gold) => gold.replace(/^corpus\/articles\//, '')));
          return { position: linked.findIndex((result) => goldPaths.has(result.path)), empty: linked.length === 0 };
        });
        rows['kb link (subject only), corpus folder'] = score(kbLink);
        table[name] = rows;
      }
      bytes = await searchBytes(browser, sites.public.base, dist);
    } finally {
      await browser.close();
      for (const { server } of Object.values(sites)) server.close();
    }

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
    console.log(`\nSearch quality: dev subject lines typed into the built corpus site's /search/ (Chromium), top ${TOP}\n`);
    console.log('| file | engine | R@1 | R@3 | MRR@8 | no results |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const [name, rows] of Object.entries(table)) {
      console.log(`| ${name} | (gold article published on the public site for ${reachable[name]} of ${allCases.get(name)!.length}) | | | | |`);
      for (const [engine, s] of Object.entries(rows)) {
        const note = s.fallbackAnswers ? ` (Pagefind fallback answered ${s.fallbackAnswers}, with the gold article ${s.fallbackGold ?? 0})` : '';
        console.log(`| ${name} | ${engine}${note} | ${s.recallAt1.toFixed(3)} | ${s.recallAt3.toFixed(3)} | ${s.mrrAt8.toFixed(3)} | ${s.noResults} |`);
      }
    }
    if (bytes) {
      const kb = (value: number) => `${(value / 1024).toFixed(1)} KB`;
      console.log(`\nBytes (gzip, as served): first search ${kb(bytes.firstSearch)} (plain Pagefind ${kb(bytes.pagefindFirstSearch)}) · a further query ${kb(bytes.furtherQuery)}`);
      console.log(`Search page on its Pagefind paths: a quoted phrase ${kb(bytes.visitorPagefind.phrase)} · a product listed ${kb(bytes.visitorPagefind.productListing)} · an area listed ${kb(bytes.visitorPagefind.areaListing)}`);
    }
    const computeMedian = median(computeTimings);
    console.log(`Time per search in the page: median ${median(timings)} ms in all, ${computeMedian} ms after the files arrived (analysis, rank, excerpts, render; budget ${COMPUTE_BUDGET_MS} ms: ${computeMedian <= COMPUTE_BUDGET_MS ? 'met' : 'MISSED'})`);
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify({ date: new Date().toISOString(), top: TOP, buildMs, table, reachableOnPublicSite: reachable, bytes, medianSearchMs: median(timings), medianComputeMs: median(computeTimings) }, null, 2)}\n`);
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

type Page = import('playwright-core').Page;

/**
 * Gzip bytes the page fetched for a first search (after the page loaded) and for a further query, for plain Pagefind,
 * and what a visitor of the search page pays on the paths that load Pagefind (a quoted phrase, a product or an area
 * listed without a query), each on a fresh page.
 */
async function searchBytes(browser: import('playwright-core').Browser, base: string, dist: string) {
  /** Bytes of each step, run one after the other on one fresh search page. */
  const measure = async (steps: Array<(page: Page) => Promise<void>>) => {
    const page = await browser.newPage();
    await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    const perStep: number[] = [];
    let files: string[] = [];
    page.on('requestfinished', (request) => files.push(new URL(request.url()).pathname));
    for (const run of steps) {
      files = [];
      await run(page);
      await page.waitForLoadState('networkidle');
      let total = 0;
      for (const file of new Set(files)) {
        const body = await readFile(path.join(dist, decodeURIComponent(file))).catch(() => undefined);
        if (!body) continue;
        // Pagefind's index files are gzip already; everything else is what a host would gzip.
        total += /\/pagefind\/.*\.pf_/.test(file) ? body.length : gzipSync(body).length;
      }
      perStep.push(total);
    }
    await page.close();
    return perStep;
  };
  /** Runs `act` on the search page and waits until the search it starts is done. */
  const searched = (act: (page: Page) => Promise<void>) => async (page: Page) => {
    const before = Number((await page.getAttribute('[data-search]', 'data-search-done')) ?? 0);
    await act(page);
    await page.waitForFunction((done) => Number(document.querySelector<HTMLElement>('[data-search]')?.dataset.searchDone ?? 0) > done, before);
  };
  const typed = (query: string) => searched((page) => page.fill('#q', query));
  const plain = (query: string) => async (page: Page) => {
    await page.evaluate(async (q) => {
      const api = (await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`)) as {
        options(o: object): Promise<void>;
        mergeIndex(path: string): Promise<void>;
        search(q: string): Promise<{ results: Array<{ data(): Promise<unknown> }> }>;
      };
      await api.options({ noWorker: true });
      const parts = (await fetch('/pagefind/indexes.json').then((response) => (response.ok ? response.json() : []))) as Array<{ path: string }>;
      await Promise.all(parts.map((part) => api.mergeIndex(new URL(part.path, new URL('/pagefind/', location.href)).pathname)));
      const found = await api.search(q);
      await Promise.all(found.results.slice(0, 8).map((result) => result.data()));
    }, query);
  };
  const listed = (name: string) => searched((page) => page.selectOption(`select[name="${name}"]`, { index: 1 }).then(() => undefined));
  const [firstSearch, furtherQuery] = await measure([typed('Outlook keeps asking for password'), typed('error 0x80070005 when installing updates')]);
  const [pagefindFirstSearch] = await measure([plain('Outlook keeps asking for password')]);
  const [phrase] = await measure([typed('"access denied"')]);
  const [productListing] = await measure([listed('product')]);
  const [areaListing] = await measure([listed('area')]);
  return { firstSearch: firstSearch!, furtherQuery: furtherQuery!, pagefindFirstSearch: pagefindFirstSearch!, visitorPagefind: { phrase: phrase!, productListing: productListing!, areaListing: areaListing! } };
}
