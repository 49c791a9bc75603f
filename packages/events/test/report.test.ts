import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEventsReport, formatEventsReport, normalizeQuery, queryGroupKey, siteEvent, type StoredEvent } from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const stored = fixture('events.jsonl')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as StoredEvent)
  .map((item) => ({ ...item, event: siteEvent.parse(item.event) }));

describe('events report', () => {
  const report = buildEventsReport(stored);

  it('has contract 7 fields exactly as specified', () => {
    const expected = JSON.parse(fixture('expected-contract.json')) as Record<string, unknown>;
    expect({ votes: report.votes, zeroResults: report.zeroResults, caseForm: { started: report.caseForm.started, submitted: report.caseForm.submitted, notSubmitted: report.caseForm.notSubmitted } }).toEqual(expected);
  });

  it('queues zero-result and no-click searches as gap groups, clicked searches not', () => {
    expect(report.gaps.map((gap) => [gap.query, gap.zeroResults, gap.noClick])).toEqual([
      ['flux capacitor overheated', 2, 0],
      ['quota exceeded', 0, 1],
    ]);
    expect(report.gaps[0]!.variants.map((variant) => variant.query)).toEqual(['flux capacitor overheated', 'overheated flux capacitor']);
    expect(report.gaps[0]!.id).toMatch(/^gap-[0-9a-f]{10}$/);
  });

  it('keeps reasons and flags per article, case-form outcomes in honest counts, and trends per day', () => {
    const article = report.articles.find((entry) => entry.article === 'compute/boot-loop')!;
    expect(article.reasons.map((reason) => reason.text)).toEqual(['Step 3 is missing']);
    expect(article.flagCounts).toEqual({ outdated: 1 });
    expect(report.caseForm).toMatchObject({ unknown: 1, submittedAfterSuggestions: 1, leftAfterSuggestions: 1, openedSuggestion: 1 });
    expect(report.trends.map((day) => [day.day, day.searches, day.zeroResults])).toEqual([
      ['2026-11-30', 1, 1],
      ['2026-12-01', 3, 1],
    ]);
    const text = formatEventsReport(report);
    expect(text).toContain('1 session ended without a case (1 after the form had shown an article; whether the article solved it is not known)');
    expect(text).not.toMatch(/resolved/i);
  });

  it('groups queries regardless of case, spacing, punctuation and word order', () => {
    expect(normalizeQuery('  “Disk  FULL!” ')).toBe('disk full');
    expect(queryGroupKey('Full disk')).toBe(queryGroupKey('disk full?'));
    expect(queryGroupKey('ERR_CONNECTION_RESET.')).toBe('err_connection_reset');
    expect(normalizeQuery('mail [redacted:email]')).toBe('mail [redacted:email]');
  });
});
