// Baseline (a): a bare Astro + MDX site, no features, over the same articles. Pagefind runs after the build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The corpus Markdown as it is references images (`media/….png`) that the corpus does not include; Astro would fail
// on each one it cannot import. Leave image URLs as plain site-absolute links instead: a page still has its <img>.
function imagesAsLinks() {
  const walk = (node) => {
    if ((node.type === 'image' || node.type === 'definition') && node.url && !/^(?:[a-z]+:|\/|#)/i.test(node.url)) node.url = `/${node.url}`;
    for (const child of node.children ?? []) walk(child);
  };
  return walk;
}

export default defineConfig({
  markdown: { remarkPlugins: [imagesAsLinks] },
  outDir: process.env.BENCH_OUT ?? 'dist',
  cacheDir: process.env.BENCH_CACHE ?? 'node_modules/.astro',
  integrations: [mdx()],
  devToolbar: { enabled: false },
});
