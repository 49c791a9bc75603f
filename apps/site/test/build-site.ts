import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunbooksDir } from '@nimbus/runbooks';

const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What every test build runs with: the test's content and output folders, and Node's compile cache (the folder Node
 * itself picks), so the two dozen builds of a run, and their Astro and Pagefind children, compile Astro, Vite and
 * Rollup once rather than each time. The cache holds compiled code keyed by its source; the build does the same work.
 */
function buildEnv(contentDir: string, outRoot: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || path.join(tmpdir(), 'node-compile-cache'),
    KB_RUNBOOKS_DIR: process.env.KB_RUNBOOKS_DIR || defaultRunbooksDir(),
    KB_CONTENT_DIR: contentDir,
    KB_PUBLIC_OUT: path.join(outRoot, 'dist'),
    KB_INTERNAL_OUT: path.join(outRoot, 'dist-internal'),
    KB_CACHE_DIR: path.join(outRoot, 'cache'),
    ...env,
  };
}

/**
 * Runs the real build script on `contentDir`, writing both sites below `outRoot`. Tests build copies of the sample
 * content, so they pair it with the repository's runbooks unless KB_RUNBOOKS_DIR (or `env`) names others; `env` adds to
 * the build's environment (`KB_RUNBOOKS_DIR: ''` for a content folder without runbooks).
 */
export function buildSite(contentDir: string, outRoot: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; publicDir: string; internalDir: string }> {
  const publicDir = path.join(outRoot, 'dist');
  const internalDir = path.join(outRoot, 'dist-internal');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteRoot, 'scripts/build.ts')], {
      cwd: siteRoot,
      env: buildEnv(contentDir, outRoot, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, publicDir, internalDir }));
  });
}

/** A build script started by {@link startBuild}: its process, its output so far, and when it ends. */
export interface RunningBuild {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the build prints `[build step] <name>` (needs KB_BUILD_TEST_STEP_DELAY_MS). */
  reached: (step: string) => Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real build script on `contentDir` into `<outRoot>/dist` and `<outRoot>/dist-internal` without waiting for it. */
export function startBuild(contentDir: string, outRoot: string, env: Record<string, string> = {}): RunningBuild {
  const child = spawn(process.execPath, [path.join(siteRoot, 'scripts/build.ts')], {
    cwd: siteRoot,
    env: buildEnv(contentDir, outRoot, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<[string, () => void]> = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const [step, resolve] of waiters) if (output.includes(`[build step] ${step}\n`)) resolve();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const reached = (step: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(`[build step] ${step}\n`)) return resolve();
      waiters.push([step, resolve]);
      void done.then(() => reject(new Error(`The build ended before step "${step}":\n${output}`)));
    });
  return { child, output: () => output, reached, done };
}
