import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type { Article } from '@nimbus/content';
import { articleLoader } from './lib/article-loader.ts';
import { audience, contentDir } from './lib/site-config.ts';

// Validation happens in the loader (with file:line:col messages); the schema only carries the type.
const articles = defineCollection({
  loader: articleLoader({ contentDir, audience }),
  schema: z.custom<Article>(),
});

export const collections = { articles };
