import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

const siteRoot = path.dirname(fileURLToPath(import.meta.url));
// Resolve once here, where the path is known, so pages and the content loader read the same folder.
process.env.KB_CONTENT_DIR = path.resolve(process.env.KB_CONTENT_DIR ?? path.join(siteRoot, '../../content'));
// `all` (the build script) renders both sites in one pass; `public` / `internal` render one (for `astro dev`).
const mode = process.env.KB_AUDIENCE === 'all' ? 'all' : process.env.KB_AUDIENCE === 'internal' ? 'internal' : 'public';

export default defineConfig({
  site: process.env.KB_SITE_URL ?? 'https://support.nimbus.example',
  output: 'static',
  outDir: process.env.KB_OUT_DIR ?? (mode === 'internal' ? 'dist-internal' : 'dist'),
  // Each mode keeps its own content-layer cache: a public-only store must never hold internal entries.
  cacheDir: process.env.KB_CACHE_DIR ? `${process.env.KB_CACHE_DIR}/${mode}` : `node_modules/.astro-${mode}`,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // MDX compiles with Astro's default (Rust) processor: no remark plugins, so content transforms are components.
  // Only the public site has a sitemap: the internal one must not be crawled or listed.
  // Only public pages go in the sitemap: the internal site must not be listed (its pages sit under /internal/ in an `all` run).
  integrations: mode === 'internal' ? [mdx()] : [mdx(), sitemap({ filter: (page) => !page.endsWith('/404/') && !new URL(page).pathname.startsWith('/internal/') })],
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Scripts stay separate files (never inlined): CSP-friendly, and the leak test sees every chunk.
      assetsInlineLimit: 0,
      sourcemap: false,
    },
  },
});
