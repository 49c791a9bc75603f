import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

// No schema: the baseline does no validation at all.
export const collections = {
  articles: defineCollection({ loader: glob({ pattern: '**/*.mdx', base: process.env.BENCH_CONTENT_DIR ?? './content' }) }),
};
