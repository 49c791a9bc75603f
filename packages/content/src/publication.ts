import type { ArticleFrontmatter } from './article-schema.ts';

/** The two builds of the knowledge center. */
export type Audience = 'public' | 'internal';

/** What publication needs to know of an article. */
type Publishable = Pick<ArticleFrontmatter, 'state' | 'visibility' | 'locale' | 'translationOf'> & { id: string };

/**
 * Whether this one file, on its own, may reach customers: validated and public. A translation also needs its English
 * source to ship: ask {@link publishedArticles} or {@link visibleArticles}, which decide over the collection.
 */
export function isPublishable(article: Pick<ArticleFrontmatter, 'state' | 'visibility'>): boolean {
  return article.state === 'validated' && article.visibility === 'public';
}

/** Whether the build for `audience` may include this file on its own terms (see {@link visibleArticles} for the collection). */
export function isVisibleTo(article: Pick<ArticleFrontmatter, 'state' | 'visibility'>, audience: Audience): boolean {
  return audience === 'internal' || isPublishable(article);
}

/** The key of an article in a collection: `<locale>/<id>`, e.g. `zh-TW/compute/ssh-permission-denied`. */
export function articleKey(article: Pick<Publishable, 'locale' | 'id'>): string {
  return `${article.locale}/${article.id}`;
}

/**
 * The keys ({@link articleKey}) of the articles that ship to customers: English articles that are publishable, and
 * translations that are publishable and whose English source ships. Everything else stays internal.
 */
export function publishedArticles(articles: readonly Publishable[]): Set<string> {
  const english = new Set(articles.filter((article) => article.locale === 'en' && isPublishable(article)).map((article) => article.id));
  return new Set(articles.filter((article) => isPublishable(article) && (article.locale === 'en' || english.has(article.id))).map(articleKey));
}

/** The articles the build for `audience` includes, decided over the whole collection: engineers see all of them. */
export function visibleArticles<T extends Publishable>(articles: readonly T[], audience: Audience): T[] {
  if (audience === 'internal') return [...articles];
  const published = publishedArticles(articles);
  return articles.filter((article) => published.has(articleKey(article)));
}
