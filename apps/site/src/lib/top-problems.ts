import type { LocalizedArticle } from './catalog.ts';
import { getCaseReport } from '../views/reports/case-report.ts';

/**
 * The articles of `items` that resolved the most cases (engineer-linked or matched well), most first: the problems
 * customers hit most. Only article ids and counts are read from the report, and only articles in `items` (those
 * the page's audience may see) are returned, so no case text reaches a page. Without a case export, the articles
 * that resolve the most error messages stand in.
 */
export async function mostReusedArticles(items: readonly LocalizedArticle[], limit: number): Promise<LocalizedArticle[]> {
  const report = (await getCaseReport())?.report;
  const cases = new Map((report?.reuse ?? []).map((entry) => [entry.article, entry.cases]));
  const score = (item: LocalizedArticle) => cases.get(item.article.id) ?? 0;
  const ranked = [...items].sort((a, b) => score(b) - score(a) || b.article.errors.length - a.article.errors.length || a.article.title.localeCompare(b.article.title));
  return (cases.size > 0 ? ranked.filter((item) => score(item) > 0) : ranked).slice(0, limit);
}
