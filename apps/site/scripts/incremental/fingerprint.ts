// Everything a build's output depends on besides the articles, as one hash: the site's code and the workspace packages
// it runs, the lockfile (Astro, Pagefind and every other dependency), Node's version, the build settings (KB_*), and
// every content file that is not an article (taxonomy, vocabulary, case export…) plus the runbooks. Two builds with
// the same fingerprint differ only in their articles; any other change makes the next build a cold one.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Folders never read by a build (dependencies, outputs, caches, tests). */
const SKIPPED = new Set(['node_modules', 'dist', 'dist-internal', 'test', 'test-results', '.astro', '.build', '.turbo']);
/**
 * Also the output stores, their locks and symlinks in flight (site-output.ts, build-lock.ts) — files as much as
 * folders: a build running beside this one writes `.dist.lock` into the site folder, which must not turn this one cold.
 */
const skipped = (name: string) => SKIPPED.has(name) || /^\.dist.*\.versions$/.test(name) || /^\.dist.*\.(?:lock|link-)/.test(name);

/**
 * Settings that change where or how a build runs, never what it writes; and KB_INPUTS_HASH, turbo's hash of outside
 * content (scripts/turbo-with-inputs.ts), whose articles are compared one by one here instead.
 */
const NOT_OUTPUT = /^KB_(?:PUBLIC_OUT|INTERNAL_OUT|CACHE_DIR|BUILD_LOCK_WAIT_S|BUILD_TEST_\w+|BUILD_COLD|BUILD_SEQUENTIAL_ABOVE|ASTRO_HEAP_MB|BUILD_FACTS|RENDER_ONLY|INPUTS_HASH|PREPARED_CONTENT|AUDIENCE|OUT_DIR)$/;

/** Every file below `dir` (not into {@link SKIPPED} folders), as sorted paths relative to `dir`. */
async function filesBelow(dir: string, keep: (relative: string) => boolean = () => true): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (skipped(entry.name)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && keep(child)) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}

/** What {@link buildFingerprint} hashes. */
export interface FingerprintInputs {
  /** The repository root: its lockfile and workspace packages. */
  repoRoot: string;
  /** apps/site. */
  siteRoot: string;
  contentDir: string;
  runbooksDir?: string;
  env: NodeJS.ProcessEnv;
}

/** The hash of everything but the articles that a build's output depends on ({@link FingerprintInputs}). */
export async function buildFingerprint(inputs: FingerprintInputs): Promise<string> {
  const hash = createHash('sha256');
  const add = async (label: string, file: string) => {
    hash.update(`${label}\0`);
    hash.update(await readFile(file).catch(() => Buffer.from('\0missing')));
    hash.update('\0');
  };
  hash.update(`node ${process.version}\0`);
  for (const [name, value] of Object.entries(inputs.env).filter(([name]) => (name.startsWith('KB_') && !NOT_OUTPUT.test(name)) || name === 'NODE_ENV').sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`env ${name}=${value}\0`);
  }
  for (const name of ['package.json', 'package-lock.json']) await add(name, path.join(inputs.repoRoot, name));
  for (const file of await filesBelow(inputs.siteRoot)) await add(`site/${file}`, path.join(inputs.siteRoot, file));
  const packages = path.join(inputs.repoRoot, 'packages');
  for (const file of await filesBelow(packages)) await add(`packages/${file}`, path.join(packages, file));
  // Articles are hashed one by one (article-inputs.ts); every other content file is part of the fingerprint.
  for (const file of await filesBelow(inputs.contentDir, (relative) => !relative.startsWith(`articles${path.sep}`))) await add(`content/${file}`, path.join(inputs.contentDir, file));
  if (inputs.runbooksDir) for (const file of await filesBelow(inputs.runbooksDir)) await add(`runbooks/${file}`, path.join(inputs.runbooksDir, file));
  const cases = inputs.env.KB_CASES_FILE;
  if (cases && existsSync(cases)) await add('cases', cases);
  return hash.digest('hex');
}
