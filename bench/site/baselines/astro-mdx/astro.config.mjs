// Baseline (a): a bare Astro + MDX site, no features, over the same articles. Pagefind runs after the build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  outDir: process.env.BENCH_OUT ?? 'dist',
  cacheDir: process.env.BENCH_CACHE ?? 'node_modules/.astro',
  integrations: [mdx()],
  devToolbar: { enabled: false },
});
