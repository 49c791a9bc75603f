import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

// Pagefind also writes its ready-made UIs; the site has its own search page, so they are dead weight in every deploy.
const UNUSED_UI = /^pagefind-(?:component-|modular-)?ui\.(?:js|css)$|^pagefind-highlight\.js$/;

/** Indexes a built site with Pagefind into `<dir>/pagefind/`; throws with Pagefind's own messages on failure. */
export async function indexSite(dir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind failed to index ${dir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
    const bundle = path.join(dir, 'pagefind');
    for (const name of await readdir(bundle)) if (UNUSED_UI.test(name)) await rm(path.join(bundle, name));
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
