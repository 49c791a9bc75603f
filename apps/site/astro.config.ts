import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

const siteRoot = path.dirname(fileURLToPath(import.meta.url));
// Resolve once here, where the path is known, so pages and the content loader read the same folder.
process.env.KB_CONTENT_DIR = path.resolve(process.env.KB_CONTENT_DIR ?? path.join(siteRoot, '../../content'));
// Each run renders one site; the build script runs the public and the internal one side by side.
const mode = process.env.KB_AUDIENCE === 'internal' ? 'internal' : 'public';

export default defineConfig({
  site: process.env.KB_SITE_URL ?? 'https://support.nimbus.example',
  output: 'static',
  outDir: process.env.KB_OUT_DIR ?? (mode === 'internal' ? 'dist-internal' : 'dist'),
  // Each site keeps its own cache: two builds run at once.
  cacheDir: process.env.KB_CACHE_DIR ? `${process.env.KB_CACHE_DIR}/${mode}` : `node_modules/.astro-${mode}`,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Articles render through lib/article-html.ts (Sätteri, at page time); MDX stays available for the site's own pages.
  // Only the public site has a sitemap: the internal one must not be crawled or listed.
  integrations: mode === 'internal' ? [mdx()] : [mdx(), sitemap({ filter: (page) => !page.endsWith('/404/') })],
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Scripts stay separate files (never inlined): CSP-friendly, and the leak test sees every chunk.
      assetsInlineLimit: 0,
      sourcemap: false,
    },
  },
});
