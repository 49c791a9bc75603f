import type { VFile } from 'vfile';
import type { Article } from './article-schema.ts';
import { parseArticlePath } from './article-path.ts';
import { findFrontmatter, parseFrontmatter } from './frontmatter.ts';
import { reportError } from './report-error.ts';
import type { ArticleFileData } from './validate-article.ts';
import { isPublishable } from './publication.ts';
import { localeFromSegment } from './locales.ts';

/** Options of {@link validateCollection}. */
export interface CollectionRuleOptions {
  /** `structure` (default): related articles and translation sources exist. `all`: also links, anchors, duplicates, stale translations. */
  rules?: 'structure' | 'all';
}

/**
 * Checks what no single file can: related articles and translation sources exist.
 * `files` maps every article file's path (valid or not) to its file, so messages land on the right file.
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
    const block = findFrontmatter(String(file.value));
    const parsed = block ? parseFrontmatter(block) : undefined;
    article.related.forEach((id, index) => {
      if (!english.has(id)) reportError(file, `Unknown related article \`${id}\`, no file \`articles/en/${id}.mdx\``, parsed?.locate(['related', index]), 'related-missing');
    });
    if (article.translationOf !== undefined && !english.has(article.translationOf)) {
      reportError(file, `Missing source \`articles/en/${article.translationOf}.mdx\` of this translation`, parsed?.locate(['translationOf']), 'translation-missing');
    }
  }
  if (options.rules === 'all') checkCollectionRules(articles, files);
}

const ARTICLE_LINK = /^\/(?:([a-z]{2}(?:-[a-z]{2})?)\/)?articles\/([a-z0-9-]+\/[a-z0-9-]+)\/?(?:#(.*))?$/;

/** The rules of `kb check` that span files: links and anchors, publishability of link targets, duplicates, stale translations. */
function checkCollectionRules(articles: readonly Article[], files: ReadonlyMap<string, VFile>): void {
  const byKey = new Map(articles.map((article) => [`${article.locale}/${article.id}`, article]));
  const facts = (article: Article) => (files.get(article.path)?.data as ArticleFileData | undefined)?.kbFacts;
  const report = (article: Article, reason: string, place: Parameters<typeof reportError>[2], ruleId: string, fatal = true) => {
    const file = files.get(article.path);
    if (!file) return;
    if (fatal) reportError(file, reason, place, ruleId);
    else file.message(reason, { place, ruleId, source: 'kb' });
  };

  const seen = new Map<string, string>();
  for (const file of files.values()) {
    const location = parseArticlePath(file.path);
    if (!location) continue;
    const key = `${location.locale}/${location.id}`;
    const first = seen.get(key);
    if (first) reportError(file, `Unexpected duplicate id \`${location.id}\`, \`${first}\` has it already`, { line: 1, column: 1 }, 'duplicate-id');
    else seen.set(key, file.path);
  }
  const slugs = new Map<string, Article>();
  for (const article of articles.filter((candidate) => candidate.locale === 'en')) {
    const slug = article.id.split('/')[1] ?? '';
    const other = slugs.get(slug);
    if (other && other.id !== article.id) report(article, `Unexpected duplicate slug \`${slug}\`, also used by \`${other.id}\`: give the page a name of its own`, { line: 1, column: 1 }, 'duplicate-slug', false);
    else slugs.set(slug, article);
  }

  for (const article of articles) {
    const block = findFrontmatter(String(files.get(article.path)?.value ?? ''));
    const locate = block ? parseFrontmatter(block).locate : () => ({ line: 1, column: 1 });
    if (article.translationOf) {
      const source = byKey.get(`en/${article.translationOf}`);
      if (source && source.updated > article.updated) {
        report(article, `Unexpected stale translation, its source changed on ${source.updated} after this translation (${article.updated})`, locate(['updated']), 'translation-stale', false);
      }
    }
    const publishable = isPublishable(article);
    if (publishable) {
      article.related.forEach((id, index) => {
        const target = byKey.get(`en/${id}`);
        if (target && !isPublishable(target)) report(article, `Unexpected link to \`${id}\` (${target.state}, ${target.visibility}) from a published article, customers cannot open it`, locate(['related', index]), 'link-unpublishable');
      });
    }
    for (const link of facts(article)?.links ?? []) {
      const place = link.position?.start;
      if (link.url.startsWith('#')) {
        const anchor = decodeURIComponent(link.url.slice(1));
        if (!facts(article)?.headings.some((heading) => heading.slug === anchor)) report(article, `Unknown anchor \`${link.url}\`, no heading of this article has that id`, place, 'link-broken');
        continue;
      }
      const match = ARTICLE_LINK.exec(link.url);
      if (!match) continue;
      const [, localeSegmentOfLink, id = '', anchor] = match;
      const linkLocale = localeSegmentOfLink ? localeFromSegment(localeSegmentOfLink) : 'en';
      const english = byKey.get(`en/${id}`);
      if (!english || !linkLocale) {
        report(article, `Unknown article \`${link.url}\`, no file \`articles/en/${id}.mdx\``, place, 'link-broken');
        continue;
      }
      const target = byKey.get(`${article.locale}/${id}`) ?? byKey.get(`${linkLocale}/${id}`) ?? english;
      if (anchor && !facts(target)?.headings.some((heading) => heading.slug === decodeURIComponent(anchor))) {
        report(article, `Unknown anchor \`#${anchor}\` in \`${id}\``, place, 'link-broken');
      }
      if (publishable && !isPublishable(english)) {
        report(article, `Unexpected link to \`${id}\` (${english.state}, ${english.visibility}) from a published article, customers cannot open it`, place, 'link-unpublishable');
      }
    }
  }
}
