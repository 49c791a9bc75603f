// `kb report`'s text: the KCS report of @nimbus/case-index (`buildReport`) for a terminal.
import type { CaseReport } from '@nimbus/case-index';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** Renders a report as plain text for a terminal: the `top` largest entries of each list (default 15). */
export function formatReport(report: CaseReport, options: { top?: number } = {}): string {
  const top = options.top ?? 15;
  const lines: string[] = [];
  const { totals } = report;
  lines.push('Case–article report', '');
  lines.push(`Cases: ${totals.cases}`);
  lines.push(`Link rate: ${percent(report.linkRate)} (${totals.linked} cases: ${totals.explicit} linked by engineers, ${totals.suggested} with a good match ≥ ${report.goodMatch})`);
  lines.push(`Explicit link rate: ${percent(report.explicitLinkRate)}`);
  lines.push(`Unmatched (content gaps): ${totals.unmatched} cases, ${report.gaps.length} groups, ${report.ungroupedGaps} ungrouped`, '');
  lines.push('Reuse per article');
  if (report.reuse.length === 0) lines.push('  (none)');
  for (const entry of report.reuse.slice(0, top)) {
    lines.push(`  ${String(entry.cases).padStart(5)}  ${entry.article}  (${entry.explicit} linked, ${entry.suggested} suggested)`);
  }
  if (report.reuse.length > top) lines.push(`  … ${report.reuse.length - top} more`);
  lines.push('', `Articles never reused: ${report.neverReused.length}`);
  for (const entry of report.neverReused.slice(0, top)) lines.push(`  ${entry.article}  ${clip(entry.title, 70)}`);
  if (report.neverReused.length > top) lines.push(`  … ${report.neverReused.length - top} more`);
  lines.push('', 'Content gaps (cases with no good article)');
  if (report.gaps.length === 0) lines.push('  (none)');
  report.gaps.forEach((gap, position) => {
    const label = [...gap.signatures, ...gap.terms.slice(0, 4)].join(', ') || '(no shared signature)';
    lines.push(`  ${position + 1}. ${gap.size} cases — ${label}`);
    for (const subject of gap.sampleSubjects) lines.push(`       “${clip(subject, 90)}”`);
    if (gap.bestArticle) lines.push(`       best but weak: ${gap.bestArticle.id} (confidence ${gap.bestArticle.confidence})`);
    if (gap.firstSeen && gap.lastSeen) lines.push(`       seen ${gap.firstSeen.slice(0, 10)} … ${gap.lastSeen.slice(0, 10)}`);
  });
  lines.push('', 'Trends per month');
  lines.push('  month     cases  linked  gaps  link rate  median h to resolve');
  for (const trend of report.trends) {
    lines.push(
      `  ${trend.month}  ${String(trend.cases).padStart(5)}  ${String(trend.linked).padStart(6)}  ${String(trend.gaps).padStart(4)}  ${percent(trend.linkRate).padStart(9)}  ${trend.medianHoursToResolve === undefined ? '' : String(trend.medianHoursToResolve).padStart(19)}`,
    );
  }
  return lines.join('\n');
}
