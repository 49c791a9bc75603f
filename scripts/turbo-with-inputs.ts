// Runs turbo (`node scripts/turbo-with-inputs.ts run build …`) with KB_INPUTS_HASH set to a hash of the content the
// site build reads from outside the repository: KB_CONTENT_DIR, KB_RUNBOOKS_DIR and KB_CASES_FILE. Turbo hashes only
// files inside the repository, so without this an edited or retracted article in an outside folder would be served
// from turbo's cache as it was; with it (KB_INPUTS_HASH is in the build task's `env`), any change there is a miss.
// Stopping this process stops turbo, and turbo stops the build.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Adds every file below `target` (or `target` itself) to `hash`: relative path and bytes, in a fixed order. */
async function hashTree(hash: ReturnType<typeof createHash>, target: string): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return void hash.update(`missing ${target}\0`);
  const files = info.isDirectory()
    ? (await readdir(target, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort()
    : [target];
  for (const file of files) {
    hash.update(`${path.relative(target, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
}

/** A hash of the outside inputs named by the environment; empty when there are none. */
export async function outsideInputsHash(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const hash = createHash('sha256');
  let any = false;
  for (const name of ['KB_CONTENT_DIR', 'KB_RUNBOOKS_DIR', 'KB_CASES_FILE']) {
    const value = env[name];
    if (!value || value === 'none') continue;
    const target = path.resolve(value);
    // Inside the repository turbo hashes the files itself (content/**, the runbooks).
    if (!path.relative(repoRoot, target).startsWith('..')) continue;
    any = true;
    hash.update(`${name}\0`);
    await hashTree(hash, target);
  }
  return any ? hash.digest('hex') : '';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const inputsHash = await outsideInputsHash();
  const turbo = path.join(repoRoot, 'node_modules/.bin/turbo');
  const child = spawn(turbo, process.argv.slice(2), { stdio: 'inherit', env: { ...process.env, KB_INPUTS_HASH: inputsHash } });
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => child.kill(name));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + 2 : 1);
  });
}
