// The KCS report of the internal site: the sample (or configured) case export linked against the internal index,
// with the same functions as `kb report`. Cases are redacted as they are read, before anything is kept.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildReport, DEFAULT_OVERLAP_WEIGHT, rank, readCases, summarizeCase, type CaseReport, type ReportCase } from '@nimbus/case-index';
import { articleIndex } from '../../lib/case-form-index.ts';
import { contentDir } from '../../lib/site-config.ts';

/** The case export the reports read: KB_CASES_FILE, else `cases/cases.jsonl` of the content folder. */
export function casesFile(): string | undefined {
  const file = process.env.KB_CASES_FILE || path.join(contentDir, 'cases', 'cases.jsonl');
  return existsSync(file) ? file : undefined;
}

let reportPromise: Promise<{ report: CaseReport; skipped: number } | undefined> | undefined;

/** The report, computed once per build; `undefined` when there is no case export. */
export function getCaseReport(): Promise<{ report: CaseReport; skipped: number } | undefined> {
  reportPromise ??= (async () => {
    const file = casesFile();
    if (!file) return undefined;
    const index = await articleIndex('internal');
    const summaries: ReportCase[] = [];
    let skipped = 0;
    for await (const item of readCases(file)) {
      if (item.type === 'case') summaries.push(summarizeCase(index, item.case, rank(index, item.case, { top: 3, overlapWeight: DEFAULT_OVERLAP_WEIGHT })));
      else skipped += 1;
    }
    const seen = new Set<string>();
    const articles = index.docs.filter((doc) => doc.kind === 'article' && !seen.has(doc.id) && seen.add(doc.id)).map((doc) => ({ id: doc.id, title: doc.title }));
    return { report: buildReport(summaries, { articles }), skipped };
  })();
  return reportPromise;
}

/** How many cases an article resolved (explicitly linked or matched well), for the internal article page. */
export async function casesResolvedBy(articleId: string): Promise<number | undefined> {
  const result = await getCaseReport();
  if (!result) return undefined;
  return result.report.reuse.find((entry) => entry.article === articleId)?.cases ?? 0;
}
