// Builds both sites: validates content and runbooks once, renders the public and the internal site in two Astro
// processes at once into temporary folders, indexes each with Pagefind, and only then swaps them into dist/ and
// dist-internal/. A failure at any step leaves the previous output untouched.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunbooksDir } from '@nimbus/runbooks';
import { prepareContentInChild } from './prepare-content.ts';
import { indexSite } from './pagefind-index.ts';
import { pruneUnreferencedAssets } from './prune-assets.ts';
import { headersFile } from '../src/lib/csp.ts';

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
 * other's chunks: each site is written inside the project, then moved to its final place.
 */
const astroOutDir = (audience: Audience) => path.join(siteRoot, '.build', audience);

async function astroBuild(audience: Audience, outDir: string, preparedContent: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: siteRoot,
      env: { ...withoutReadApi(process.env, audience), KB_AUDIENCE: audience, KB_OUT_DIR: outDir, KB_PREPARED_CONTENT: preparedContent, KB_CONTENT_DIR: contentDir, KB_RUNBOOKS_DIR: runbooksDir ?? 'none', ASTRO_TELEMETRY_DISABLED: '1' },
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

/** The public site's Astro process never sees the read API's URL or token, so no page can contain them. */
function withoutReadApi(env: NodeJS.ProcessEnv, audience: Audience): NodeJS.ProcessEnv {
  if (audience === 'internal') return env;
  const { KB_EVENTS_READ_URL: _url, KB_EVENTS_READ_TOKEN: _token, ...rest } = env;
  return rest;
}

/**
 * Renders both sites at once, one Astro process each: Astro renders pages on one thread, so two processes use
 * both cores of a small CI machine. Articles were validated once already and are read from `preparedContent`.
 */
async function buildBothSites(preparedContent: string): Promise<Record<Audience, string>> {
  const dirs: Record<Audience, string> = { public: `${outDirs.public}.building`, internal: `${outDirs.internal}.building` };
  for (const dir of Object.values(dirs)) await rm(dir, { recursive: true, force: true });
  const builds = await phase('astro', () =>
    Promise.allSettled(
      (['public', 'internal'] as const).map(async (audience) => {
        await rm(astroOutDir(audience), { recursive: true, force: true });
        await astroBuild(audience, astroOutDir(audience), preparedContent);
        await rm(path.join(astroOutDir(audience), '.prerender'), { recursive: true, force: true });
        await move(astroOutDir(audience), dirs[audience]);
      }),
    ),
  );
  const failed = builds.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  const finishStarted = performance.now();
  const eventsEndpoint = process.env.KB_EVENTS_ENDPOINT || process.env.KB_FEEDBACK_ENDPOINT;
  for (const audience of ['public', 'internal'] as const) {
    // Astro emits the assets of every page module, even of routes without pages in this site (runbooks on the
    // public one): each site keeps only what its pages reach.
    await pruneUnreferencedAssets(dirs[audience]);
    const endpoints = { feedbackEndpoint: eventsEndpoint, caseEndpoint: process.env.KB_CASE_ENDPOINT, eventsReadUrl: audience === 'internal' ? process.env.KB_EVENTS_READ_URL : undefined };
    await writeFile(path.join(dirs[audience], '_headers'), headersFile(endpoints, audience));
    await writeFile(path.join(dirs[audience], 'robots.txt'), robotsTxt(audience));
  }
  phases.push(['finish', performance.now() - finishStarted]);
  return dirs;
}

/** Customers' search engines may crawl the public site; nothing may crawl the internal one. */
function robotsTxt(audience: Audience): string {
  const site = process.env.KB_SITE_URL ?? 'https://support.nimbus.example';
  return audience === 'public' ? `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap-index.xml', site).href}\n` : 'User-agent: *\nDisallow: /\n';
}

async function swapInto(from: string, to: string): Promise<void> {
  const old = `${to}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(to, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(from, to);
  await rm(old, { recursive: true, force: true });
}

/** Wall time of each build step, printed at the end so a slow build shows where its time went. */
const phases: Array<[string, number]> = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push([name, performance.now() - started]);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  for (const dir of Object.values(outDirs)) await mkdir(path.dirname(dir), { recursive: true });
  // Pages read the validated articles from one file instead of parsing and validating every file again.
  const preparedDir = await mkdtemp(path.join(tmpdir(), 'kb-site-'));
  const { dirs, articles } = await (async () => {
    // Unchanged articles are not validated again (their results are kept by content hash between builds).
    const cacheDir = process.env.KB_CACHE_DIR ? path.resolve(process.env.KB_CACHE_DIR) : path.join(siteRoot, 'node_modules/.cache/kb');
    const preparedFile = path.join(preparedDir, 'articles.json');
    const prepared = await phase('validate', () => prepareContentInChild({ contentDir, runbooksDir, cacheFile: path.join(cacheDir, 'validation.json'), preparedFile }));
    for (const line of prepared.warnings) console.warn(line);
    if (prepared.errors.length > 0) {
      for (const line of prepared.errors) console.error(line);
      throw new BuildError(`Build stopped: ${prepared.errors.length} error(s) in the content and runbooks. Fix them and build again; the previous output is unchanged.`);
    }
    return { dirs: await buildBothSites(preparedFile), articles: prepared.articles };
  })().finally(() => rm(preparedDir, { recursive: true, force: true }));
  // Pagefind runs one service per process: index the sites one after the other.
  const indexed = [];
  for (const audience of ['public', 'internal'] as const) {
    indexed.push({ audience, dir: dirs[audience], ...(await phase(`pagefind ${audience}`, () => indexSite(dirs[audience]))) });
  }
  for (const result of indexed) await swapInto(result.dir, outDirs[result.audience]);
  for (const result of indexed) {
    console.log(`${result.audience.padEnd(8)} ${String(result.pages).padStart(5)} pages indexed  → ${path.relative(process.cwd(), outDirs[result.audience])}/`);
  }
  console.log(`Steps: ${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(' · ')}`);
  console.log(`Built ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof BuildError) {
    console.error(error.message);
  } else {
    console.error('Unexpected build failure — please report it with this output:');
    console.error(error);
  }
  process.exitCode = 1;
});
