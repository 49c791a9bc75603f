// Completes a partial build from the published one: every file the partial build did not write is hard-linked from
// the published build (no copy, no change to it). Files the build writes afterwards (Pagefind's index, _headers,
// robots.txt) and those a partial build writes incompletely (the sitemap lists only the pages it rendered) are taken
// from the right side; nothing is ever written through a link, so the published build stays as it was.
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** Written fresh by every build after rendering: never linked, or writing them would change the published build. */
const WRITTEN_LATER = new Set(['_headers', 'robots.txt']);
/** Root files a partial build writes for its pages only; a partial build keeps the site's pages, so these stay. */
const SITE_WIDE = /^sitemap[\w-]*\.xml$/;

/** Hard-links `from` to `to`, copying where the two lie on different file systems. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
  }
}

/**
 * Fills `staging` with the files of `published` it lacks. `rebuilt` lists the top-level folders this build writes
 * whole (`_astro`, `search-index`, `pagefind`): nothing of the published build's is taken from them. Returns the
 * relative paths of the files it linked.
 */
export async function linkUnchanged(published: string, staging: string, rebuilt: readonly string[]): Promise<string[]> {
  await mkdir(staging, { recursive: true });
  for (const name of await readdir(staging)) if (SITE_WIDE.test(name)) await rm(path.join(staging, name));
  const existing = new Set((await readdir(staging, { recursive: true })).map(String));
  const skipped = new Set([...WRITTEN_LATER, ...rebuilt]);
  const linked: string[] = [];
  const made = new Set<string>();
  for (const entry of await readdir(published, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(published, path.join(entry.parentPath, entry.name));
    if (skipped.has(relative.split(path.sep)[0]!) || existing.has(relative)) continue;
    const target = path.join(staging, relative);
    const folder = path.dirname(target);
    // Synchronous: a site has thousands of files, and a promise per link cost twice the time (1.4 s against 0.7 s
    // for 12,000 files here).
    if (!made.has(folder)) mkdirSync(folder, { recursive: true }), made.add(folder);
    linkOrCopy(path.join(entry.parentPath, entry.name), target);
    linked.push(relative);
  }
  return linked;
}
