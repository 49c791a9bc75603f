import { existsSync } from 'node:fs';
import { rename, rmdir } from 'node:fs/promises';
import path from 'node:path';

// Astro writes the page /zh-tw/404 as zh-tw/404/index.html (directory format; only the root 404 becomes 404.html).
// Hosts that pick a 404 page by path look for zh-tw/404.html, so the build moves it there.

/** Moves `<dir>/zh-tw/404/index.html` to `<dir>/zh-tw/404.html`; a site without it is left as it is. */
export async function placeLocalized404(dir: string): Promise<void> {
  const folder = path.join(dir, 'zh-tw', '404');
  const page = path.join(folder, 'index.html');
  if (!existsSync(page)) return;
  await rename(page, path.join(dir, 'zh-tw', '404.html'));
  await rmdir(folder).catch(() => undefined);
}
