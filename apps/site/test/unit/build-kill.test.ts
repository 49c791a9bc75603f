// Kill tests (issue 12): a build killed at any step — SIGKILL, no chance to clean up — leaves each output folder
// exactly the complete old site or exactly the complete new one, its child processes end, and a rerun started at
// once publishes the new site. The build stops at the step a test kills it at (KB_BUILD_TEST_PAUSE_AT), or prints
// each step (KB_BUILD_TEST_STEP_DELAY_MS) where a test lets it go on. The builds are of the minimal content folder
// (test/fixtures/minimal-content: both sites, every step, Astro's start-up instead of the sample's pages).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBuild, type RunningBuild } from '../build-site.ts';
import { minimalContentDir } from '../content-fixture.ts';

const sites = ['dist', 'dist-internal'] as const;
/** Every build: one site URL (old and new differ by the edited article alone), and no runbooks (the folder has none). */
const base = { KB_SITE_URL: 'https://support.example', KB_RUNBOOKS_DIR: '' };
/** Prints each step and goes on: for a build a test watches but lets finish, or kills while Astro runs. */
const printSteps = { ...base, KB_BUILD_TEST_STEP_DELAY_MS: '0' };
/** Stops at `step` until killed: the kill lands there whatever the machine's load. */
const pauseAt = (step: string) => ({ ...base, KB_BUILD_TEST_PAUSE_AT: step });

let workDir: string;
/** The minimal content (old), and the same with one article edited (new): both sites differ between the two. */
let contentDir: string;
let newContentDir: string;
const reference: Record<'old' | 'new', Record<(typeof sites)[number], string>> = { old: { dist: '', 'dist-internal': '' }, new: { dist: '', 'dist-internal': '' } };

/** Every file of a site (through the `dist` symlink) with the hash of its bytes, as one comparable string. */
async function snapshot(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const lines = await Promise.all(files.map(async (file) => `${path.relative(dir, file)} ${createHash('sha256').update(await readFile(file)).digest('hex')}`));
  return lines.sort().join('\n');
}

/** Which complete build each output folder holds: 'old', 'new', or what is wrong with it. */
async function state(outRoot: string): Promise<string[]> {
  return Promise.all(
    sites.map(async (site) => {
      const found = await snapshot(path.join(outRoot, site)).catch((error: Error) => `unreadable: ${error.message}`);
      if (found === reference.old[site]) return 'old';
      if (found === reference.new[site]) return 'new';
      return `neither (${found.split('\n').length} files)`;
    }),
  );
}

/** Pids below `pid`, from /proc. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) for (const child of children.get(queue.shift()!) ?? []) found.push(child), queue.push(child);
  return found;
}

const alive = (pid: number) => {
  try {
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function allEnd(pids: number[], withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(alive);
}

/** A fresh output root holding the old build, as published by the build (symlinks and store), or as real folders. */
async function oldOutput(name: string, layout: 'published' | 'real folders'): Promise<string> {
  const outRoot = path.join(workDir, name);
  if (layout === 'published') await cp(path.join(workDir, 'ref-old'), outRoot, { recursive: true, verbatimSymlinks: true });
  else for (const site of sites) await cp(path.join(workDir, 'ref-old', site), path.join(outRoot, site), { recursive: true, dereference: true });
  return outRoot;
}

/** SIGKILLs the build once it reaches `step`; resolves with the children it had, which must end by themselves. */
async function killAt(build: RunningBuild, step: string, afterMs = 0): Promise<number[]> {
  await build.reached(step);
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const children = descendantsOf(build.child.pid!);
  build.child.kill('SIGKILL');
  await build.done;
  return children;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-build-kill-'));
  contentDir = path.join(workDir, 'content');
  newContentDir = path.join(workDir, 'content-new');
  await cp(minimalContentDir, contentDir, { recursive: true });
  await cp(minimalContentDir, newContentDir, { recursive: true });
  const articles = path.join(newContentDir, 'articles/en');
  // The first article both sites show, so the edit changes both.
  const files = (await readdir(articles, { recursive: true })).map(String).filter((name) => name.endsWith('.mdx')).sort();
  const texts = await Promise.all(files.map((name) => readFile(path.join(articles, name), 'utf8')));
  const shown = texts.findIndex((text) => /^state: validated$/m.test(text) && /^visibility: public$/m.test(text));
  await writeFile(path.join(articles, files[shown]!), `${texts[shown]}\nOne more sentence from the author.\n`);
  // Both references at once: each is a cold build into its own folder.
  await Promise.all(
    ([['old', contentDir], ['new', newContentDir]] as const).map(async ([which, content]) => {
      const build = startBuild(content, path.join(workDir, `ref-${which}`), base);
      expect((await build.done).code, build.output()).toBe(0);
      for (const site of sites) reference[which][site] = await snapshot(path.join(workDir, `ref-${which}`, site));
    }),
  );
  for (const site of sites) expect(reference.old[site]).not.toBe(reference.new[site]);
}, 240_000);
afterAll(async () => rm(workDir, { recursive: true, force: true }));

// The kill and rerun cases run a few at once: each has its own output folder, and one build leaves a core idle much of
// its time (process start-up, waits between its children). `expect` from the test's context, as concurrent tests need.
describe.concurrent('SIGKILL at every step leaves the complete old or the complete new site, and no process behind', () => {
  // [step, layout of the old output, what each folder must hold right after the kill]
  const cases: Array<[string, 'published' | 'real folders', string[]]> = [
    ['locked', 'published', ['old', 'old']],
    ['validate', 'published', ['old', 'old']],
    ['astro', 'published', ['old', 'old']],
    ['search index', 'published', ['old', 'old']],
    ['prune assets public', 'published', ['old', 'old']],
    ['robots.txt internal', 'published', ['old', 'old']],
    ['pagefind public', 'published', ['old', 'old']],
    ['pagefind internal', 'published', ['old', 'old']],
    ['flip dist', 'published', ['old', 'old']],
    // Between the two renames: the public site is new, the internal one still old, each complete.
    ['publish internal', 'published', ['new', 'old']],
    ['flip dist-internal', 'published', ['new', 'old']],
    ['prune', 'published', ['new', 'new']],
    // The first build over real folders left by an older build exchanges folder and symlink in one step.
    ['flip dist', 'real folders', ['old', 'old']],
    ['publish internal', 'real folders', ['new', 'old']],
  ];
  test.for(cases)('killed at "%s" over %s', { timeout: 240_000 }, async ([step, layout, expected], { expect }) => {
    const outRoot = await oldOutput(`kill-${step.replace(/\W+/g, '-')}-${layout.replace(' ', '-')}`, layout);
    // In the Astro step, kill once both Astro processes run, to see them end by themselves.
    const build = startBuild(newContentDir, outRoot, step === 'astro' ? printSteps : pauseAt(step));
    const children = await killAt(build, step, step === 'astro' ? 2500 : 0);
    if (step === 'astro') expect(children.length).toBeGreaterThanOrEqual(2);
    expect(await state(outRoot)).toEqual(expected);
    // They notice within 200 ms (exit-with-parent.ts), once a loaded machine lets their event loop run.
    expect(await allEnd(children, 15_000)).toEqual([]);
  });

  test('without RENAME_EXCHANGE, killed between the two renames of the migration: the next build restores the new site first', async ({ expect }) => {
    const outRoot = await oldOutput('kill-migrate', 'real folders');
    const build = startBuild(newContentDir, outRoot, { ...pauseAt('migrate dist'), KB_BUILD_TEST_NO_EXCHANGE: '1' });
    await killAt(build, 'migrate dist');
    // The one moment of the fallback without a folder: the new site is complete, its link is in place beside it.
    await expect(lstat(path.join(outRoot, 'dist'))).rejects.toThrow(/ENOENT/);
    const rerun = startBuild(newContentDir, outRoot, pauseAt('validate'));
    await rerun.reached('validate');
    expect(await state(outRoot)).toEqual(['new', 'old']);
    rerun.child.kill('SIGKILL');
    await rerun.done;
  }, 240_000);
});

describe.concurrent('a killed build followed at once by a rerun', () => {
  test.for(['astro', 'publish internal'])('killed at "%s": readers always find a complete site, the rerun publishes the new one and cleans up', { timeout: 300_000 }, async (step, { expect }) => {
    const outRoot = await oldOutput(`rerun-${step.replace(/\W+/g, '-')}`, 'published');
    await killAt(startBuild(newContentDir, outRoot, step === 'astro' ? printSteps : pauseAt(step)), step, step === 'astro' ? 2500 : 0);
    const rerun = startBuild(newContentDir, outRoot, base);
    // A reader polling while the rerun works never finds a site missing its home page or its search index.
    let reads = 0;
    let ended = false;
    void rerun.done.then(() => (ended = true));
    while (!ended) {
      for (const site of sites) {
        await readFile(path.join(outRoot, site, 'index.html'));
        await readFile(path.join(outRoot, site, 'pagefind/pagefind.js'));
      }
      reads++;
    }
    expect((await rerun.done).code, rerun.output()).toBe(0);
    expect(reads).toBeGreaterThan(10);
    expect(await state(outRoot)).toEqual(['new', 'new']);
    // Only the published build (and its manifest) is left in each store; no link or lock file of the killed run remains.
    for (const site of sites) expect((await readdir(path.join(outRoot, `.${site}.versions`))).filter((name) => !name.endsWith('.manifest.json'))).toHaveLength(1);
    expect((await readdir(outRoot)).filter((name) => /\.link-|\.lock/.test(name))).toEqual([]);
  });
});

describe('one build at a time', () => {
  test('a second build refuses (no wait) or waits, naming the pid that holds the lock, and the output stays complete', async () => {
    const outRoot = await oldOutput('lock', 'published');
    // The first build holds the lock, paused, until both others have seen it; then it goes on.
    const first = startBuild(newContentDir, outRoot, pauseAt('locked'));
    await first.reached('locked');
    const refused = startBuild(newContentDir, outRoot, { ...base, KB_BUILD_LOCK_WAIT_S: '0' });
    expect((await refused.done).code).toBe(1);
    expect(refused.output()).toContain(`Another build holds the lock: pid ${first.child.pid} `);
    const waiting = startBuild(contentDir, outRoot, base);
    await expect.poll(() => waiting.output(), { timeout: 60_000 }).toContain(`Waiting for another build to finish: pid ${first.child.pid} `);
    first.child.kill('SIGUSR2');
    expect((await first.done).code, first.output()).toBe(0);
    expect(await state(outRoot)).toEqual(['new', 'new']);
    expect((await waiting.done).code, waiting.output()).toBe(0);
    expect(await state(outRoot)).toEqual(['old', 'old']);
  }, 300_000);

  test('SIGTERM stops the build and every child, removes its staging, and publishes nothing later', async () => {
    const outRoot = await oldOutput('sigterm', 'published');
    const build = startBuild(newContentDir, outRoot, printSteps);
    await build.reached('astro');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const children = descendantsOf(build.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);
    build.child.kill('SIGTERM');
    expect((await build.done).code).toBe(143);
    expect(build.output()).toContain('Build stopped (SIGTERM)');
    expect(await allEnd(children, 3000)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await state(outRoot)).toEqual(['old', 'old']);
    for (const site of sites) expect((await readdir(path.join(outRoot, `.${site}.versions`))).filter((name) => !name.endsWith('.manifest.json'))).toHaveLength(1);
  }, 240_000);
});

describe('a rebuild after editing one article', () => {
  test('with the last build and its validation cache kept, is byte-identical to a cold build of the same content', async () => {
    const warm = await oldOutput('edit-warm', 'published');
    const build = startBuild(newContentDir, warm, base);
    expect((await build.done).code, build.output()).toBe(0);
    // The new reference is that cold build: the same content, URL and runbooks, into an empty folder.
    for (const site of sites) {
      const edited = await snapshot(path.join(warm, site));
      expect(edited).toBe(reference.new[site]);
      expect(edited).not.toBe(reference.old[site]);
    }
  }, 300_000);
});
