import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { codeVariants, formatMessage, locales, validateTaxonomy, visibleArticles, withoutInternalSections, type Article, type Audience, type Locale, type Taxonomy } from '@nimbus/content';
import { contentDir } from './site-config.ts';
import { forgetArticleEntries, loadArticleEntries, type ArticleEntry } from './article-source.ts';
import { localePath } from './i18n.ts';

export type { ArticleEntry };

/** An article as a page of `locale` shows it: its translation when there is one, else the English original. */
export interface LocalizedArticle {
  entry: ArticleEntry;
  article: Article;
  /** True when `locale` has no translation: lists show the English article, marked, and link to its English page. */
  fallback: boolean;
  /** URL of the article's page: in `locale` when translated, else the English page (no copies per locale). */
  url: string;
}

let taxonomyPromise: Promise<Taxonomy> | undefined;

/** The taxonomy of the content folder; the build has already validated it. */
export function getTaxonomy(): Promise<Taxonomy> {
  taxonomyPromise ??= (async () => {
    const file = new VFile({ path: 'taxonomy.yaml', value: await readFile(path.join(contentDir, 'taxonomy.yaml'), 'utf8') });
    const taxonomy = validateTaxonomy(file);
    if (!taxonomy) throw new Error(file.messages.map((message) => formatMessage(message)).join('\n'));
    return taxonomy;
  })();
  return taxonomyPromise;
}

const entriesCache = new Map<Audience, Promise<ArticleEntry[]>>();

/**
 * Lets the article lists of allEntries and article-source.ts go, for a one-shot process done reading them (the search
 * index's child, which reads nothing else of this module: at 31,520 articles their text is most of a gigabyte it would
 * otherwise carry to its end).
 */
export function forgetEntries(): void {
  entriesCache.clear();
  forgetArticleEntries();
}

/**
 * The entries `audience` may see, decided over the whole collection (`visibleArticles`: a translation ships only when
 * its English source does); a single-pass build loads the internal superset once.
 */
export function allEntries(audience: Audience): Promise<ArticleEntry[]> {
  let cached = entriesCache.get(audience);
  if (!cached) {
    cached = loadArticleEntries().then((entries) => {
      const visible = new Set(visibleArticles(entries.map((entry) => entry.data), audience));
      return entries.filter((entry) => visible.has(entry.data));
    });
    entriesCache.set(audience, cached);
  }
  return cached;
}

/** URL of an article page in `locale`. */
export function articleUrl(locale: Locale, id: string): string {
  return localePath(locale, `/articles/${id}/`);
}

/**
 * `compute(locale, audience)` worked out once per site and locale: every page asks again, and the answer is the
 * site's, not the page's.
 */
function perSite<T>(compute: (locale: Locale, audience: Audience) => Promise<T>): (locale: Locale, audience: Audience) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (locale, audience) => {
    const key = `${audience}/${locale}`;
    let cached = cache.get(key);
    if (!cached) cache.set(key, (cached = compute(locale, audience)));
    return cached;
  };
}

/** Every article `audience` may see, as `locale` shows it, sorted by title; English ids decide what exists. */
export const localizedArticles: (locale: Locale, audience: Audience) => Promise<LocalizedArticle[]> = perSite(computeLocalizedArticles);

async function computeLocalizedArticles(locale: Locale, audience: Audience): Promise<LocalizedArticle[]> {
  const byTitle = collator(locale);
  const entries = await allEntries(audience);
  const byLocale = new Map(entries.map((entry) => [`${entry.data.locale}/${entry.data.id}`, entry]));
  return entries
    .filter((entry) => entry.data.locale === 'en')
    .map((english) => {
      const translated = byLocale.get(`${locale}/${english.data.id}`);
      const entry = translated ?? english;
      return { entry, article: entry.data, fallback: translated === undefined, url: articleUrl(translated ? locale : 'en', english.data.id) };
    })
    .sort((a, b) => byTitle.compare(a.article.title, b.article.title));
}

// `localeCompare` with a locale builds a collator on every call; sorting thousands of titles or errors per page
// spent most of its time there. These compare exactly as those calls did.
const collators = new Map<string, Intl.Collator>();
function collator(locale: string, options?: Intl.CollatorOptions): Intl.Collator {
  const key = `${locale}/${JSON.stringify(options ?? {})}`;
  let found = collators.get(key);
  if (!found) collators.set(key, (found = new Intl.Collator(locale, options)));
  return found;
}

/** {@link localizedArticles} by English id: a page looks up its related articles without scanning every article. */
export const localizedArticlesById: (locale: Locale, audience: Audience) => Promise<ReadonlyMap<string, LocalizedArticle>> = perSite(async (locale, audience) =>
  new Map((await localizedArticles(locale, audience)).map((item) => [item.article.id, item])),
);

const localesCache = new Map<Audience, Promise<Map<string, Locale[]>>>();

/** Locales in which an article exists for `audience` (computed once per site, not per page). */
export async function availableLocales(id: string, audience: Audience): Promise<Locale[]> {
  let cached = localesCache.get(audience);
  if (!cached) {
    cached = allEntries(audience).then((entries) => {
      const byId = new Map<string, Locale[]>();
      for (const entry of entries) byId.set(entry.data.id, [...(byId.get(entry.data.id) ?? []), entry.data.locale]);
      for (const [id, found] of byId) byId.set(id, locales.filter((locale) => found.includes(locale)));
      return byId;
    });
    localesCache.set(audience, cached);
  }
  return (await cached).get(id) ?? [];
}

/** One row of the error index: an error string and the articles that resolve it. */
export interface ErrorIndexRow {
  error: string;
  articles: LocalizedArticle[];
}

/** Every error string of the articles, with its articles, sorted case-insensitively. */
export const errorIndex: (locale: Locale, audience: Audience) => Promise<readonly ErrorIndexRow[]> = perSite(computeErrorIndex);

async function computeErrorIndex(locale: Locale, audience: Audience): Promise<ErrorIndexRow[]> {
  const rows = new Map<string, LocalizedArticle[]>();
  for (const item of await localizedArticles(locale, audience)) {
    for (const error of item.article.errors) {
      const articles = rows.get(error);
      if (articles) articles.push(item);
      else rows.set(error, [item]);
    }
  }
  const caseless = collator('en', { sensitivity: 'base' });
  return [...rows].map(([error, articles]) => ({ error, articles })).sort((a, b) => caseless.compare(a.error, b.error));
}

/** Anchor id of an error in the error index. */
export function errorAnchor(error: string): string {
  return `e-${error.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'error'}`;
}

/** Short codes (no spaces) first, most articles first: what customers paste most. */
export async function commonErrors(locale: Locale, audience: Audience, limit: number): Promise<ErrorIndexRow[]> {
  return (await errorIndex(locale, audience))
    .filter((row) => !/\s/.test(row.error) && row.error.length <= 40)
    .sort((a, b) => b.articles.length - a.articles.length || a.error.localeCompare(b.error))
    .slice(0, limit);
}

/**
 * Joined forms of the codes in an article (see `codeVariants`), indexed so exact codes are found:
 * those of its `errors` (what it resolves, weighted high) apart from those merely mentioned in the body.
 */
export function searchVariants(entry: ArticleEntry, audience: Audience): { resolved: string[]; mentioned: string[] } {
  const resolved = codeVariants(entry.data.errors.join('\n'));
  // Internal sections never feed the public index, not even as joined codes: the public part comes from the parse.
  const body = audience === 'public' ? withoutInternalSections(entry.body) : entry.body;
  const mentioned = codeVariants(body, { hyphenated: false }).filter((variant) => !resolved.includes(variant));
  return { resolved, mentioned };
}
