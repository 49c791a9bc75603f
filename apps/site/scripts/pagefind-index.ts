import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { pagefindInput } from './pagefind-input.ts';

// Pagefind also writes its ready-made UIs; the site has its own search page, so they are dead weight in every deploy.
const UNUSED_UI = /^pagefind-(?:component-|modular-)?ui\.(?:js|css)$|^pagefind-highlight\.js$/;

/**
 * Indexes a built site with Pagefind into `<dir>/pagefind/`; throws with Pagefind's own messages on failure. Each
 * page is handed over as the part Pagefind reads of it (pagefind-input.ts), in path order.
 */
export async function indexSite(dir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const pages = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((page) => !page.startsWith('pagefind/'))
      .sort();
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: pageUrl(page), content: pagefindInput(await readFile(path.join(dir, page), 'utf8')) });
      if (added.errors.length > 0) throw new Error(`Pagefind failed to index ${path.join(dir, page)}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
    const bundle = path.join(dir, 'pagefind');
    for (const name of await readdir(bundle)) if (UNUSED_UI.test(name)) await rm(path.join(bundle, name));
    return { pages: pages.length };
  } finally {
    await pagefind.close();
  }
}

/** The URL Pagefind gives a page file when it reads a folder: `a/b/index.html` → `/a/b/`. */
function pageUrl(page: string): string {
  return `/${page.replace(/(?:^|\/)index\.html$/, (match) => (match.startsWith('/') ? '/' : ''))}`;
}
