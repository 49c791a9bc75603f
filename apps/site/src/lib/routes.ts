import { locales, localeSegment, type Locale, type Product } from '@nimbus/content';
import { getTaxonomy, localizedArticles, type LocalizedArticle } from './catalog.ts';

/** Every page of the site, one per locale: the single source for `getStaticPaths`. */
export type Route =
  | { kind: 'home'; locale: Locale }
  | { kind: 'products'; locale: Locale }
  | { kind: 'product'; locale: Locale; product: Product }
  | { kind: 'article'; locale: Locale; item: LocalizedArticle }
  | { kind: 'errors'; locale: Locale }
  | { kind: 'search'; locale: Locale }
  | { kind: 'new-case'; locale: Locale };

/** The site path of a route below its locale prefix, without slashes at the ends (`''` for home). */
function routePath(route: Route): string {
  switch (route.kind) {
    case 'home': return '';
    case 'products': return 'products';
    case 'product': return `products/${route.product.id}`;
    case 'article': return `articles/${route.item.article.id}`;
    case 'errors': return 'errors';
    case 'search': return 'search';
    case 'new-case': return 'support/new-case';
  }
}

/** The `[...path]` parameter of a route: locale prefix plus path; `undefined` for the English home page. */
export function routeParam(route: Route): string | undefined {
  const joined = [route.locale === 'en' ? '' : localeSegment(route.locale), routePath(route)].filter(Boolean).join('/');
  return joined || undefined;
}

/** All routes of this build. */
export async function allRoutes(): Promise<Route[]> {
  const taxonomy = await getTaxonomy();
  const routes: Route[] = [];
  for (const locale of locales) {
    routes.push({ kind: 'home', locale }, { kind: 'products', locale }, { kind: 'errors', locale }, { kind: 'search', locale }, { kind: 'new-case', locale });
    for (const product of taxonomy.products) routes.push({ kind: 'product', locale, product });
    for (const item of await localizedArticles(locale)) routes.push({ kind: 'article', locale, item });
  }
  return routes;
}

/** URL of the same page in every locale (articles exist in every locale, translated or as a fallback). */
export function alternatesOf(route: Route): Record<Locale, string> {
  return Object.fromEntries(locales.map((locale) => {
    const param = routeParam({ ...route, locale } as Route);
    return [locale, param ? `/${param}/` : '/'];
  })) as Record<Locale, string>;
}
