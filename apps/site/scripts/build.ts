// Builds both sites: validates content and runbooks once, renders the public and the internal site in two Astro
// processes (at once, or one after the other above a size) into this run's own staging folders, runs each site's
// post-render steps, indexes each with Pagefind in bounded bundles, and only then publishes them as dist/ and dist-internal/ (site-output.ts: one rename(2) each, so there is
// never a moment without a complete site). One build at a time per output (a lock naming its holder); stopping the
// build stops every child; a failure or a kill at any step leaves the previous output untouched.
// Incremental: when only articles changed since the published build (incremental/plan.ts, from the manifest kept
// beside it), a site renders only the pages whose inputs changed and hard-links every other file from the published
// build; a site none of whose articles changed reuses the published build whole. Anything else is a cold build.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeCpuSeconds } from './step-clock.ts';
import { defaultRunbooksDir } from '@nimbus/runbooks';
import { prepareContentInChild } from './prepare-content.ts';
import { MAX_BUNDLE_PAGES, type BundleRecord, type IndexedPage } from './pagefind-index.ts';
import { indexSiteInChild } from './pagefind-child.ts';
import { pruneUnreferencedAssets } from './prune-assets.ts';
import { headersFile } from '../src/lib/csp.ts';
import { acquireLock, LockBusyError } from './build-lock.ts';
import { isRunAlive, newRunId } from './build-run.ts';
import { nodeOptionsForChildren, stopDescendants, watchLaunchers } from './build-children.ts';
import { currentBuild, lockFile, pruneStore, publish, recover, siteOutput, stagingDir } from './site-output.ts';
import { buildFingerprint } from './incremental/fingerprint.ts';
import { manifestFile, MANIFEST_VERSION, readManifest, readPreparedArticles, siteInputs, writeManifest, type SiteInputs, type SiteManifest } from './incremental/manifest.ts';
import { planSite, type SitePlan } from './incremental/plan.ts';
import { linkUnchanged } from './incremental/assemble.ts';
import type { BuildFacts } from '../src/lib/render-filter.ts';
import { placeLocalized404 } from './localized-404.ts';
import { writeSearchIndexInChild } from './search-index-files.ts';

type Audience = 'public' | 'internal';
const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultContentDir = path.join(siteRoot, '../../content');
const contentDir = path.resolve(process.env.KB_CONTENT_DIR ?? defaultContentDir);
// The repository's runbooks go with the repository's content: another content folder brings its own runbooks
// (KB_RUNBOOKS_DIR) or none, since the repository's runbooks link articles it does not have.
const runbooksDir = process.env.KB_RUNBOOKS_DIR || (contentDir === path.resolve(defaultContentDir) ? defaultRunbooksDir() : undefined);
// KB_PUBLIC_OUT / KB_INTERNAL_OUT / KB_CACHE_DIR let tests build planted content without touching the real output.
const outDirs: Record<Audience, string> = {
  public: path.resolve(process.env.KB_PUBLIC_OUT ?? path.join(siteRoot, 'dist')),
  internal: path.resolve(process.env.KB_INTERNAL_OUT ?? path.join(siteRoot, 'dist-internal')),
};
const audiences = ['public', 'internal'] as const;
const outputs = { public: siteOutput(outDirs.public), internal: siteOutput(outDirs.internal) };
const repoRoot = path.resolve(siteRoot, '../..');
const astroBin = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

class BuildError extends Error {}

/** Moves a folder, across file systems if it must. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Where an Astro process writes. Astro keeps its prerender chunks in `<outDir>/.prerender/`, but in
 * `<cwd>/.astro/` when the output folder lies outside the project, where two builds at once would overwrite each
 * other's chunks: each site is written inside the project, under this run's own name, then moved to its store.
 */
const runId = newRunId();
const runsDir = path.join(siteRoot, '.build');
const staging: Record<Audience, string> = { public: stagingDir(outputs.public, runId), internal: stagingDir(outputs.internal, runId) };
const astroOutDir = (audience: Audience) => path.join(runsDir, runId, audience);

/** Runs Astro for one site; `renderOnly` names the file listing the pages of a partial build (lib/render-filter.ts). */
async function astroBuild(audience: Audience, outDir: string, preparedContent: string, factsFile: string, renderOnly?: string, heapMb?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...siteEnv(audience, preparedContent), KB_OUT_DIR: outDir, KB_BUILD_FACTS: factsFile, ASTRO_TELEMETRY_DISABLED: '1' };
    // V8 lets a heap grow toward its default limit (about 4 GB here) before collecting hard: a lower limit makes it
    // collect sooner, so a large build's process stays near what it really holds.
    if (heapMb) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim();
    if (renderOnly) env.KB_RENDER_ONLY = renderOnly;
    else delete env.KB_RENDER_ONLY;
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: siteRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BuildError(`The ${audience} site failed to build:\n${output.trim()}`));
    });
  });
}

/**
 * The environment of a site's processes (Astro, the search index): its audience and the validated articles. The
 * search index is written by the build (search-index-files.ts), not by Astro's endpoint.
 */
function siteEnv(audience: Audience, preparedContent: string): NodeJS.ProcessEnv {
  return { ...withoutReadApi(process.env, audience), KB_AUDIENCE: audience, KB_PREPARED_CONTENT: preparedContent, KB_CONTENT_DIR: contentDir, KB_RUNBOOKS_DIR: runbooksDir ?? 'none', KB_SEARCH_INDEX_BY_BUILD: '1' };
}

/** The public site's Astro process never sees the read API's URL or token, so no page can contain them. */
function withoutReadApi(env: NodeJS.ProcessEnv, audience: Audience): NodeJS.ProcessEnv {
  if (audience === 'internal') return env;
  const { KB_EVENTS_READ_URL: _url, KB_EVENTS_READ_TOKEN: _token, ...rest } = env;
  return rest;
}

/**
 * Renders both sites, one Astro process each: Astro renders pages on one thread, so two processes at once use
 * both cores of a small CI machine; above a size they take turns, so only one holds every article in memory. Articles were validated once already and are read from `preparedContent`.
 * Each site lands in this run's staging folder of its store; a partial build renders only its plan's pages, a reused
 * site is not rendered at all.
 */
async function renderBothSites(preparedContent: string, articles: number): Promise<void> {
  // Each Astro process holds every article (≈ 3 GB at 31,520): above a size they run one after the other, so the
  // build's memory is one process's, not two.
  const sequential = articles > Number(process.env.KB_BUILD_SEQUENTIAL_ABOVE ?? SEQUENTIAL_ABOVE);
  const builds = await phase('astro', () =>
    settleEach(
      sequential,
      audiences.map((audience) => async () => {
        const plan = plans[audience];
        if (plan.mode === 'reuse') return void (facts[audience] = previous[audience]!.manifest!.casesResolved);
        let renderOnly: string | undefined;
        if (plan.mode === 'partial') {
          renderOnly = path.join(runsDir, runId, `render-${audience}.json`);
          await writeFile(renderOnly, JSON.stringify({ pages: plan.pages, searchIndex: false, casesResolved: previous[audience]!.manifest!.casesResolved }));
        }
        const factsFile = path.join(runsDir, runId, `facts-${audience}.json`);
        await astroBuild(audience, astroOutDir(audience), preparedContent, factsFile, renderOnly, sequential ? Number(process.env.KB_ASTRO_HEAP_MB ?? ASTRO_HEAP_MB) : undefined);
        facts[audience] = (JSON.parse(await readFile(factsFile, 'utf8')) as BuildFacts).casesResolved;
        if (plan.mode === 'partial') {
          const before = previous[audience]!.manifest!.casesResolved;
          const moved = Object.keys(facts[audience]!).filter((id) => facts[audience]![id] !== before[id]).length;
          if (moved > 0) console.log(`${audience.padEnd(8)} build: also rendered the pages of ${moved} article(s) whose count of resolved cases moved`);
        }
        await rm(path.join(astroOutDir(audience), '.prerender'), { recursive: true, force: true });
        await mkdir(outputs[audience].store, { recursive: true });
        await move(astroOutDir(audience), staging[audience]);
      }),
    ),
  );
  const failed = builds.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Writes each rendered site's search index into its staging folder (search-index-files.ts), one process per site, at
 * once or one after the other as the Astro processes ran; a reused site keeps the published one.
 */
async function writeBothSearchIndexes(preparedContent: string, articles: number, cacheDir: string, fingerprint: string): Promise<void> {
  const sequential = articles > Number(process.env.KB_BUILD_SEQUENTIAL_ABOVE ?? SEQUENTIAL_ABOVE);
  const written = await settleEach(
    sequential,
    audiences
      .filter((audience) => plans[audience].mode !== 'reuse')
      .map((audience) => async () => {
        const written = await writeSearchIndexInChild(staging[audience], siteEnv(audience, preparedContent), { file: path.join(cacheDir, `search-tokens-${audience}.bin`), key: fingerprint });
        console.log(`${audience.padEnd(8)} search index: ${written.files} files, ${written.tokenized} of ${written.documents} documents tokenized (the others from the token cache), ${written.linked} files linked from the last build`);
      }),
  );
  const failed = written.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw new BuildError((failed.reason as Error).message);
}

/** Articles above which the two Astro processes run one after the other (KB_BUILD_SEQUENTIAL_ABOVE overrides). */
const SEQUENTIAL_ABOVE = 8000;
/** The heap limit of an Astro process of a large build (KB_ASTRO_HEAP_MB overrides; 0 leaves V8's default). */
const ASTRO_HEAP_MB = 2816;

/** Runs `tasks` at once, or one after the other; settles like Promise.allSettled (a sequential run stops at a failure). */
async function settleEach(sequential: boolean, tasks: Array<() => Promise<void>>): Promise<PromiseSettledResult<void>[]> {
  if (!sequential) return Promise.allSettled(tasks.map((task) => task()));
  const settled: PromiseSettledResult<void>[] = [];
  for (const task of tasks) {
    try {
      settled.push({ status: 'fulfilled', value: await task() });
    } catch (reason) {
      settled.push({ status: 'rejected', reason });
      break;
    }
  }
  return settled;
}

/**
 * Per-site post-render steps: each runs on a rendered site, in order, before Pagefind indexes it. A step that adds
 * files every page or the index needs (search shards, say) goes here.
 */
/** Where a site's pages may connect: the event collector for both, its read API only for the internal site. */
function siteEndpoints(audience: Audience) {
  return {
    feedbackEndpoint: process.env.KB_EVENTS_ENDPOINT || process.env.KB_FEEDBACK_ENDPOINT,
    caseEndpoint: process.env.KB_CASE_ENDPOINT,
    eventsReadUrl: audience === 'internal' ? process.env.KB_EVENTS_READ_URL : undefined,
  };
}

const postRenderSteps: Array<[name: string, run: (dir: string, audience: Audience) => Promise<void>]> = [
  // Astro emits the assets of every page module, even of routes without pages in this site (runbooks on the
  // public one): each site keeps only what its pages reach. Pages taken from the published build are not read again.
  ['prune assets', async (dir, audience) => {
    const plan = plans[audience];
    if (plan.mode === 'reuse') return void (assetRefs[audience] = previous[audience]!.manifest!.assetRefs);
    const known = plan.mode === 'partial' ? linkedPageRefs(previous[audience]!.manifest!.assetRefs, linked[audience] ?? []) : {};
    assetRefs[audience] = (await pruneUnreferencedAssets(dir, known)).pageRefs;
  }],
  ['headers', (dir, audience) => writeFile(path.join(dir, '_headers'), headersFile(siteEndpoints(audience), audience))],
  ['robots.txt', (dir, audience) => writeFile(path.join(dir, 'robots.txt'), robotsTxt(audience))],
  ['zh-TW 404', (dir) => placeLocalized404(dir)],
];

/** The asset references, as the published build's manifest has them, of the pages a partial build linked from it. */
function linkedPageRefs(refs: Record<string, string[]>, linkedFiles: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(linkedFiles.filter((file) => Object.hasOwn(refs, file)).map((file) => [file, refs[file]!]));
}

/** Customers' search engines may crawl the public site; nothing may crawl the internal one. */
function robotsTxt(audience: Audience): string {
  const site = process.env.KB_SITE_URL ?? 'https://support.nimbus.example';
  return audience === 'public' ? `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap-index.xml', site).href}\n` : 'User-agent: *\nDisallow: /\n';
}

/**
 * Wall and CPU time of each build step (CPU: the build's process tree, step-clock.ts), printed at the end so a slow
 * build shows where its time went, also on a machine shared with other work.
 */
const phases: Array<[string, number, number]> = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpuStarted = treeCpuSeconds();
  try {
    return await work();
  } finally {
    phases.push([name, performance.now() - started, treeCpuSeconds() - cpuStarted]);
  }
}

/**
 * Test hooks, so kill tests can land on a step: with KB_BUILD_TEST_STEP_DELAY_MS set, prints each step as it starts
 * and waits there; with KB_BUILD_TEST_PAUSE_AT=<step>, prints each step and stops at that one until a signal ends it
 * or SIGUSR2 lets it go on.
 */
const testStepDelay = Number(process.env.KB_BUILD_TEST_STEP_DELAY_MS ?? 0);
const testPauseAt = process.env.KB_BUILD_TEST_PAUSE_AT;
async function step(name: string): Promise<void> {
  if (stopping) throw new StoppedError();
  if (!process.env.KB_BUILD_TEST_STEP_DELAY_MS && !testPauseAt) return;
  console.log(`[build step] ${name}`);
  if (name === testPauseAt) {
    await new Promise<void>((resolve) => {
      // The timer keeps the process alive while it waits.
      const timer = setInterval(() => undefined, 60_000);
      process.once('SIGUSR2', () => resolve(clearInterval(timer)));
    });
  }
  await new Promise((resolve) => setTimeout(resolve, testStepDelay));
  if (stopping) throw new StoppedError();
}

/** Raised inside a build that is being stopped, so nothing after the stop runs. */
class StoppedError extends Error {}
let stopping = false;
let publishing: Promise<void> | undefined;
const releases: Array<() => Promise<void>> = [];

/** Removes what this run wrote and nobody reads (its staging, unless it was published), then lets go of the locks. */
async function cleanUp(): Promise<void> {
  await publishing?.catch(() => undefined);
  await rm(path.join(runsDir, runId), { recursive: true, force: true });
  for (const audience of audiences) {
    if ((await currentBuild(outputs[audience]).catch(() => undefined)) === runId) continue;
    await rm(staging[audience], { recursive: true, force: true });
    await rm(manifestFile(outputs[audience].store, runId), { force: true });
  }
  for (const release of releases.splice(0)) await release();
}

/** Stops the build for good: every child process ends, nothing is published after this, the previous output stays. */
function stop(reason: string, exitCode: number): void {
  if (stopping) return;
  stopping = true;
  console.error(`Build stopped (${reason}); the output keeps the last complete build.`);
  void (async () => {
    await stopDescendants();
    await cleanUp();
    process.exit(exitCode);
  })();
}

/** Deletes the working folders of build runs that are no longer running (killed, or their machine restarted). */
async function removeDeadRuns(): Promise<void> {
  for (const name of await readdir(runsDir).catch(() => [] as string[])) {
    if (!isRunAlive(name)) await rm(path.join(runsDir, name), { recursive: true, force: true });
  }
}

// How each site is built this run (incremental/plan.ts), what its published build was, and what its pages refer to.
const plans = {} as Record<Audience, SitePlan>;
const previous: Partial<Record<Audience, { dir: string; manifest: SiteManifest | undefined }>> = {};
const assetRefs: Partial<Record<Audience, Record<string, string[]>>> = {};
const facts: Partial<Record<Audience, Record<string, number>>> = {};
const linked: Partial<Record<Audience, string[]>> = {};
const pagefindState: Partial<Record<Audience, { records: Record<string, IndexedPage>; bundles: BundleRecord[] }>> = {};

/** The entries of `record` named in `keys` (Unix-style relative paths). */
function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  const picked: Record<string, T> = {};
  for (const key of keys) {
    const name = key.split(path.sep).join('/');
    if (Object.hasOwn(record, name)) picked[name] = record[name]!;
  }
  return picked;
}

/**
 * Compares this build's inputs with the manifest of each published site and plans each site (cold, partial or reuse).
 * KB_BUILD_COLD=1 forces a cold build.
 */
async function planSites(preparedFile: string): Promise<Record<Audience, SiteInputs>> {
  const entries = await readPreparedArticles(preparedFile);
  const fingerprint = await buildFingerprint({ repoRoot, siteRoot, contentDir, runbooksDir, env: process.env });
  const inputs = {} as Record<Audience, SiteInputs>;
  for (const audience of audiences) {
    inputs[audience] = siteInputs(fingerprint, entries, audience);
    const published = await currentBuild(outputs[audience]).catch(() => undefined);
    if (published) previous[audience] = { dir: path.join(outputs[audience].store, published), manifest: await readManifest(manifestFile(outputs[audience].store, published)) };
    plans[audience] = process.env.KB_BUILD_COLD ? { mode: 'cold', reason: 'KB_BUILD_COLD is set' } : await planSite(previous[audience], inputs[audience], entries);
    const plan = plans[audience];
    const said = plan.mode === 'cold' ? `cold (${plan.reason})` : plan.mode === 'reuse' ? 'reused whole (none of its articles changed)' : `incremental: ${plan.pages.length} pages rendered (${plan.articlePages} article pages, for ${plan.changedArticles} changed article${plan.changedArticles === 1 ? '' : 's'}), the rest linked from the published build`;
    console.log(`${audience.padEnd(8)} build: ${said}`);
  }
  return inputs;
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpuAtStart = treeCpuSeconds();
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => stop(name, 128 + (name === 'SIGINT' ? 2 : name === 'SIGTERM' ? 15 : 1)));
  watchLaunchers((comm, pid) => stop(`${comm} (pid ${pid}) above this build has exited`, 1));
  // Every Node child (validation, Astro) inherits this and ends when this process dies without stopping it.
  process.env.NODE_OPTIONS = nodeOptionsForChildren();
  // Both outputs locked, in a fixed order so two builds never each hold one; then what killed builds left is repaired.
  const lockWaitMs = Number(process.env.KB_BUILD_LOCK_WAIT_S ?? 900) * 1000;
  for (const output of [...new Set(audiences.map((audience) => outputs[audience]))].sort((a, b) => a.out.localeCompare(b.out))) {
    await mkdir(path.dirname(output.out), { recursive: true });
    releases.push(await acquireLock(lockFile(output), lockWaitMs, (line) => console.error(line)));
  }
  await step('locked');
  for (const audience of audiences) {
    await recover(outputs[audience]);
    await pruneStore(outputs[audience]);
  }
  await removeDeadRuns();
  await step('validate');
  // Pages read the validated articles from one file instead of parsing and validating every file again.
  const preparedFile = path.join(runsDir, runId, 'articles.json');
  await mkdir(path.dirname(preparedFile), { recursive: true });
  // Unchanged articles are not validated again (their results are kept by content hash between builds).
  const cacheDir = process.env.KB_CACHE_DIR ? path.resolve(process.env.KB_CACHE_DIR) : path.join(siteRoot, 'node_modules/.cache/kb');
  const prepared = await phase('validate', () => prepareContentInChild({ contentDir, runbooksDir, cacheFile: path.join(cacheDir, 'validation.json'), preparedFile }));
  for (const line of prepared.warnings) console.warn(line);
  if (prepared.errors.length > 0) {
    for (const line of prepared.errors) console.error(line);
    throw new BuildError(`Build stopped: ${prepared.errors.length} error(s) in the content and runbooks. Fix them and build again; the previous output is unchanged.`);
  }
  await step('plan');
  const inputs = await phase('plan', () => planSites(preparedFile));
  await step('astro');
  await renderBothSites(preparedFile, prepared.articles);
  await step('search index');
  await phase('search index', () => writeBothSearchIndexes(preparedFile, prepared.articles, cacheDir, inputs.public.fingerprint));
  await rm(path.join(runsDir, runId), { recursive: true, force: true });
  for (const audience of audiences) {
    const plan = plans[audience];
    if (plan.mode === 'cold') continue;
    await step(`link ${audience}`);
    // A partial build writes its assets, search shards and Pagefind index whole; a reused site takes everything.
    linked[audience] = await phase('link', () => linkUnchanged(previous[audience]!.dir, staging[audience], plan.mode === 'partial' ? ['_astro', 'search-index', 'pagefind'] : []));
  }
  for (const audience of audiences) {
    for (const [name, run] of postRenderSteps) {
      await step(`${name} ${audience}`);
      await phase(name, () => run(staging[audience], audience));
    }
  }
  // Pagefind: one process per site (pagefind-child.ts), both at once while every site is one index — each service
  // keeps about one core busy — and one after the other above that, as their bundles are, so memory stays bounded.
  // A partial build indexes again only the bundles whose pages changed and links the others from the published build.
  const pages: Partial<Record<Audience, number>> = {};
  const indexing: Array<() => Promise<void>> = [];
  for (const audience of audiences) {
    await step(`pagefind ${audience}`);
    const plan = plans[audience];
    const manifest = previous[audience]?.manifest;
    if (plan.mode === 'reuse') {
      pages[audience] = manifest!.pagefindPages;
      pagefindState[audience] = { records: manifest!.pageRecords, bundles: manifest!.bundles };
      continue;
    }
    const known = plan.mode === 'partial' ? pick(manifest!.pageRecords, linked[audience] ?? []) : undefined;
    const reuse = plan.mode === 'partial' ? { dir: previous[audience]!.dir, bundles: manifest!.bundles } : undefined;
    indexing.push(async () => {
      const indexed = await phase(`pagefind ${audience}`, () => indexSiteInChild(staging[audience], { known, previous: reuse, chunkPages: Number(process.env.KB_PAGEFIND_BUNDLE_PAGES ?? 0) }));
      if (plan.mode === 'partial') console.log(`${audience.padEnd(8)} Pagefind: ${indexed.indexed} bundle(s) indexed, ${indexed.reused} linked from the published build`);
      pages[audience] = indexed.pages;
      pagefindState[audience] = { records: indexed.records, bundles: indexed.bundles };
    });
  }
  const indexed = await settleEach(prepared.articles > MAX_BUNDLE_PAGES, indexing);
  const failed = indexed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  // What each site was built from goes beside it in its store, before it is published, for the next build to compare.
  for (const audience of audiences) {
    await step(`manifest ${audience}`);
    const manifest: SiteManifest = { version: MANIFEST_VERSION, ...inputs[audience], assetRefs: assetRefs[audience] ?? {}, pagefindPages: pages[audience] ?? 0, pageRecords: pagefindState[audience]?.records ?? {}, bundles: pagefindState[audience]?.bundles ?? [], casesResolved: facts[audience] ?? {} };
    await writeManifest(manifestFile(outputs[audience].store, runId), manifest);
  }
  for (const audience of audiences) {
    await step(`publish ${audience}`);
    publishing = publish(outputs[audience], staging[audience], runId, step);
    await publishing;
  }
  await step('prune');
  for (const audience of audiences) await pruneStore(outputs[audience]);
  for (const release of releases.splice(0)) await release();
  for (const audience of audiences) {
    console.log(`${audience.padEnd(8)} ${String(pages[audience]).padStart(5)} pages indexed  → ${path.relative(process.cwd(), outDirs[audience])}/`);
  }
  const totals = new Map<string, [number, number]>();
  for (const [name, ms, cpu] of phases) totals.set(name, [(totals.get(name)?.[0] ?? 0) + ms, (totals.get(name)?.[1] ?? 0) + cpu]);
  console.log(`Steps: ${[...totals].map(([name, [ms, cpu]]) => `${name} ${(ms / 1000).toFixed(1)} s (CPU ${cpu.toFixed(1)} s)`).join(' · ')}`);
  console.log(`Built ${prepared.articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${(treeCpuSeconds() - cpuAtStart).toFixed(1)} s, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')})`);
}

main().catch(async (error: unknown) => {
  if (stopping || error instanceof StoppedError) return;
  if (error instanceof BuildError || error instanceof LockBusyError) {
    console.error(error.message);
  } else {
    console.error('Unexpected build failure — please report it with this output:');
    console.error(error);
  }
  process.exitCode = 1;
  await cleanUp();
});
