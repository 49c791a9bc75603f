import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// The bench copies the articles into src/content/docs/ before each build.
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
