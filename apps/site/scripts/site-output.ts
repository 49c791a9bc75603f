// An output folder such as apps/site/dist is a symlink into a store of complete builds beside it
// (apps/site/.dist.versions/<run id>/). A build stages its copy in the store under its own run id, and publishes it
// by renaming a new symlink over the old one: rename(2) replaces it in one step, so readers of `dist/` see the
// complete old site or the complete new one, never neither. A real folder left by an older build is migrated once.
import { spawnSync } from 'node:child_process';
import { lstat, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A published output folder and the store of builds it points into. */
export interface SiteOutput {
  /** The path readers use (`apps/site/dist`): a symlink once published. */
  out: string;
  /** `<parent>/.<name>.versions`: complete builds, and the one this run stages. */
  store: string;
}

/** Where the builds behind `out` live. */
export function siteOutput(out: string): SiteOutput {
  return { out, store: path.join(path.dirname(out), `.${path.basename(out)}.versions`) };
}

/** The folder this run builds into; it becomes the published site as it is, without being moved again. */
export function stagingDir(output: SiteOutput, runId: string): string {
  return path.join(output.store, runId);
}

const linkPrefix = (output: SiteOutput) => `.${path.basename(output.out)}.link-`;
const legacyPrefix = 'legacy-';
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

async function kind(file: string): Promise<'missing' | 'symlink' | 'other'> {
  try {
    return (await lstat(file)).isSymbolicLink() ? 'symlink' : 'other';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
}

/** The store folder `out` points to now, if any. */
export async function currentBuild(output: SiteOutput): Promise<string | undefined> {
  if ((await kind(output.out)) !== 'symlink') return undefined;
  return path.basename(await readlink(output.out));
}

/**
 * Publishes the complete build in `dir` (a folder of the store) as `out`. `step` is awaited at each point where a
 * kill could land, so tests can stop the build exactly there.
 */
export async function publish(output: SiteOutput, dir: string, runId: string, step: (name: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(output.out);
  const next = path.join(parent, `${linkPrefix(output)}${runId}`);
  await rm(next, { force: true });
  await symlink(path.relative(parent, dir), next);
  await step(`flip ${path.basename(output.out)}`);
  if ((await kind(output.out)) === 'other') {
    // rename(2) cannot put a symlink over a folder. Exchanging the two (renameat2 RENAME_EXCHANGE) swaps them in
    // one step; the old folder, now at `next`, goes into the store to be pruned.
    const legacy = path.join(output.store, `${legacyPrefix}${runId}`);
    if (exchange(next, output.out)) return void (await rename(next, legacy));
    // Without it: move the folder into the store, then the link into its place. Between the two renames `out` is
    // missing; a build killed there is repaired by the next one (recover()).
    await rename(output.out, legacy);
    await step(`migrate ${path.basename(output.out)}`);
  }
  await rename(next, output.out);
}

// Node has no binding for renameat2(2); Python's ctypes reaches it in glibc (Linux 3.15+, glibc 2.28+).
const EXCHANGE = `import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
sys.exit(0 if libc.renameat2(-100, sys.argv[1].encode(), -100, sys.argv[2].encode(), 2) == 0 else 1)`;

/** Swaps two paths atomically (RENAME_EXCHANGE); false where the system cannot, with nothing changed. */
function exchange(a: string, b: string): boolean {
  if (process.env.KB_BUILD_TEST_NO_EXCHANGE || process.platform !== 'linux') return false;
  return spawnSync('python3', ['-c', EXCHANGE, a, b], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/**
 * Repairs what a killed build may have left, before this build touches anything: when `out` is missing because a
 * build died in the middle of a migration, the new build's link (its target was complete) or else the migrated
 * folder goes back into place. Call it holding the lock.
 */
export async function recover(output: SiteOutput): Promise<void> {
  const parent = path.dirname(output.out);
  const links = (await readdir(parent)).filter((name) => name.startsWith(linkPrefix(output)));
  if ((await kind(output.out)) === 'missing') {
    const legacy = (await readdir(output.store).catch(() => [] as string[])).filter((name) => name.startsWith(legacyPrefix));
    const [link] = links;
    if (link) await rename(path.join(parent, link), output.out);
    else if (legacy[0]) await rename(path.join(output.store, legacy[0]), output.out);
  }
  for (const name of links) await rm(path.join(parent, name), { force: true });
}

/**
 * Deletes every folder of the store but the published one (and its manifest): the previous build once the new one is published, and
 * the staging of builds that were killed. Readers open files through `out`, which points at the new build already.
 * Call it holding the lock.
 */
export async function pruneStore(output: SiteOutput): Promise<void> {
  const current = await currentBuild(output);
  // The published build's manifest (incremental/manifest.ts) stays beside it.
  const kept = new Set([current, `${current}.manifest.json`]);
  const doomed = (await readdir(output.store).catch(() => [] as string[])).filter((name) => !kept.has(name));
  if (doomed.length > 0) await removeInThread(doomed.map((name) => path.join(output.store, name)));
}

// rmSync: a third of the CPU of the promise version for a site's 12,000 files (Node removes the tree natively); in a
// worker thread, so the stores of both sites are pruned at once instead of one after the other on the main thread.
const REMOVE = `const { rmSync } = require('node:fs');
for (const target of require('node:worker_threads').workerData) rmSync(target, { recursive: true, force: true });`;

/** Removes `targets` (files or whole folders) in a worker thread; rejects with the thread's error. */
function removeInThread(targets: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(REMOVE, { eval: true, workerData: targets });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Removing ${targets.join(', ')} stopped (exit code ${code})`))));
  });
}

/** The lock file that keeps two builds from writing `out` at once. */
export function lockFile(output: SiteOutput): string {
  return path.join(path.dirname(output.out), `.${path.basename(output.out)}.lock`);
}
