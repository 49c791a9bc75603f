import { describe, expect, it } from 'vitest';
import { buildReport, type ReportCase } from '@nimbus/case-index';
import { formatReport } from '../src/format-report.ts';

/** A summarised case with nothing found in it but what `fields` say. */
function reportCase(id: string, fields: Partial<ReportCase>): ReportCase {
  const empty = { linkedArticles: [], results: [], signatures: [], unknownSignatures: [], terms: [] };
  return { id, subject: `Subject ${id}`, ...empty, ...fields };
}

describe('formatReport', () => {
  it('renders as text without losing hostile subjects', () => {
    const hostile = buildReport([reportCase('x', { subject: '<script>alert(1)</script>', terms: ['a', 'b', 'c'] }), reportCase('y', { subject: 'two', terms: ['a', 'b', 'c'] })]);
    const text = formatReport(hostile);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Content gaps');
  });

  it('shows the top entries of each list and counts the rest', () => {
    const articles = Array.from({ length: 4 }, (_, n) => ({ id: `area/article-${n}`, title: `Article ${n}` }));
    const report = buildReport([reportCase('1', { createdAt: '2026-01-05T10:00:00Z', linkedArticles: ['area/article-0'] })], { articles });
    const text = formatReport(report, { top: 2 });
    expect(text.split('\n').slice(0, 4)).toEqual(['Case–article report', '', 'Cases: 1', 'Link rate: 100.0 % (1 cases: 1 linked by engineers, 0 with a good match ≥ 0.65)']);
    expect(text).toContain('Articles never reused: 3\n  area/article-1  Article 1\n  area/article-2  Article 2\n  … 1 more');
    expect(text).toMatch(/ {2}2026-01 {6}1 {7}1 {5}0 +100\.0 %/);
  });
});
