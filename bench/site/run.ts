// The site benchmark (issue 6, DESIGN.md contract 5): imports the real corpus, then builds our two sites and the two
// baselines — a bare Astro + MDX site with Pagefind, and a default Starlight site — from the same articles, and prints
// each figure beside both baselines. Sizes and runs: BENCH_SITE_SIZES (default "1000,3152"), BENCH_SITE_RUNS (default 3,
// medians). Also: the rebuild after editing one article (cache kept) against the cold build, the turbo-cached rebuild
// of the repository, and how peak memory grows with the number of articles.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../corpus-root.ts';
import { gzipSync } from 'node:zlib';
import { importKnowledgeBase } from '@nimbus/importer';
import { startLoadCount, waitForIdle, type LoadFigures } from './machine-load.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.join(corpusRoot(), 'articles');
const baselines = path.join(repoRoot, 'bench/site/baselines');
const node = process.execPath;
const astroBin = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
const pagefindBin = path.join(repoRoot, 'node_modules/pagefind/lib/runner/bin.cjs');

interface Measure {
  ms: number;
  peakRssMb: number;
  /** How busy the machine was: the wait for idle before the step, and other processes' CPU during it. */
  load: LoadFigures;
  /** Our build's own "Steps: …" line (where its time went), when the step is our build. */
  steps?: string;
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
async function treeRss(root: number): Promise<number> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const status = await readFile(`/proc/${name}/status`, 'utf8').catch(() => '');
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    rss.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) * 1024);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs a Node script, sampling the memory of its whole process tree; fails with its output when it fails. */
function measure(args: string[], cwd: string, env: Record<string, string>): Promise<Measure> {
  return measureCommand(node, args, cwd, env);
}

async function measureCommand(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Measure> {
  const idle = await waitForIdle();
  const countLoad = startLoadCount();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-20_000)));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) void treeRss(child.pid).then((bytes) => (peak = Math.max(peak, bytes)));
    }, 200);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${args.join(' ')} failed:\n${output}`));
      else resolve({ ms: performance.now() - started, peakRssMb: Math.round(peak / 2 ** 20), load: { ...idle, ...countLoad() }, ...(/^Steps: .*$/m.exec(output) ? { steps: /^Steps: .*$/m.exec(output)![0] } : {}) });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function countHtml(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true })).filter((name) => String(name).endsWith('.html')).length;
}

/** A content folder with the first `size` imported articles (by path) and the import's taxonomy. */
export async function subset(imported: string, size: number, into: string): Promise<number> {
  const files = (await readdir(path.join(imported, 'articles/en'), { recursive: true })).map(String).filter((name) => name.endsWith('.mdx')).sort().slice(0, size);
  await rm(into, { recursive: true, force: true });
  await mkdir(into, { recursive: true });
  await cp(path.join(imported, 'taxonomy.yaml'), path.join(into, 'taxonomy.yaml'));
  const ids = new Set(files.map((file) => file.replace(/\.mdx$/, '')));
  for (const file of files) {
    const source = await readFile(path.join(imported, 'articles/en', file), 'utf8');
    // Related articles outside the subset would be (rightly) reported as missing: drop them, as a smaller KB would.
    const trimmed = source.replace(/^related:\n((?:  - .*\n)+)/m, (_, items: string) => {
      const kept = items.split('\n').filter((line) => line && ids.has(line.replace(/^  - /, '').replace(/^["']|["']$/g, '')));
      return kept.length > 0 ? `related:\n${kept.join('\n')}\n` : 'related: []\n';
    });
    await mkdir(path.dirname(path.join(into, 'articles/en', file)), { recursive: true });
    await writeFile(path.join(into, 'articles/en', file), trimmed);
  }
  // Larger than the corpus (31,520 = ten times): more copies of every article under renamed slugs and titles, their
  // `related` entries and body links pointing into the same copy, so the text stays real and the links resolve.
  const copies = Math.ceil(size / files.length);
  let written = files.length;
  for (let copy = 2; copy <= copies && written < size; copy++) {
    for (const file of files) {
      if (written >= size) break;
      const rename = (id: string) => `${id}-copy-${copy}`;
      const source = await readFile(path.join(into, 'articles/en', file), 'utf8');
      const renamed = source
        .replace(/^title: (['"]?)/m, (_, quote: string) => `title: ${quote}(copy ${copy}) `)
        .replace(/^related:\n((?:  - .*\n)+)/m, (block: string) => block.replace(/^(  - ["']?)([^"'\n]+)/gm, (_, lead: string, id: string) => `${lead}${rename(id)}`))
        .replace(/\]\(\/articles\/([^/)#]+\/[^/)#]+)\//g, (_, id: string) => `](/articles/${rename(id)}/`);
      await writeFile(path.join(into, 'articles/en', file.replace(/\.mdx$/, `-copy-${copy}.mdx`)), renamed);
      written++;
    }
  }
  return written;
}

/** Bytes a browser transfers (gzip) for one search on the built public site, loading nothing else. */
async function searchBytes(dir: string, query: string): Promise<number | undefined> {
  const { chromium } = await import('playwright-core');
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((candidate) => candidate && existsSync(candidate));
  if (!chrome) return undefined;
  const sirv = (await import('sirv')).default;
  const server: Server = createServer(sirv(dir, { extensions: ['html'] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/search/`);
    const files = new Set<string>();
    page.on('requestfinished', (request) => {
      if (request.url().includes('/pagefind/')) files.add(new URL(request.url()).pathname);
    });
    await page.fill('#q', query);
    await page.waitForSelector('[data-search-results] li a', { timeout: 30_000 });
    await page.waitForTimeout(500);
    let bytes = 0;
    for (const file of files) {
      const body = await readFile(path.join(dir, decodeURIComponent(file)));
      // Pagefind's index files are gzip already; text files are what a host would gzip.
      bytes += /\.(?:js|json|css)$/.test(file) ? gzipSync(body).length : body.length;
    }
    return bytes;
  } finally {
    await browser.close();
    server.close();
  }
}

/** Gzip bytes of the JavaScript an article page loads before search is opened. */
async function articleJsBytes(dir: string): Promise<number> {
  const articles = path.join(dir, 'articles');
  const [product] = await readdir(articles);
  const [slug] = await readdir(path.join(articles, product ?? ''));
  const html = await readFile(path.join(articles, product ?? '', slug ?? '', 'index.html'), 'utf8');
  let bytes = 0;
  for (const [, src] of html.matchAll(/<script[^>]*src="([^"]+)"/g)) bytes += gzipSync(await readFile(path.join(dir, src ?? ''))).length;
  for (const [, inline] of html.matchAll(/<script>([^<]*)<\/script>/g)) bytes += gzipSync(inline ?? '').length;
  return bytes;
}

interface SizeResult {
  articles: number;
  /** Our rebuild after editing one article, with the cache of the last cold build kept. */
  incremental: Measure;
  ours: Measure & { pages: number };
  /** Bare Astro + MDX + Pagefind on our build's input: the imported articles (.mdx). */
  bare: Measure & { pages: number };
  /** The same bare site on the corpus Markdown as it is (.md). */
  bareCorpus: Measure & { pages: number };
  starlight?: Measure & { pages: number };
}

/** The first `size` corpus Markdown files by path, as they are (the corpus itself when that is all of it). */
async function corpusSubset(size: number, into: string): Promise<string> {
  const files = (await readdir(corpus, { recursive: true })).map(String).filter((name) => name.endsWith('.md')).sort();
  if (size >= files.length) return corpus;
  await rm(into, { recursive: true, force: true });
  for (const file of files.slice(0, size)) await cp(path.join(corpus, file), path.join(into, file));
  return into;
}

/** Two steps measured one after the other as one: times and others' CPU add up, memory is the larger peak. */
function combine(first: Measure, second: Measure): Measure {
  const ms = first.ms + second.ms;
  const othersCoreSeconds = first.load.othersCoreSeconds + second.load.othersCoreSeconds;
  return {
    ms,
    peakRssMb: Math.max(first.peakRssMb, second.peakRssMb),
    load: { waitedMs: first.load.waitedMs + second.load.waitedMs, busyBefore: first.load.busyBefore, othersCoreSeconds, othersShare: (first.load.othersShare * first.ms + second.load.othersShare * second.ms) / ms },
  };
}

/** The bare baseline: `astro build` of the one-page-per-article site over `contentDir`, then `pagefind --site`. */
async function bareBuild(contentDir: string, outDir: string, cacheDir: string): Promise<Measure> {
  const bareDir = path.join(baselines, 'astro-mdx');
  const astro = await measure([astroBin, 'build', '--silent'], bareDir, { BENCH_CONTENT_DIR: contentDir, BENCH_OUT: outDir, BENCH_CACHE: cacheDir });
  return combine(astro, await measure([pagefindBin, '--site', outDir], bareDir, {}));
}

async function benchSize(imported: string, size: number, work: string, runs: number): Promise<SizeResult> {
  const content = path.join(work, `content-${size}`);
  const articles = await subset(imported, size, content);
  const corpusContent = await corpusSubset(size, path.join(work, `corpus-${size}`));
  const out = path.join(work, `out-${size}`);
  const ourBuild = () =>
    measure([path.join(repoRoot, 'apps/site/scripts/build.ts')], path.join(repoRoot, 'apps/site'), {
      KB_CONTENT_DIR: content,
      KB_PUBLIC_OUT: path.join(out, 'ours/dist'),
      KB_INTERNAL_OUT: path.join(out, 'ours/dist-internal'),
      KB_CACHE_DIR: path.join(out, 'ours/cache'),
    });
  const withStarlight = process.env.BENCH_SITE_STARLIGHT !== '0';
  const results: { ours: Measure[]; bare: Measure[]; bareCorpus: Measure[]; starlight: Measure[] } = { ours: [], bare: [], bareCorpus: [], starlight: [] };
  for (let run = 0; run < runs; run++) {
    // Cold every time: no Astro cache, no turbo cache; each step starts on an idle machine when there is one.
    await rm(out, { recursive: true, force: true });
    results.ours.push(await ourBuild());
    results.bare.push(await bareBuild(path.join(content, 'articles/en'), path.join(out, 'bare'), path.join(out, 'bare-cache')));
    results.bareCorpus.push(await bareBuild(corpusContent, path.join(out, 'bare-corpus'), path.join(out, 'bare-corpus-cache')));
    if (!withStarlight) continue;
    const starlightDir = path.join(baselines, 'starlight');
    const docs = path.join(starlightDir, 'src/content/docs');
    await rm(docs, { recursive: true, force: true });
    await cp(path.join(content, 'articles/en'), docs, { recursive: true });
    results.starlight.push(await measure([astroBin, 'build', '--silent'], starlightDir, { BENCH_OUT: path.join(out, 'starlight'), BENCH_CACHE: path.join(out, 'starlight-cache') }));
    await rm(docs, { recursive: true, force: true });
  }
  // An author fixes one article and previews: same content folder, same cache, one file changed.
  const edited = path.join(content, 'articles/en', (await readdir(path.join(content, 'articles/en'), { recursive: true })).map(String).filter((name) => name.endsWith('.mdx')).sort()[0]!);
  await writeFile(edited, `${await readFile(edited, 'utf8')}\nOne more sentence from the author.\n`);
  const incremental = await ourBuild();
  const summary = (list: Measure[]) => {
    const middle = [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)]!;
    return { ms: middle.ms, peakRssMb: median(list.map((m) => m.peakRssMb)), load: middle.load, ...(middle.steps ? { steps: middle.steps } : {}) };
  };
  return {
    articles,
    incremental,
    ours: { ...summary(results.ours), pages: (await countHtml(path.join(out, 'ours/dist'))) + (await countHtml(path.join(out, 'ours/dist-internal'))) },
    bare: { ...summary(results.bare), pages: await countHtml(path.join(out, 'bare')) },
    bareCorpus: { ...summary(results.bareCorpus), pages: await countHtml(path.join(out, 'bare-corpus')) },
    ...(withStarlight ? { starlight: { ...summary(results.starlight), pages: await countHtml(path.join(out, 'starlight')) } } : {}),
  };
}

export async function run(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`site: skipped, no corpus at ${corpus}`);
    return;
  }
  const sizes = (process.env.BENCH_SITE_SIZES ?? '1000,3152').split(',').map(Number).filter((n) => n > 0);
  const runs = Math.max(1, Number(process.env.BENCH_SITE_RUNS ?? 3));
  const work = await mkdtemp(path.join(tmpdir(), 'kb-bench-site-'));
  try {
    const imported = path.join(work, 'imported');
    const importStarted = performance.now();
    // Published as the corpus is (public, validated where it has a resolution), so the public site has its articles.
    await importKnowledgeBase(corpus, imported, { force: true, state: 'detect', visibility: 'public', reviewed: 'import', owners: { fallback: '@nimbus/kb-maintainers' } });
    const importMs = performance.now() - importStarted;
    const importedCount = (await readdir(path.join(imported, 'articles/en'), { recursive: true })).filter((name) => String(name).endsWith('.mdx')).length;
    const results: SizeResult[] = [];
    for (const size of sizes) results.push(await benchSize(imported, size, work, runs));

    const largest = results.at(-1)!;
    const publicDir = path.join(work, `out-${sizes.at(-1)}`, 'ours/dist');
    const checkStarted = performance.now();
    await measure([path.join(repoRoot, 'packages/cli/bin/kb.js'), 'check', '--content', path.join(work, `content-${sizes.at(-1)}`), '--format', 'json'], repoRoot, {}).catch(() => undefined);
    const checkMs = performance.now() - checkStarted;
    // The repository unchanged: turbo replays the build from its cache (first call fills it if needed).
    const turbo = path.join(repoRoot, 'node_modules/.bin/turbo');
    await measureCommand(turbo, ['run', 'build', '--filter=@nimbus/site'], repoRoot, {});
    const turboCached = await measureCommand(turbo, ['run', 'build', '--filter=@nimbus/site'], repoRoot, {});
    const extras = {
      turboCachedMs: Math.round(turboCached.ms),
      importMs: Math.round(importMs),
      importedArticles: importedCount,
      pagefindPublicBytes: await dirBytes(path.join(publicDir, 'pagefind')),
      searchBytes: await searchBytes(publicDir, 'error 0x80070005'),
      articleJsGzipBytes: await articleJsBytes(publicDir),
      kbCheckMs: Math.round(checkMs),
    };

    const rows: string[][] = [['articles', 'build', 'ours (public+internal)', 'bare, same input (.mdx)', 'bare, corpus .md', 'Starlight', 'ours / bare', 'ours / bare .md', 'ours / Starlight']];
    const ratio = (a: number, b: number | undefined) => (b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
    const seconds = (m: Measure | undefined) => (m ? `${(m.ms / 1000).toFixed(1)} s` : 'skipped');
    const others = (m: Measure | undefined) => (m ? `${(m.load.othersShare * 100).toFixed(0)}% (${m.load.othersCoreSeconds.toFixed(0)} core-s)` : '');
    for (const r of results) {
      const kinds = [r.ours, r.bare, r.bareCorpus, r.starlight] as const;
      rows.push([String(r.articles), 'wall time', ...kinds.map(seconds), ratio(r.ours.ms, r.bare.ms), ratio(r.ours.ms, r.bareCorpus.ms), ratio(r.ours.ms, r.starlight?.ms)]);
      rows.push(['', 'peak RSS', ...kinds.map((m) => (m ? `${m.peakRssMb} MB` : '')), ratio(r.ours.peakRssMb, r.bare.peakRssMb), ratio(r.ours.peakRssMb, r.bareCorpus.peakRssMb), ratio(r.ours.peakRssMb, r.starlight?.peakRssMb)]);
      rows.push(['', 'ms per page', ...kinds.map((m) => (m ? (m.ms / m.pages).toFixed(1) : '')), '', '', '']);
      rows.push(['', 'pages', ...kinds.map((m) => (m ? String(m.pages) : '')), '', '', '']);
      rows.push(['', 'others\' CPU meanwhile', ...kinds.map(others), '', '', '']);
      rows.push(['', 'waited for idle', ...kinds.map((m) => (m ? `${(m.load.waitedMs / 1000).toFixed(0)} s (${(m.load.busyBefore * 100).toFixed(0)}% busy at start)` : '')), '', '', '']);
      rows.push(['', 'one article edited', `${(r.incremental.ms / 1000).toFixed(1)} s (${ratio(r.incremental.ms, r.ours.ms)} of cold)`, '', '', '', '', '', '']);
    }
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    console.log(`\nSite build (${runs} run${runs > 1 ? 's, medians' : ''}, cold, ${os.availableParallelism()} cores; "others' CPU" is what processes outside the bench used during the step, as a share of all cores)`);
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
    for (const r of results) console.log(`${r.articles} articles, where our build's time went — cold: ${r.ours.steps ?? '?'} · one article edited: ${r.incremental.steps ?? '?'}`);
    if (results.length > 1) {
      const [small, large] = [results[0]!, largest];
      // Linear growth keeps memory per article constant: compare the growth with the growth in articles.
      const growth = (pick: (r: SizeResult) => number | undefined) => {
        const [a, b] = [pick(small), pick(large)];
        return a && b ? `${(b / a).toFixed(2)}× for ${(large.articles / small.articles).toFixed(2)}× the articles` : '—';
      };
      console.log(`\nPeak RSS growth ${small.articles} → ${large.articles}: ours ${growth((r) => r.ours.peakRssMb)} · bare ${growth((r) => r.bare.peakRssMb)} · Starlight ${growth((r) => r.starlight?.peakRssMb)}`);
      console.log(`Wall time growth ${small.articles} → ${large.articles}: ours ${growth((r) => r.ours.ms)} · bare ${growth((r) => r.bare.ms)}`);
    }
    console.log(`Unchanged repository, turbo cache: ${(extras.turboCachedMs / 1000).toFixed(2)} s`);
    console.log(`\nkb import of the corpus (${extras.importedArticles} articles): ${(extras.importMs / 1000).toFixed(1)} s · kb check on the ${largest.articles}: ${(extras.kbCheckMs / 1000).toFixed(1)} s`);
    console.log(`public Pagefind index: ${(extras.pagefindPublicBytes / 1024).toFixed(0)} KB · one search transfers: ${extras.searchBytes === undefined ? 'n/a (no Chromium)' : `${(extras.searchBytes / 1024).toFixed(0)} KB`} · article page JS: ${extras.articleJsGzipBytes} B gzip`);
    await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
    await writeFile(path.join(repoRoot, 'bench/results/site.json'), `${JSON.stringify({ date: new Date().toISOString(), runs, results, extras }, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
