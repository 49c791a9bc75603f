// Builds both sites: validates content and runbooks once, renders the public and the internal site in two Astro
// processes (at once, or one after the other above a size) into this run's own staging folders, runs each site's
// post-render steps, indexes each with Pagefind in bounded bundles, and only then publishes them as dist/ and dist-internal/ (site-output.ts: one rename(2) each, so there is
// never a moment without a complete site). One build at a time per output (a lock naming its holder); stopping the
// build stops every child; a failure or a kill at any step leaves the previous output untouched.
// Incremental: when only articles changed since the published build (incremental/plan.ts, from the manifest kept
// beside it), a site renders only the pages whose inputs changed and hard-links every other file from the published
// build; a site none of whose articles changed reuses the published build whole. Anything else is a cold build.
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit, { type LimitFunction } from 'p-limit';
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
import { carrySearchRecord, searchIndexWritingDir, writeSearchIndexInChild } from './search-index-files.ts';
import { buildProfile, pagefindBundlePages } from './build-profile.ts';
import { astroBuild, siteEnv as siteEnvOf, type Audience } from './astro-child.ts';
import { BuildError } from './build-error.ts';
import { buildLanes, runLanes } from './build-lanes.ts';
import { collectGarbage } from './collect-garbage.ts';

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

/** The environment of a site's processes (astro-child.ts), for this build's content. */
const siteEnv = (audience: Audience, preparedContent: string) => siteEnvOf(audience, preparedContent, { contentDir, runbooksDir });

/**
 * What may run at once: above {@link SEQUENTIAL_ABOVE} articles one Astro and one search-index process at a time
 * (each holds every article: at 31,520, 1.3 and 1.9 GB), their lanes side by side; above {@link MAX_BUNDLE_PAGES}
 * the Pagefind processes take turns, as their bundles do, so memory stays bounded.
 */
interface Slots {
  large: boolean;
  pagefind: LimitFunction;
}

function buildSlots(articles: number): Slots {
  return { large: articles > Number(process.env.KB_BUILD_SEQUENTIAL_ABOVE ?? SEQUENTIAL_ABOVE), pagefind: pLimit(articles > MAX_BUNDLE_PAGES ? 1 : audiences.length) };
}

/**
 * Renders one site with an Astro process of its own into this run's staging folder of its store; a partial build
 * renders only its plan's pages, a reused site is not rendered at all. Articles were validated once already and are
 * read from `preparedContent`.
 */
async function renderSite(audience: Audience, preparedContent: string, large: boolean): Promise<void> {
  const plan = plans[audience];
  if (plan.mode === 'reuse') return void (facts[audience] = previous[audience]!.manifest!.casesResolved);
  let renderOnly: string | undefined;
  if (plan.mode === 'partial') {
    renderOnly = path.join(runsDir, runId, `render-${audience}.json`);
    await writeFile(renderOnly, JSON.stringify({ pages: plan.pages, searchIndex: false, casesResolved: previous[audience]!.manifest!.casesResolved }));
  }
  const factsFile = path.join(runsDir, runId, `facts-${audience}.json`);
  await astroBuild({ audience, siteRoot, outDir: astroOutDir(audience), env: siteEnv(audience, preparedContent), factsFile, ...(renderOnly ? { renderOnly } : {}), ...(large ? { heapMb: Number(process.env.KB_ASTRO_HEAP_MB ?? ASTRO_HEAP_MB) } : {}) });
  facts[audience] = (JSON.parse(await readFile(factsFile, 'utf8')) as BuildFacts).casesResolved;
  if (plan.mode === 'partial') {
    const before = previous[audience]!.manifest!.casesResolved;
    const moved = Object.keys(facts[audience]!).filter((id) => facts[audience]![id] !== before[id]).length;
    if (moved > 0) console.log(`${audience.padEnd(8)} build: also rendered the pages of ${moved} article(s) whose count of resolved cases moved`);
  }
  await rm(path.join(astroOutDir(audience), '.prerender'), { recursive: true, force: true });
  await moveInto(astroOutDir(audience), staging[audience]);
}

/**
 * Moves every entry of `from` into `to` (made if missing): the site's search index may already be writing its own
 * folder there (the two run at once), so the staging folder is filled rather than replaced.
 */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) await move(path.join(from, name), path.join(to, name));
  await rm(from, { recursive: true, force: true });
}

/**
 * The other sites whose token caches a site's search index reads too: for a cold build every other site (most public
 * articles have the internal text), for a partial one none: its own cache lacks only the edited articles, which cost
 * less to tokenize than the other cache costs to read.
 */
const seedsFor = (audience: Audience): Audience[] => (plans[audience].mode === 'cold' ? audiences.filter((site) => site !== audience) : []);

/**
 * Writes a site's search index into its staging folder (search-index-files.ts) in a process of its own; a reused site
 * keeps the published one (linked with the rest of it).
 */
async function writeSiteSearchIndex(audience: Audience, preparedContent: string, cacheDir: string, fingerprint: string): Promise<void> {
  const cacheFile = (site: Audience) => path.join(cacheDir, `search-tokens-${site}.bin`);
  try {
    if (plans[audience].mode === 'reuse') return void carrySearchRecord({ file: cacheFile(audience), key: fingerprint }, previous[audience]!.dir, staging[audience]);
    const seeds = seedsFor(audience).map(cacheFile);
    const written = await writeSearchIndexInChild(staging[audience], siteEnv(audience, preparedContent), { file: cacheFile(audience), key: fingerprint, seeds });
    if (written.reused) console.log(`${audience.padEnd(8)} search index: ${written.files} files, the last build's whole (the same ${written.documents} documents): nothing built, ${written.linked} files linked`);
    else console.log(`${audience.padEnd(8)} search index: ${written.files} files, ${written.tokenized} of ${written.documents} documents tokenized (the others from the token cache), ${written.linked} files linked from the last build`);
  } catch (error) {
    throw new BuildError((error as Error).message);
  }
}

/**
 * Everything of one site after rendering: a partial or reused site takes the files it did not write from the published
 * build, the post-render steps run, and Pagefind indexes it (pagefind-child.ts: one process per site). A partial build
 * indexes again only the bundles whose pages changed and links the others from the published build.
 */
async function finishSite(audience: Audience, slots: Slots): Promise<void> {
  const plan = plans[audience];
  if (plan.mode !== 'cold') {
    await step(`link ${audience}`);
    // A partial build writes its assets, search shards and Pagefind index whole; a reused site takes everything.
    linked[audience] = await phase(`link ${audience}`, () => linkUnchanged(previous[audience]!.dir, staging[audience], plan.mode === 'partial' ? ['_astro', 'search-index', 'pagefind'] : []));
  }
  for (const [name, run] of postRenderSteps) {
    await step(`${name} ${audience}`);
    await phase(`${name} ${audience}`, () => run(staging[audience], audience));
  }
  await step(`pagefind ${audience}`);
  const manifest = previous[audience]?.manifest;
  if (plan.mode === 'reuse') {
    pagefindPages[audience] = manifest!.pagefindPages;
    pagefindState[audience] = { records: manifest!.pageRecords, bundles: manifest!.bundles };
    return;
  }
  const known = plan.mode === 'partial' ? pick(manifest!.pageRecords, linked[audience] ?? []) : undefined;
  const reuse = plan.mode === 'partial' ? { dir: previous[audience]!.dir, bundles: manifest!.bundles } : undefined;
  const indexed = await slots.pagefind(() => phase(`pagefind ${audience}`, () => indexSiteInChild(staging[audience], { known, previous: reuse, chunkPages: pagefindBundlePages(process.env) })));
  if (plan.mode === 'partial') console.log(`${audience.padEnd(8)} Pagefind: ${indexed.indexed} bundle(s) indexed, ${indexed.reused} linked from the published build`);
  pagefindPages[audience] = indexed.pages;
  pagefindState[audience] = { records: indexed.records, bundles: indexed.bundles };
}

/**
 * Builds both sites from the validated articles: per site its chain (Astro, then {@link finishSite}) and its search
 * index, in lanes (build-lanes.ts).
 */
async function buildBothSites(preparedContent: string, articles: number, cacheDir: string, fingerprint: string): Promise<void> {
  const slots = buildSlots(articles);
  const chain = (audience: Audience) => async () => {
    await phase(`astro ${audience}`, () => renderSite(audience, preparedContent, slots.large));
    await finishSite(audience, slots);
  };
  const searchIndex = (audience: Audience) => phase(`search index ${audience}`, () => writeSiteSearchIndex(audience, preparedContent, cacheDir, fingerprint));
  // Written once, by whichever task asks first. A public index that reads the internal one's tokens (seedsFor) waits
  // for them to be written.
  let internalIndex: Promise<void> | undefined;
  const indexInternal = () => (internalIndex ??= searchIndex('internal'));
  const indexPublic = async () => {
    if (seedsFor('public').includes('internal')) await indexInternal();
    await searchIndex('public');
  };
  await step('astro');
  await step('search index');
  // A site above MAX_BUNDLE_PAGES pages is indexed in bundles too; its article count stands in for its pages here.
  const pagefindWhole = pagefindBundlePages(process.env) === 0 && articles <= MAX_BUNDLE_PAGES;
  const anyCold = plans.public.mode === 'cold' || plans.internal.mode === 'cold';
  const order = !slots.large && (anyCold || pagefindWhole) ? 'chain-beside-index' : 'indexes-together';
  await runLanes(buildLanes({ internalChain: chain('internal'), publicChain: chain('public'), internalIndex: indexInternal, publicIndex: indexPublic }, order));
}

/** Articles above which the two Astro processes run one after the other (KB_BUILD_SEQUENTIAL_ABOVE overrides). */
const SEQUENTIAL_ABOVE = 8000;
/** The heap limit of an Astro process of a large build (KB_ASTRO_HEAP_MB overrides; 0 leaves V8's default). */
const ASTRO_HEAP_MB = 2816;

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
    collectGarbage();
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
 * When each build step ran, from the build's start (steps of the two sites overlap), printed at the end so a slow build
 * shows where its time went; the build's CPU (its whole process tree, step-clock.ts) is printed with its total.
 */
const phases: Array<[name: string, start: number, end: number]> = [];
const buildStarted = performance.now();
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now() - buildStarted;
  try {
    return await work();
  } finally {
    phases.push([name, started, performance.now() - buildStarted]);
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
    await rm(searchIndexWritingDir(staging[audience]), { recursive: true, force: true });
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
const pagefindPages: Partial<Record<Audience, number>> = {};
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
  // `--preview` is KB_BUILD_PROFILE=preview (build-profile.ts); set before the fingerprint reads the settings.
  if (process.argv.includes('--preview')) process.env.KB_BUILD_PROFILE = 'preview';
  try {
    pagefindBundlePages(process.env);
    if (buildProfile(process.env) === 'preview') console.log('Preview build: Pagefind in bundles, so an edit indexes again only the bundle of the edited page');
  } catch (error) {
    throw new BuildError((error as Error).message);
  }
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
  collectGarbage();
  await buildBothSites(preparedFile, prepared.articles, cacheDir, inputs.public.fingerprint);
  await rm(path.join(runsDir, runId), { recursive: true, force: true });
  // What each site was built from goes beside it in its store, before it is published, for the next build to compare.
  for (const audience of audiences) {
    await step(`manifest ${audience}`);
    const manifest: SiteManifest = { version: MANIFEST_VERSION, ...inputs[audience], assetRefs: assetRefs[audience] ?? {}, pagefindPages: pagefindPages[audience] ?? 0, pageRecords: pagefindState[audience]?.records ?? {}, bundles: pagefindState[audience]?.bundles ?? [], casesResolved: facts[audience] ?? {} };
    await phase('manifest', () => writeManifest(manifestFile(outputs[audience].store, runId), manifest));
  }
  for (const audience of audiences) {
    await step(`publish ${audience}`);
    publishing = publish(outputs[audience], staging[audience], runId, step);
    await phase('publish', () => publishing!);
  }
  await step('prune');
  await phase('prune', () => Promise.all(audiences.map((audience) => pruneStore(outputs[audience]))));
  for (const release of releases.splice(0)) await release();
  for (const audience of audiences) {
    console.log(`${audience.padEnd(8)} ${String(pagefindPages[audience]).padStart(5)} pages indexed  → ${path.relative(process.cwd(), outDirs[audience])}/`);
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  // Each step's wall time and when it ran (seconds from the build's start); steps under 50 ms are left out.
  console.log(`Steps: ${phases.filter(([, start, end]) => end - start >= 50).map(([name, start, end]) => `${name} ${seconds(end - start)} s (${seconds(start)}–${seconds(end)})`).join(' · ')}`);
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
