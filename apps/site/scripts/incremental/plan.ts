// Decides how a site is built, from its inputs and the manifest of its published build: cold (render everything),
// reuse (nothing the site shows changed: the published build is this build's output), or partial (render the pages
// whose inputs changed — the edited articles, the articles that list them as related, and every list and index —
// and keep every other file of the published build). Any doubt means cold.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { localeSegment, type Locale } from '@nimbus/content';
import type { ArticleEntry } from '../../src/lib/article-source.ts';
import { articleKey, type SiteInputs, type SiteManifest } from './manifest.ts';

/** How one site is built. `pages` are route parameters as `routeParam` gives them ('' for a home). */
export type SitePlan =
  | { mode: 'cold'; reason: string }
  | { mode: 'reuse' }
  | { mode: 'partial'; pages: string[]; articlePages: number; changedArticles: number };

/** The page parameter of an article key's page: `articles/<id>`, below its locale's segment when not English. */
function articlePage(key: string): string {
  const [locale, ...id] = key.split('/');
  const segment = locale === 'en' ? '' : `${localeSegment(locale as Locale)}/`;
  return `${segment}articles/${id.join('/')}`;
}

const ARTICLE_PAGE = /^(?:[a-z-]+\/)?articles\/.+$/;

/** The page parameters of a built site, from its `index.html` files; undefined when it holds HTML of another shape. */
async function builtPages(dir: string): Promise<string[] | undefined> {
  const pages: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    // Not-found pages (one per locale) are no routes: every build renders them.
    if (entry.name === '404.html') continue;
    if (entry.name !== 'index.html') return undefined;
    pages.push(relative === 'index.html' ? '' : relative.slice(0, -'/index.html'.length));
  }
  return pages.sort();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Plans the build of one site. `previous` is the published build (its folder and manifest), `current` this build's
 * inputs, `entries` the validated articles (for their `related` lists).
 */
export async function planSite(previous: { dir: string; manifest: SiteManifest | undefined } | undefined, current: SiteInputs, entries: readonly ArticleEntry[]): Promise<SitePlan> {
  if (!previous) return { mode: 'cold', reason: 'no published build' };
  const { manifest } = previous;
  if (!manifest) return { mode: 'cold', reason: 'the published build has no manifest of this version' };
  if (manifest.fingerprint !== current.fingerprint) return { mode: 'cold', reason: 'code, settings, taxonomy, vocabulary, runbooks or cases changed' };
  if (!sameList(manifest.visible, current.visible)) return { mode: 'cold', reason: 'the articles the site shows changed (added, removed, translated, or made internal)' };
  const changed = current.visible.filter((key) => manifest.articles[key] !== current.articles[key]);
  if (changed.length === 0) return { mode: 'reuse' };
  const pages = await builtPages(previous.dir).catch(() => undefined);
  if (!pages) return { mode: 'cold', reason: 'the published build holds pages of an unknown shape' };
  const articlePages = pages.filter((page) => ARTICLE_PAGE.test(page));
  // The published article pages must be exactly those of the articles it shows, or this plan does not know the site.
  if (!sameList(articlePages, current.visible.map(articlePage).sort())) return { mode: 'cold', reason: 'the published article pages do not match its articles' };
  const changedIds = new Set(changed.map((key) => key.slice(key.indexOf('/') + 1)));
  const related = new Map(entries.map((entry) => [articleKey(entry.data), entry.data.related]));
  // An article page shows its own article and the titles of its related articles; lists and indexes show them all.
  const affected = current.visible.filter((key) => changedIds.has(key.slice(key.indexOf('/') + 1)) || (related.get(key) ?? []).some((id) => changedIds.has(id)));
  const lists = pages.filter((page) => !ARTICLE_PAGE.test(page));
  return { mode: 'partial', pages: [...lists, ...affected.map(articlePage)].sort(), articlePages: affected.length, changedArticles: changed.length };
}
