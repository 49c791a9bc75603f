import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Article } from './article-schema.ts';
import { parseArticlePath } from './article-path.ts';
import { frontmatterLocator } from './frontmatter.ts';
import { reportError, secondLocation } from './report-error.ts';
import type { ArticleFileData } from './validate-article.ts';
import { articleKey, isPublishable, publishedArticles } from './publication.ts';
import { localeFromSegment } from './locales.ts';

/** Options of {@link validateCollection}. */
export interface CollectionRuleOptions {
  /**
   * `structure` (default, the build): related articles and translation sources exist; links, `related` and anchors
   * lead to what exists and ships. `all` (`kb check`): also duplicates and stale translations.
   */
  rules?: 'structure' | 'all';
}

/**
 * Checks what no single file can: related articles and translation sources exist, links and anchors lead to articles
 * and headings that exist, and a published article links only to what ships (publication is decided over the
 * collection: see `publishedArticles`). `files` maps every article file's path (valid or not) to its file, so
 * messages land on the right file.
 */
export function validateCollection(articles: readonly Article[], files: ReadonlyMap<string, VFile>, options: CollectionRuleOptions = {}): void {
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
    const locate = frontmatterLocator(String(file.value));
    article.related.forEach((id, index) => {
      if (!english.has(id)) reportError(file, `Unknown related article \`${id}\`, no file \`articles/en/${id}.mdx\``, locate(['related', index]), 'related-missing');
    });
    if (article.translationOf !== undefined && !english.has(article.translationOf)) {
      reportError(file, `Missing source \`articles/en/${article.translationOf}.mdx\` of this translation`, locate(['translationOf']), 'translation-missing');
    }
  }
  checkPublicationRules(articles, files);
  if (options.rules === 'all') checkCollectionRules(articles, files);
}

const ARTICLE_PREFIX = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?articles(?:\/|$)/i;
const ARTICLE_LINK = /^\/(?:([a-z]{2}(?:-[a-z]{2})?)\/)?articles\/([a-z0-9-]+\/[a-z0-9-]+)\/?(?:#(.*))?$/;

type Report = (article: Article, reason: string, place: Parameters<typeof reportError>[2], ruleId: string, fatal?: boolean, cause?: VFileMessage) => void;

function reporter(files: ReadonlyMap<string, VFile>): Report {
  return (article, reason, place, ruleId, fatal = true, cause) => {
    const file = files.get(article.path);
    if (!file) return;
    if (fatal) reportError(file, reason, place, ruleId, cause);
    else file.message(reason, { place, ruleId, source: 'kb', ...(cause ? { cause } : {}) });
  };
}

/** The rules of `kb check` only: duplicate ids and slugs, stale translations. */
function checkCollectionRules(articles: readonly Article[], files: ReadonlyMap<string, VFile>): void {
  const byKey = new Map(articles.map((article) => [`${article.locale}/${article.id}`, article]));
  const report = reporter(files);

  const seen = new Map<string, string>();
  for (const file of files.values()) {
    const location = parseArticlePath(file.path);
    if (!location) continue;
    const key = `${location.locale}/${location.id}`;
    const first = seen.get(key);
    if (first) reportError(file, `Unexpected duplicate id \`${location.id}\`, \`${first}\` has it already`, { line: 1, column: 1 }, 'duplicate-id', secondLocation(first, `The first file of \`${location.id}\``, { line: 1, column: 1 }, 'duplicate-id'));
    else seen.set(key, file.path);
  }
  const slugs = new Map<string, Article>();
  for (const article of articles.filter((candidate) => candidate.locale === 'en')) {
    const slug = article.id.split('/')[1] ?? '';
    const other = slugs.get(slug);
    if (other && other.id !== article.id) {
      const cause = secondLocation(other.path, `The other use of the slug \`${slug}\``, { line: 1, column: 1 }, 'duplicate-slug');
      report(article, `Unexpected duplicate slug \`${slug}\`, also used by \`${other.id}\`: give the page a name of its own`, { line: 1, column: 1 }, 'duplicate-slug', false, cause);
    }
    else slugs.set(slug, article);
  }

  for (const article of articles) {
    const locate = frontmatterLocator(String(files.get(article.path)?.value ?? ''));
    if (article.translationOf) {
      const source = byKey.get(`en/${article.translationOf}`);
      if (source && source.updated > article.updated) {
        report(article, `Unexpected stale translation, its source changed on ${source.updated} after this translation (${article.updated})`, locate(['updated']), 'translation-stale', false);
      }
    }
  }
}

/**
 * The rules the build runs too: links, `related` and anchors lead to what exists, and from a published article only
 * to what ships. A link inside an `<Internal>` section is seen by engineers only, so it may lead to internal articles;
 * an anchor is looked up among the headings of the page that shows the link (the public page has no internal ones).
 */
function checkPublicationRules(articles: readonly Article[], files: ReadonlyMap<string, VFile>): void {
  const byKey = new Map(articles.map((article) => [articleKey(article), article]));
  const published = publishedArticles(articles);
  const ships = (article: Article) => published.has(articleKey(article));
  const facts = (article: Article) => (files.get(article.path)?.data as ArticleFileData | undefined)?.kbFacts;
  const slugsOf = (article: Article, audience: 'public' | 'internal') => {
    const found = facts(article);
    return audience === 'public' && found?.publicSlugs ? found.publicSlugs : (found?.headings.map((heading) => heading.slug) ?? []);
  };
  const report = reporter(files);
  for (const article of articles) {
    const locate = frontmatterLocator(String(files.get(article.path)?.value ?? ''));
    const publishable = ships(article);
    if (article.locale !== 'en' && isPublishable(article) && !publishable) {
      const source = byKey.get(`en/${article.translationOf ?? article.id}`);
      if (source) report(article, `Unexpected public translation of \`${source.id}\` (${source.state}, ${source.visibility}), it ships only when its English source does`, locate(['state']), 'translation-unpublished', false);
    }
    if (publishable) {
      article.related.forEach((id, index) => {
        const target = byKey.get(`en/${id}`);
        if (target && !ships(target)) report(article, `Unexpected link to \`${id}\` (${target.state}, ${target.visibility}) from a published article, customers cannot open it`, locate(['related', index]), 'link-unpublishable');
      });
    }
    for (const link of facts(article)?.links ?? []) {
      const place = link.position?.start;
      // The page this link shows on: the public one when the article ships and the link is not in an internal section.
      const audience = publishable && !link.internal ? 'public' : 'internal';
      if (link.url.startsWith('#')) {
        const anchor = decodeURIComponent(link.url.slice(1));
        if (!slugsOf(article, audience).includes(anchor)) report(article, `Unknown anchor \`${link.url}\`, no heading of this article has that id`, place, 'link-broken');
        continue;
      }
      const match = ARTICLE_LINK.exec(link.url);
      if (!match) {
        // `/articles/no-such-article/` is not an article id at all: a page that does not exist either.
        if (ARTICLE_PREFIX.test(link.url)) report(article, `Unknown article \`${link.url}\`, expected \`/articles/<product>/<slug>/\``, place, 'link-broken');
        continue;
      }
      const [, localeSegmentOfLink, id = '', anchor] = match;
      const linkLocale = localeSegmentOfLink ? localeFromSegment(localeSegmentOfLink) : 'en';
      const source = byKey.get(`en/${id}`);
      if (!source || !linkLocale) {
        report(article, `Unknown article \`${link.url}\`, no file \`articles/en/${id}.mdx\``, place, 'link-broken');
        continue;
      }
      const target = byKey.get(`${article.locale}/${id}`) ?? byKey.get(`${linkLocale}/${id}`) ?? source;
      if (anchor && !slugsOf(target, audience === 'public' && ships(target) ? 'public' : 'internal').includes(decodeURIComponent(anchor))) {
        report(article, `Unknown anchor \`#${anchor}\` in \`${id}\``, place, 'link-broken');
      }
      if (audience === 'public' && !ships(source)) {
        report(article, `Unexpected link to \`${id}\` (${source.state}, ${source.visibility}) from a published article, customers cannot open it`, place, 'link-unpublishable');
      }
    }
  }
}
