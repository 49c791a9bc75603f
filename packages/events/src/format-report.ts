import type { EventsReport } from './report.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
// Stored text was redacted; a terminal still must not receive control characters from a reader's text.
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');

/** The events report as plain text for a terminal. */
export function formatEventsReport(report: EventsReport, options: { top?: number } = {}): string {
  const top = options.top ?? 20;
  const lines: string[] = [];
  const { totals, caseForm } = report;
  lines.push(`Events: ${totals.events} (${plural(totals.searches, 'search', 'searches')}, ${plural(totals.clicks, 'result click')}, ${plural(totals.votes, 'vote')}, ${plural(totals.flags, 'flag')})${totals.from ? `, ${totals.from.slice(0, 10)} to ${totals.to?.slice(0, 10)}` : ''}`);

  lines.push('', 'Content-gap queue (searches no article answered, grouped):');
  if (report.gaps.length === 0) lines.push('  none');
  for (const gap of report.gaps.slice(0, top)) {
    const how = [gap.zeroResults ? `${gap.zeroResults} with no result` : '', gap.noClick ? `${gap.noClick} with results nobody opened` : ''].filter(Boolean).join(', ');
    const others = gap.variants.slice(1, 4).map((variant) => `"${printable(variant.query)}"`).join(', ');
    lines.push(`  ${gap.id}  "${printable(gap.query)}"  ${plural(gap.count, 'search', 'searches')} (${how})${others ? `; also ${others}` : ''}`);
  }
  if (report.gaps.length > top) lines.push(`  … ${report.gaps.length - top} more (--format json lists all)`);

  lines.push('', 'Articles (votes, reasons, flags):');
  if (report.articles.length === 0) lines.push('  none');
  for (const entry of report.articles.slice(0, top)) {
    const flags = Object.entries(entry.flagCounts).map(([reason, n]) => `${reason} ${n}`).join(', ');
    lines.push(`  ${entry.article}: ${entry.yes} yes, ${entry.no} no${flags ? `; flagged: ${flags}` : ''}`);
    for (const reason of entry.reasons.slice(0, 3)) lines.push(`    ${reason.vote}: "${printable(reason.text)}"`);
    for (const flag of entry.flags.filter((item) => item.text).slice(0, 3)) lines.push(`    flag (${flag.reason}): "${printable(flag.text)}"`);
  }

  lines.push('', 'Case form:');
  lines.push(`  ${plural(caseForm.started, 'session')} started`);
  lines.push(`  ${plural(caseForm.submitted, 'case')} opened (${caseForm.submittedAfterSuggestions} after the form had shown an article)`);
  lines.push(`  ${plural(caseForm.notSubmitted, 'session')} ended without a case (${caseForm.leftAfterSuggestions} after the form had shown an article; whether the article solved it is not known)`);
  if (caseForm.unknown) lines.push(`  ${plural(caseForm.unknown, 'session')} with no end recorded`);
  lines.push(`  ${plural(caseForm.openedSuggestion, 'session')} in which a suggested article was opened`);

  lines.push('', 'Per day: searches / no result / clicks / yes / no / flags / case form started / cases opened');
  for (const day of report.trends.slice(-14)) {
    lines.push(`  ${day.day}  ${[day.searches, day.zeroResults, day.clicks, day.yes, day.no, day.flags, day.caseFormStarted, day.caseFormSubmitted].join(' / ')}`);
  }
  return lines.join('\n');
}
