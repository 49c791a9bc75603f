import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type { Article } from '@nimbus/content';
import { articleLoader } from './lib/article-loader.ts';
import { buildMode, contentDir } from './lib/site-config.ts';

// Validation happens in the loader (with file:line:col messages); the schema only carries the type.
const articles = defineCollection({
  // A single-pass build loads the internal superset once; pages filter by their own audience.
  loader: articleLoader({ contentDir, audience: buildMode === 'all' ? 'internal' : buildMode }),
  schema: z.custom<Article>(),
});

export const collections = { articles };
