import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

// No schema: the baseline does no validation at all. It reads what it is given: our imported articles (.mdx, the
// same input as our build) or the corpus Markdown as it is (.md, through Astro's Markdown pipeline instead of MDX).
export const collections = {
  articles: defineCollection({ loader: glob({ pattern: '**/*.{md,mdx}', base: process.env.BENCH_CONTENT_DIR ?? './content' }) }),
};
