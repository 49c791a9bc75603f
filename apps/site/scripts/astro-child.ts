// One site's Astro process: its environment (the audience, the validated articles, the content folder; the public
// site never sees the read API's secrets) and the child itself, whose output is kept for the error it may raise.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BuildError } from './build-error.ts';

export type Audience = 'public' | 'internal';

const astroBin = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

/** Where a site's processes read from: the content and runbooks folders the build was given. */
export interface SiteSources {
  contentDir: string;
  /** None for a content folder without runbooks of its own. */
  runbooksDir: string | undefined;
}

/**
 * The environment of a site's processes (Astro, the search index): its audience and the validated articles. The
 * search index is written by the build (search-index-files.ts), not by Astro's endpoint.
 */
export function siteEnv(audience: Audience, preparedContent: string, sources: SiteSources, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...withoutReadApi(env, audience), KB_AUDIENCE: audience, KB_PREPARED_CONTENT: preparedContent, KB_CONTENT_DIR: sources.contentDir, KB_RUNBOOKS_DIR: sources.runbooksDir ?? 'none', KB_SEARCH_INDEX_BY_BUILD: '1' };
}

/** The public site's Astro process never sees the read API's URL or token, so no page can contain them. */
export function withoutReadApi(env: NodeJS.ProcessEnv, audience: Audience): NodeJS.ProcessEnv {
  if (audience === 'internal') return env;
  const { KB_EVENTS_READ_URL: _url, KB_EVENTS_READ_TOKEN: _token, ...rest } = env;
  return rest;
}

/** What {@link astroBuild} runs. */
export interface AstroRun {
  audience: Audience;
  /** The site's project folder (Astro's working directory). */
  siteRoot: string;
  /** Where Astro writes (KB_OUT_DIR). */
  outDir: string;
  /** The site's environment ({@link siteEnv}). */
  env: NodeJS.ProcessEnv;
  /** Where the build's facts go (lib/render-filter.ts). */
  factsFile: string;
  /** The file listing the pages of a partial build (lib/render-filter.ts); every page when absent. */
  renderOnly?: string;
  /** A heap limit in MB, for a large build. */
  heapMb?: number;
}

/** Runs Astro for one site; rejects with a {@link BuildError} holding Astro's output when it fails. */
export function astroBuild(run: AstroRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...run.env, KB_OUT_DIR: run.outDir, KB_BUILD_FACTS: run.factsFile, ASTRO_TELEMETRY_DISABLED: '1' };
    // V8 lets a heap grow toward its default limit (about 4 GB here) before collecting hard: a lower limit makes it
    // collect sooner, so a large build's process stays near what it really holds.
    if (run.heapMb) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${run.heapMb}`.trim();
    if (run.renderOnly) env.KB_RENDER_ONLY = run.renderOnly;
    else delete env.KB_RENDER_ONLY;
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], { cwd: run.siteRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BuildError(`The ${run.audience} site failed to build:\n${output.trim()}`));
    });
  });
}
