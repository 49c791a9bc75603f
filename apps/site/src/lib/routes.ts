import { locales, localeSegment, type Audience, type Locale, type Product } from '@nimbus/content';
import type { Runbook } from '@nimbus/runbooks';
import { getTaxonomy, localizedArticles, type LocalizedArticle } from './catalog.ts';
import { audiences } from './site-config.ts';

/** Every page of the site, per audience and locale: the single source for `getStaticPaths`. */
export type Route = { audience: Audience } & (
  | { kind: 'home'; locale: Locale }
  | { kind: 'products'; locale: Locale }
  | { kind: 'product'; locale: Locale; product: Product }
  | { kind: 'article'; locale: Locale; item: LocalizedArticle }
  | { kind: 'errors'; locale: Locale }
  | { kind: 'search'; locale: Locale }
  | { kind: 'new-case'; locale: Locale }
  | { kind: 'runbooks'; locale: 'en' }
  | { kind: 'runbook'; locale: 'en'; runbook: Runbook }
  | { kind: 'reports'; locale: 'en' }
);

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
    case 'runbooks': return 'runbooks';
    case 'runbook': return `runbooks/${route.runbook.id}`;
    case 'reports': return 'reports';
  }
}

/** The path of a route as its readers see it: locale prefix plus path, no slashes at the ends. */
function sitePath(route: Route): string {
  return [route.locale === 'en' ? '' : localeSegment(route.locale), routePath(route)].filter(Boolean).join('/');
}

/** The `[...path]` parameter of a route: where the page is written in this run's output; `undefined` for a root home. */
export function routeParam(route: Route): string | undefined {
  return sitePath(route) || undefined;
}

/** All routes of this run. Runbooks exist for the internal audience only. */
export async function allRoutes(): Promise<Route[]> {
  const taxonomy = await getTaxonomy();
  const routes: Route[] = [];
  for (const audience of audiences) {
    for (const locale of locales) {
      for (const kind of ['home', 'products', 'errors', 'search', 'new-case'] as const) routes.push({ audience, kind, locale });
      for (const product of taxonomy.products) routes.push({ audience, kind: 'product', locale, product });
      // One page per article and language it is written in: an untranslated article is listed in English and
      // links to its English page, instead of a copy per locale (half the pages of a large site, and its index).
      for (const item of await localizedArticles(locale, audience)) if (!item.fallback) routes.push({ audience, kind: 'article', locale, item });
    }
    if (audience === 'internal') {
      // Loaded only here, for the internal audience: a public-only run never reads a runbook file.
      const { getRunbookCatalog } = await import('../views/runbooks/runbook-catalog.ts');
      const { runbooks } = await getRunbookCatalog();
      routes.push({ audience, kind: 'reports', locale: 'en' }, { audience, kind: 'runbooks', locale: 'en' }, ...runbooks.map((runbook) => ({ audience, kind: 'runbook' as const, locale: 'en' as const, runbook })));
    }
  }
  return routes;
}

/**
 * URL of the same page in the other locales: every locale for site pages, the translations for an article
 * (`translations`: the locales it is written in). A missing locale's switch leads to that locale's home.
 */
export function alternatesOf(route: Route, translations?: readonly Locale[]): Partial<Record<Locale, string>> {
  const available = route.kind === 'article' && translations ? locales.filter((locale) => translations.includes(locale)) : locales;
  return Object.fromEntries(available.map((locale) => {
    const path = sitePath({ ...route, locale } as Route);
    return [locale, path ? `/${path}/` : '/'];
  }));
}
