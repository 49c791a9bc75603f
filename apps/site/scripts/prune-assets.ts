import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

// Astro emits the assets of every page module, even of routes that produced no page in this build (the runbook
// pages of the public build). Keep only what a page reaches, so a build ships nothing of the other audience.
const ASSET_REFERENCE = /(?:\/_astro\/|\.\/)([\w.-]+\.(?:js|css|woff2?|svg|png|jpe?g|webp|avif))/g;

/** Deletes files in `<dir>/_astro` that no HTML page reaches, directly or through other assets. Returns their names. */
export async function pruneUnreferencedAssets(dir: string): Promise<string[]> {
  const assetsDir = path.join(dir, '_astro');
  const assets = new Set(await readdir(assetsDir).catch(() => [] as string[]));
  if (assets.size === 0) return [];
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(ASSET_REFERENCE)) {
      if (name && assets.has(name) && !reached.has(name)) {
        reached.add(name);
        queue.push(name);
      }
    }
  };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) visit(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (/\.(?:js|css)$/.test(name)) visit(await readFile(path.join(assetsDir, name), 'utf8'));
  }
  const unreached = [...assets].filter((name) => !reached.has(name));
  await Promise.all(unreached.map((name) => rm(path.join(assetsDir, name))));
  return unreached;
}
