// The site benchmark (issue 6, DESIGN.md contract 5): imports the real corpus, then builds our two sites and the two
// baselines — a bare Astro + MDX site with Pagefind, and a default Starlight site — from the same articles, and prints
// each figure beside both baselines. Sizes and runs: BENCH_SITE_SIZES (default "3152,31520": the corpus and ten times it under
// renamed slugs and titles), BENCH_SITE_RUNS (default 3, medians). Also: the rebuild after editing one article (cache kept) against the cold build, the turbo-cached rebuild
// of the repository, how time and peak memory grow with the number of articles, the bytes of a first search and a
// case-form session, `kb check` time and `kb link` throughput at each size. The table is printed by report.ts.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../corpus-root.ts';
import { importKnowledgeBase } from '@nimbus/importer';
import { startLoadCount, waitForIdle, type LoadFigures } from './machine-load.ts';
import type { BrowserBytes } from './browser-bytes.ts';
import { generateCases } from '../case-index/generate-cases.ts';

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
    // Body links to articles outside the subset become their text (a smaller KB would not link them).
    const linked = trimmed.replace(/\[([^\]]*)\]\(\/articles\/([^/)#]+\/[^/)#]+)\/[^)]*\)/g, (link: string, text: string, id: string) => (ids.has(id) ? link : text));
    await mkdir(path.dirname(path.join(into, 'articles/en', file)), { recursive: true });
    await writeFile(path.join(into, 'articles/en', file), linked);
  }
  // Larger than the corpus (31,520 = ten times): more copies of every article under renamed slugs and titles, their
  // `related` entries and body links pointing into the same copy, so the text stays real and the links resolve.
  // A last, partial copy links its articles within itself where it has them and to the original otherwise.
  let written = files.length;
  for (let copy = 2; written < size; copy++) {
    const inCopy = files.slice(0, size - written);
    const copied = new Set(inCopy.map((file) => file.replace(/\.mdx$/, '')));
    for (const file of inCopy) {
      const rename = (id: string) => (copied.has(id) ? `${id}-copy-${copy}` : id);
      const source = await readFile(path.join(into, 'articles/en', file), 'utf8');
      const renamed = source
        .replace(/^title: (['"]?)/m, (_, quote: string) => `title: ${quote}(copy ${copy}) `)
        .replace(/^related:\n((?:  - .*\n)+)/m, (block: string) => block.replace(/^(  - ["']?)([^"'\n]+)/gm, (_, lead: string, id: string) => `${lead}${rename(id)}`))
        .replace(/\]\(\/articles\/([^/)#]+\/[^/)#]+)\//g, (_, id: string) => `](/articles/${rename(id)}/`);
      await writeFile(path.join(into, 'articles/en', file.replace(/\.mdx$/, `-copy-${copy}.mdx`)), renamed);
    }
    written += inCopy.length;
  }
  return written;
}

type Built = Measure & { pages: number };

interface SizeResult {
  articles: number;
  /** Our rebuild after editing one article, with the cache of the last cold build kept (sizes up to the corpus). */
  incremental?: Measure;
  /** The same in the preview profile (apps/site/scripts/build-profile.ts): its cold build, then the edit. */
  preview?: { cold: Measure; incremental?: Measure };
  ours?: Built;
  /** Bare Astro + MDX + Pagefind on our build's input: the imported articles (.mdx). */
  bare?: Built;
  /** The same bare site on the corpus Markdown as it is (.md). */
  bareCorpus?: Built;
  starlight?: Built;
  /** Why a step has no figure: skipped (and why) or failed (its last output lines, e.g. out of memory). */
  notes: Record<string, string>;
  /** `kb check` over this size's content (its own process, wall time). */
  kbCheck?: Measure;
  /** What a customer's browser downloads from our public site at this size. */
  bytes?: BrowserBytes;
  /** `kb link` in one process over generated cases against this size's articles. */
  link?: { cases: number; cold: Measure; warm: Measure; casesPerSecond: number };
}

/**
 * The first `size` corpus Markdown files by path, as they are (the corpus itself when that is all of it); beyond the
 * corpus, renamed copies (slug `-copy-N`, title "(copy N) …") as `subset` makes of the imported articles.
 */
async function corpusSubset(size: number, into: string): Promise<string> {
  const files = (await readdir(corpus, { recursive: true })).map(String).filter((name) => name.endsWith('.md')).sort();
  if (size === files.length) return corpus;
  await rm(into, { recursive: true, force: true });
  for (const file of files.slice(0, size)) await cp(path.join(corpus, file), path.join(into, file));
  let written = Math.min(size, files.length);
  for (let copy = 2; written < size; copy++) {
    for (const file of files) {
      if (written >= size) break;
      const source = await readFile(path.join(corpus, file), 'utf8');
      const renamed = source.replace(/^title: (['"]?)/m, (_, quote: string) => `title: ${quote}(copy ${copy}) `);
      await writeFile(path.join(into, file.replace(/\.md$/, `-copy-${copy}.md`)), renamed);
      written++;
    }
  }
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

/** A failed step's last lines, enough to tell out-of-memory from another failure. */
function failure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const oom = lines.find((line) => /heap out of memory|out of memory|ENOMEM|Killed|signal SIGKILL/i.test(line));
  return `failed${oom ? ` (${oom.trim().slice(0, 160)})` : ''}: ${lines.slice(-3).join(' / ').slice(0, 400)}`;
}

/** Runs a timed step; a failure is recorded in `notes` instead of ending the bench, so the other rows still print. */
async function attempt<T>(notes: Record<string, string>, name: string, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    notes[name] = failure(error);
    console.error(`site bench: ${name} ${notes[name]}`);
    return undefined;
  }
}

async function benchSize(imported: string, size: number, work: string, runs: number, corpusCount: number, saveProgress: (partial: SizeResult) => Promise<void>): Promise<SizeResult> {
  const content = path.join(work, `content-${size}`);
  const articles = await subset(imported, size, content);
  const corpusContent = await corpusSubset(size, path.join(work, `corpus-${size}`));
  const out = path.join(work, `out-${size}`);
  const ourBuild = (profile: 'production' | 'preview' = 'production') => {
    const dir = path.join(out, profile === 'production' ? 'ours' : 'ours-preview');
    return measure([path.join(repoRoot, 'apps/site/scripts/build.ts')], path.join(repoRoot, 'apps/site'), {
      KB_CONTENT_DIR: content,
      KB_PUBLIC_OUT: path.join(dir, 'dist'),
      KB_INTERNAL_OUT: path.join(dir, 'dist-internal'),
      KB_CACHE_DIR: path.join(dir, 'cache'),
      KB_BUILD_PROFILE: profile,
    });
  };
  // Beyond the corpus size the .mdx and Starlight baselines are left out by default: at 3,152 they take about three
  // times the bare .md site, which is the floor (README), and ten times that is hours on a shared machine.
  const allBaselines = size <= Number(process.env.BENCH_SITE_ALL_BASELINES_UP_TO ?? corpusCount);
  const withStarlight = process.env.BENCH_SITE_STARLIGHT !== '0' && allBaselines;
  const notes: Record<string, string> = {};
  if (!allBaselines) notes.bare = notes.starlight = `skipped above ${corpusCount} articles (BENCH_SITE_ALL_BASELINES_UP_TO)`;
  else if (!withStarlight) notes.starlight = 'skipped (BENCH_SITE_STARLIGHT=0)';
  const results: { ours: Measure[]; bare: Measure[]; bareCorpus: Measure[]; starlight: Measure[] } = { ours: [], bare: [], bareCorpus: [], starlight: [] };
  const summary = (list: Measure[]) => {
    const middle = [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)]!;
    return { ms: middle.ms, peakRssMb: median(list.map((m) => m.peakRssMb)), load: middle.load, ...(middle.steps ? { steps: middle.steps } : {}) };
  };
  const result: SizeResult = { articles, notes };
  const record = async (key: 'ours' | 'bare' | 'bareCorpus' | 'starlight', dirs: string[]) => {
    if (results[key].length === 0) return;
    let pages = 0;
    for (const dir of dirs) pages += existsSync(dir) ? await countHtml(dir) : 0;
    result[key] = { ...summary(results[key]), pages };
    await saveProgress(result);
  };
  const afterOurBuild = async () => {
    const bytes = await attempt(notes, 'bytes', async () => (await import('./browser-bytes.ts')).browserBytes(path.join(out, 'ours/dist')));
    if (bytes) result.bytes = bytes;
    result.kbCheck = await attempt(notes, 'kbCheck', () => measure([path.join(repoRoot, 'packages/cli/bin/kb.js'), 'check', '--content', content, '--format', 'json'], repoRoot, {}));
    const link = await attempt(notes, 'link', () => linkThroughput(corpusContent, work, size));
    if (link) result.link = link;
    await saveProgress(result);
  };
  const push = (list: Measure[]) => (m: Measure | undefined) => void (m && list.push(m));
  for (let run = 0; run < runs; run++) {
    // Cold every time: no Astro cache, no turbo cache; each step starts on an idle machine when there is one.
    await rm(out, { recursive: true, force: true });
    push(results.ours)(await attempt(notes, 'ours', () => ourBuild()));
    await record('ours', [path.join(out, 'ours/dist'), path.join(out, 'ours/dist-internal')]);
    // What depends on our output only is measured after the first build: at 31,520 the baselines take the longest.
    if (run === 0 && result.ours) await afterOurBuild();
    if (allBaselines) {
      push(results.bare)(await attempt(notes, 'bare', () => bareBuild(path.join(content, 'articles/en'), path.join(out, 'bare'), path.join(out, 'bare-cache'))));
      await record('bare', [path.join(out, 'bare')]);
    }
    push(results.bareCorpus)(await attempt(notes, 'bareCorpus', () => bareBuild(corpusContent, path.join(out, 'bare-corpus'), path.join(out, 'bare-corpus-cache'))));
    await record('bareCorpus', [path.join(out, 'bare-corpus')]);
    if (!withStarlight) continue;
    const starlightDir = path.join(baselines, 'starlight');
    const docs = path.join(starlightDir, 'src/content/docs');
    await rm(docs, { recursive: true, force: true });
    await cp(path.join(content, 'articles/en'), docs, { recursive: true });
    push(results.starlight)(await attempt(notes, 'starlight', () => measure([astroBin, 'build', '--silent'], starlightDir, { BENCH_OUT: path.join(out, 'starlight'), BENCH_CACHE: path.join(out, 'starlight-cache') })));
    await rm(docs, { recursive: true, force: true });
    await record('starlight', [path.join(out, 'starlight')]);
  }
  if (!result.ours) return result;
  if (size > corpusCount && process.env.BENCH_SITE_INCREMENTAL_ALL !== '1') {
    notes.incremental = `skipped above ${corpusCount} articles (BENCH_SITE_INCREMENTAL_ALL=1 runs it)`;
    return result;
  }
  // An author fixes one article and previews: same content folder, same cache, one file changed. The article is the
  // first one both sites show (validated, public): an internal-only one would leave the public site reused whole and
  // flatter the figure with half the work.
  const edited = await firstArticleOfBothSites(path.join(content, 'articles/en'));
  // The sentence goes into the article's first section, text every index reads: appended at the end it lands in a
  // related-links section the search index leaves out, and the index would be reused whole (a flattering edit).
  const edit = async (sentence: string) => {
    const text = await readFile(edited, 'utf8');
    const heading = /^## .*$/m.exec(text);
    const at = heading ? heading.index + heading[0].length : text.length;
    await writeFile(edited, `${text.slice(0, at)}\n\n${sentence}\n${text.slice(at)}`);
  };
  await edit('One more sentence from the author.');
  result.incremental = await attempt(notes, 'incremental', () => ourBuild());
  await saveProgress(result);
  // The preview profile, in an output and cache of its own: its cold build of the edited content, then a second edit.
  const previewCold = await attempt(notes, 'preview', () => ourBuild('preview'));
  if (previewCold) {
    await edit('And a second one.');
    const previewEdit = await attempt(notes, 'previewIncremental', () => ourBuild('preview'));
    result.preview = { cold: previewCold, ...(previewEdit ? { incremental: previewEdit } : {}) };
    await saveProgress(result);
  }
  return result;
}

/** The first article (path order) that both sites show: validated and public. */
async function firstArticleOfBothSites(articles: string): Promise<string> {
  const files = (await readdir(articles, { recursive: true })).map(String).filter((name) => name.endsWith('.mdx')).sort();
  for (const file of files) {
    const text = await readFile(path.join(articles, file), 'utf8');
    if (/^state: validated$/m.test(text) && /^visibility: public$/m.test(text)) return path.join(articles, file);
  }
  throw new Error(`No validated public article in ${articles} to edit`);
}

/**
 * `kb link` in one process over generated cases against this size's articles (.md): once with the index built cold,
 * then again from its index cache, which is the linking throughput itself.
 */
async function linkThroughput(articlesDir: string, work: string, size: number): Promise<{ cases: number; cold: Measure; warm: Measure; casesPerSecond: number }> {
  const cases = Number(process.env.BENCH_SITE_LINK_CASES ?? 5000);
  const file = path.join(work, `cases-${size}.jsonl`);
  await generateCases(articlesDir, file, cases);
  const link = () => measure([path.join(repoRoot, 'packages/cli/bin/kb.js'), 'link', '--articles', articlesDir, '--cases', file, '--format', 'jsonl', '--index-cache', path.join(work, `link-cache-${size}`)], repoRoot, {});
  const cold = await link();
  const warm = await link();
  return { cases, cold, warm, casesPerSecond: Math.round(cases / (warm.ms / 1000)) };
}

export async function run(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`site: skipped, no corpus at ${corpus}`);
    return;
  }
  // BENCH_SITE_RESULTS: where the results go (default bench/results/site.json), e.g. to run sizes in separate processes.
  const resultsFile = path.resolve(repoRoot, process.env.BENCH_SITE_RESULTS ?? 'bench/results/site.json');
  if (process.env.BENCH_SITE_REPORT) {
    // Prints the table again from saved results without building anything: "1" for the results file, or a
    // comma-separated list of results files whose sizes are shown together.
    const files = process.env.BENCH_SITE_REPORT === '1' ? [resultsFile] : process.env.BENCH_SITE_REPORT.split(',').map((file) => path.resolve(file));
    const saved = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8'))));
    const linkShardsFile = path.join(repoRoot, 'bench/results/link-shards.json');
    return (await import('./report.ts')).printReport(saved, existsSync(linkShardsFile) ? JSON.parse(await readFile(linkShardsFile, 'utf8')) : undefined);
  }
  const sizes = (process.env.BENCH_SITE_SIZES ?? '3152,31520').split(',').map(Number).filter((n) => n > 0);
  const runs = Math.max(1, Number(process.env.BENCH_SITE_RUNS ?? 3));
  // BENCH_SITE_WORK keeps every input and output of the run there (to look at a failure); otherwise a temporary folder.
  const keep = process.env.BENCH_SITE_WORK;
  const work = keep ? path.resolve(keep) : await mkdtemp(path.join(tmpdir(), 'kb-bench-site-'));
  await mkdir(work, { recursive: true });
  try {
    const corpusCount = (await readdir(corpus, { recursive: true })).filter((name) => String(name).endsWith('.md')).length;
    const imported = path.join(work, 'imported');
    const importStarted = performance.now();
    // Published as the corpus is (public, validated where it has a resolution), so the public site has its articles.
    await importKnowledgeBase(corpus, imported, { force: true, state: 'detect', visibility: 'public', reviewed: 'import', owners: { fallback: '@nimbus/kb-maintainers' } });
    const importMs = performance.now() - importStarted;
    const importedCount = (await readdir(path.join(imported, 'articles/en'), { recursive: true })).filter((name) => String(name).endsWith('.mdx')).length;
    const results: SizeResult[] = [];
    const saved = () => ({ date: new Date().toISOString(), runs, cores: os.availableParallelism(), importMs: Math.round(importMs), importedArticles: importedCount, corpusArticles: corpusCount, results });
    const saveProgress = async (partial: SizeResult) => {
      // Written after every step: a run that dies at 31,520 still leaves what it measured.
      await writeFile(path.join(work, 'progress.json'), `${JSON.stringify({ ...saved(), results: [...results, partial] }, null, 2)}\n`);
    };
    for (const size of sizes) {
      results.push(await benchSize(imported, size, work, runs, corpusCount, saveProgress));
      // Each size's outputs go once measured: 31,520 articles' sites are several GB.
      if (!keep) await rm(path.join(work, `out-${size}`), { recursive: true, force: true });
    }

    let turboCachedMs: number | undefined;
    if (process.env.BENCH_SITE_TURBO !== '0') {
      // The repository unchanged: turbo replays the build from its cache (first call fills it if needed).
      const turbo = path.join(repoRoot, 'node_modules/.bin/turbo');
      await measureCommand(turbo, ['run', 'build', '--filter=@nimbus/site'], repoRoot, {});
      turboCachedMs = Math.round((await measureCommand(turbo, ['run', 'build', '--filter=@nimbus/site'], repoRoot, {})).ms);
    }
    const linkShardsFile = path.join(repoRoot, 'bench/results/link-shards.json');
    const linkShards = existsSync(linkShardsFile) ? JSON.parse(await readFile(linkShardsFile, 'utf8')) : undefined;
    const output = { ...saved(), turboCachedMs, linkShards };
    await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
    (await import('./report.ts')).printReport([output]);
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
}
