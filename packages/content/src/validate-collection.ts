import type { VFile } from 'vfile';
import type { Article } from './article-schema.ts';
import { parseArticlePath } from './article-path.ts';
import { findFrontmatter, parseFrontmatter } from './frontmatter.ts';
import { reportError } from './validate-article.ts';

/**
 * Checks what no single file can: related articles and translation sources exist.
 * `files` maps every article file's path (valid or not) to its file, so messages land on the right file.
 */
export function validateCollection(articles: readonly Article[], files: ReadonlyMap<string, VFile>): void {
  // Every English file counts as existing, valid or not: a broken file gets its own message, not one per referrer.
  const english = new Set(
    [...files.keys(), ...articles.map((article) => article.path)]
      .map(parseArticlePath)
      .filter((location) => location?.locale === 'en')
      .map((location) => location!.id),
  );
  for (const article of articles) {
    const file = files.get(article.path);
    if (!file) continue;
    const block = findFrontmatter(String(file.value));
    const parsed = block ? parseFrontmatter(block) : undefined;
    article.related.forEach((id, index) => {
      if (!english.has(id)) reportError(file, `Unknown related article \`${id}\`, no file \`articles/en/${id}.mdx\``, parsed?.locate(['related', index]), 'related-missing');
    });
    if (article.translationOf !== undefined && !english.has(article.translationOf)) {
      reportError(file, `Missing source \`articles/en/${article.translationOf}.mdx\` of this translation`, parsed?.locate(['translationOf']), 'translation-missing');
    }
  }
}
