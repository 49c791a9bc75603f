import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ownCopy } from './own-copy.ts';

// Astro emits the assets of every page module, even of routes that produced no page in this build (the runbook
// pages of the public build). Keep only what a page reaches, so a build ships nothing of the other audience.
const ASSET_REFERENCE = /(?:\/_astro\/|\.\/)([\w.-]+\.(?:js|css|woff2?|svg|png|jpe?g|webp|avif))/g;

/**
 * The asset file names a text refers to (any that look like one; those that exist are picked later), each the one
 * copy `names` keeps of it (own-copy.ts: the names are kept per page, in the manifest's references).
 */
function assetNames(text: string, names: Map<string, string>): string[] {
  const found = new Set<string>();
  for (const [, name] of text.matchAll(ASSET_REFERENCE)) {
    let kept = names.get(name!);
    if (kept === undefined) names.set((kept = ownCopy(name!)), kept);
    found.add(kept);
  }
  return [...found];
}

/** What {@link pruneUnreferencedAssets} did: the assets it deleted, and the assets each HTML page refers to. */
export interface PruneResult {
  removed: string[];
  /** Relative path of each HTML page → the asset names it refers to. */
  pageRefs: Record<string, string[]>;
}

/**
 * Deletes files in `<dir>/_astro` that no HTML page reaches, directly or through other assets. `knownRefs` gives
 * the references of pages that are known not to have changed (an incremental build's reused pages), which are then
 * not read again.
 */
export async function pruneUnreferencedAssets(dir: string, knownRefs: Record<string, string[]> = {}): Promise<PruneResult> {
  const assetsDir = path.join(dir, '_astro');
  const assets = new Set(await readdir(assetsDir).catch(() => [] as string[]));
  const pageRefs: Record<string, string[]> = {};
  const names = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file);
    pageRefs[relative] = Object.hasOwn(knownRefs, relative) ? knownRefs[relative]! : assetNames(await readFile(file, 'utf8'), names);
  }
  if (assets.size === 0) return { removed: [], pageRefs };
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (names: readonly string[]) => {
    for (const name of names) {
      if (assets.has(name) && !reached.has(name)) {
        reached.add(name);
        queue.push(name);
      }
    }
  };
  for (const relative of Object.keys(pageRefs).sort()) visit(pageRefs[relative]!);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (/\.(?:js|css)$/.test(name)) visit(assetNames(await readFile(path.join(assetsDir, name), 'utf8'), names));
  }
  const removed = [...assets].filter((name) => !reached.has(name));
  await Promise.all(removed.map((name) => rm(path.join(assetsDir, name))));
  return { removed, pageRefs };
}
