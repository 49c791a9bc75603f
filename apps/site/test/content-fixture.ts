import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPublishable, type Article } from '@nimbus/content';
import { loadContent } from '@nimbus/content-loader';

/** The repository's sample content, which the default build publishes. */
export const sampleContentDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content');

/**
 * Three articles (public, its zh-TW translation, internal) and the taxonomy, without runbooks: for tests of what the
 * build does rather than of the sample's pages (test/fixtures/minimal-content/README.md).
 */
export const minimalContentDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/minimal-content');

/** Articles of the sample content, for tests that derive their expectations from the data rather than hard-code them. */
export async function sampleArticles(): Promise<Article[]> {
  return (await loadContent(sampleContentDir)).articles;
}

/** Public English articles whose `errors` mention `code`. */
export function articlesResolving(articles: Article[], code: string): Article[] {
  return articles.filter((article) => article.locale === 'en' && isPublishable(article) && article.errors.some((error) => error.includes(code)));
}
