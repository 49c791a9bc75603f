// Learning from the ledger, measured with a time split on the sample case export (content/cases/cases.jsonl): the
// cases engineers linked (`linkedArticles`) in the earlier months enrich the articles they resolved; the linked cases of
// the later months are ranked with and without that learning. Quality is R@1, R@5, MRR@10 of the linked article id.
// Run alone: `node bench/case-index/ledger-split.ts`.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIndex, rank, readCases, withLinkedCases, type SupportCase } from '@nimbus/case-index';
import { quality, type Quality } from './labeled.ts';

/** The time split result. */
export interface LedgerSplit {
  splitAt: string;
  learnedFrom: number;
  measured: number;
  without: Quality;
  with: Quality;
  /** Later cases whose article was linked at least once in the earlier months (a recurring problem). */
  recurring: { n: number; without: Quality; with: Quality };
  /** The same cases ranked on their subject line alone (what the case form sees first). */
  subjectOnly: { without: Quality; with: Quality };
}

/** Runs the split: cases created before `splitAt` teach, linked cases from `splitAt` on are measured. */
export async function measureLedgerSplit(contentDir: string, splitAt = '2026-07-01'): Promise<LedgerSplit> {
  const { index } = await openIndex(path.join(contentDir, 'articles'), { cacheDir: false });
  const cases: SupportCase[] = [];
  for await (const item of readCases(path.join(contentDir, 'cases', 'cases.jsonl'))) if (item.type === 'case') cases.push(item.case);
  const earlier = cases.filter((item) => (item.createdAt ?? '') < splitAt && item.linkedArticles.length > 0);
  const later = cases.filter((item) => (item.createdAt ?? '') >= splitAt && item.linkedArticles.length > 0);
  const learned = withLinkedCases(index, earlier);
  const seen = new Set(earlier.flatMap((item) => item.linkedArticles));
  const position = (ids: string[], item: SupportCase) => ids.findIndex((id) => item.linkedArticles.includes(id));
  const rows = later.map((item) => {
    const text = { subject: item.subject, body: item.body };
    return {
      recurring: item.linkedArticles.some((id) => seen.has(id)),
      without: position(rank(index, text, { top: 10, evidence: false }).map((result) => result.id), item),
      with: position(rank(learned, text, { top: 10, evidence: false }).map((result) => result.id), item),
      subjectWithout: position(rank(index, { subject: item.subject }, { top: 10, evidence: false }).map((result) => result.id), item),
      subjectWith: position(rank(learned, { subject: item.subject }, { top: 10, evidence: false }).map((result) => result.id), item),
    };
  });
  const recurring = rows.filter((row) => row.recurring);
  return {
    splitAt,
    learnedFrom: earlier.length,
    measured: later.length,
    without: quality(rows.map((row) => ({ position: row.without }))),
    with: quality(rows.map((row) => ({ position: row.with }))),
    recurring: {
      n: recurring.length,
      without: quality(recurring.map((row) => ({ position: row.without }))),
      with: quality(recurring.map((row) => ({ position: row.with }))),
    },
    subjectOnly: {
      without: quality(rows.map((row) => ({ position: row.subjectWithout }))),
      with: quality(rows.map((row) => ({ position: row.subjectWith }))),
    },
  };
}

/** The split as Markdown lines. */
export function formatLedgerSplit(split: LedgerSplit): string {
  const cell = (q: Quality) => `${q.r1.toFixed(2)} / ${q.r5.toFixed(2)} / **${q.mrr.toFixed(3)}**`;
  return [
    '',
    `Ledger time split (content/cases/cases.jsonl): learn from ${split.learnedFrom} linked cases before ${split.splitAt}, measure ${split.measured} linked cases from then on — R@1 / R@5 / MRR@10`,
    '',
    '| later cases | n | without the ledger | with the ledger |',
    '|---|--:|--:|--:|',
    `| all | ${split.measured} | ${cell(split.without)} | ${cell(split.with)} |`,
    `| article linked before (recurring problem) | ${split.recurring.n} | ${cell(split.recurring.without)} | ${cell(split.recurring.with)} |`,
    `| all, subject line only | ${split.measured} | ${cell(split.subjectOnly.without)} | ${cell(split.subjectOnly.with)} |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const content = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');
  console.log(formatLedgerSplit(await measureLedgerSplit(content)));
}
