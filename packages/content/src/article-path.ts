import { localeFromSegment, type Locale } from './locales.ts';

/** Where an article file sits: `articles/<locale>/<product>/<slug>.mdx`. */
export interface ArticleLocation {
  locale: Locale;
  product: string;
  slug: string;
  /** `<product>/<slug>`, shared by an article and its translations. */
  id: string;
}

const ARTICLE_PATH = /^articles\/([^/]+)\/([a-z0-9-]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx?$/;

/** Reads locale, product and slug from a path relative to the content folder; `undefined` when it does not fit. */
export function parseArticlePath(relativePath: string): ArticleLocation | undefined {
  const match = ARTICLE_PATH.exec(relativePath.replaceAll('\\', '/'));
  if (!match) return undefined;
  const [, localeSegment = '', product = '', slug = ''] = match;
  const locale = localeFromSegment(localeSegment);
  return locale ? { locale, product, slug, id: `${product}/${slug}` } : undefined;
}
