import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { contentProblems, loadContent } from '@nimbus/content-loader';
import { isVisibleTo, withoutInternalSections, type Audience } from '@nimbus/content';

/** Options of {@link articleLoader}. */
export interface ArticleLoaderOptions {
  contentDir: string;
  audience: Audience;
}

/**
 * Loads articles with our own validation (positioned messages, taxonomy) and keeps only what the audience may see.
 * `internal` keeps everything: a single-pass build filters per page (lib/catalog.ts) and renders public pages from it.
 */
export function articleLoader({ contentDir, audience }: ArticleLoaderOptions): Loader {
  return {
    name: 'kb-articles',
    async load({ store, config, generateDigest, logger }) {
      const content = await loadContent(contentDir);
      const { errors } = contentProblems(content);
      if (errors.length > 0) throw new Error(`Content has ${errors.length} error(s):\n${errors.join('\n')}`);
      const root = path.resolve(new URL(config.root).pathname);
      const keep = new Set<string>();
      const sources = new Map(content.files.map((file) => [file.path, String(file.value)]));
      for (const article of content.articles) {
        if (!isVisibleTo(article, audience)) continue;
        const source = sources.get(article.path) ?? '';
        const body = source.replace(/^---[\s\S]*?\n---\r?\n/, '');
        const id = `${article.locale}/${article.id}`;
        keep.add(id);
        const filePath = path.relative(root, path.join(content.dir, article.path)).replaceAll('\\', '/');
        const digest = generateDigest(source);
        const existing = store.get(id);
        if (existing?.digest === digest && existing.filePath === filePath) {
          // Unchanged: re-register the module so `.astro/content-modules.mjs` never keeps another build's list.
          store.addModuleImport(filePath);
          continue;
        }
        store.set({
          id,
          data: { ...article },
          // A public-only store never holds internal sections (a single-pass build strips them per page instead).
          body: audience === 'public' ? withoutInternalSections(body) : body,
          filePath,
          digest,
          deferredRender: true,
        });
      }
      for (const id of [...store.keys()]) if (!keep.has(id)) store.delete(id);
      logger.info(`${keep.size} articles for the ${audience} site`);
    },
  };
}
