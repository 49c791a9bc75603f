import { describe, expect, it } from 'vitest';
import { buildReport, type ReportCase } from '../src/report.ts';

const article = (id: string, confidence: number) => ({ id, title: `Title of ${id}`, score: 10, confidence });
const reportCase = (id: string, overrides: Partial<ReportCase>): ReportCase => ({
  id,
  subject: `Subject ${id}`,
  linkedArticles: [],
  results: [],
  signatures: [],
  unknownSignatures: [],
  terms: [],
  ...overrides,
});

const cases: ReportCase[] = [
  reportCase('1', { createdAt: '2026-01-05T10:00:00Z', resolvedAt: '2026-01-05T14:00:00Z', linkedArticles: ['compute/ssh'], results: [article('compute/ssh', 0.9)] }),
  reportCase('2', { createdAt: '2026-01-20T10:00:00Z', results: [article('compute/ssh', 0.8)] }),
  reportCase('3', { createdAt: '2026-02-01T10:00:00Z', results: [article('dns/nxdomain', 0.3)], signatures: ['hresult:0xc004f074'], unknownSignatures: ['hresult:0xc004f074'], terms: ['activation', 'kms'] }),
  reportCase('4', { createdAt: '2026-02-11T10:00:00Z', results: [article('dns/nxdomain', 0.35)], signatures: ['hresult:0xc004f074'], unknownSignatures: ['hresult:0xc004f074'], terms: ['activation', 'windows'] }),
  reportCase('5', { createdAt: '2026-02-12T10:00:00Z', results: [article('iam/mfa', 0.2)], terms: ['apex', 'cname', 'zone', 'record'] }),
  reportCase('6', { createdAt: '2026-02-13T10:00:00Z', results: [article('iam/mfa', 0.25)], terms: ['apex', 'cname', 'zone', 'root'] }),
  reportCase('7', { createdAt: '2026-02-14T10:00:00Z', results: [article('iam/mfa', 0.25)], terms: ['unrelated', 'words'] }),
];
const articles = ['compute/ssh', 'dns/nxdomain', 'iam/mfa', 'vnet/lb'].map((id) => ({ id, title: `Title of ${id}` }));

describe('buildReport', () => {
  const report = buildReport(cases, { articles, goodMatch: 0.6 });

  it('computes the link rate from explicit links and good matches', () => {
    expect(report.totals).toEqual({ cases: 7, explicit: 1, suggested: 1, linked: 2, unmatched: 5 });
    expect(report.linkRate).toBe(0.286);
    expect(report.explicitLinkRate).toBe(0.143);
  });

  it('counts reuse per article and lists articles never reused', () => {
    expect(report.reuse).toEqual([{ article: 'compute/ssh', title: 'Title of compute/ssh', cases: 2, explicit: 1, suggested: 1 }]);
    expect(report.neverReused.map((entry) => entry.article)).toEqual(['dns/nxdomain', 'iam/mfa', 'vnet/lb']);
  });

  it('groups content gaps by a shared unknown signature, then by shared words', () => {
    expect(report.gaps.map((gap) => gap.caseIds)).toEqual([['3', '4'], ['5', '6']]);
    expect(report.gaps[0]).toMatchObject({
      size: 2,
      signatures: ['hresult:0xc004f074'],
      terms: ['activation'],
      sampleSubjects: ['Subject 3', 'Subject 4'],
      bestArticle: { id: 'dns/nxdomain', confidence: 0.35 },
      firstSeen: '2026-02-01T10:00:00Z',
    });
    expect(report.ungroupedGaps).toBe(1);
  });

  it('reports trends per month', () => {
    expect(report.trends).toEqual([
      { month: '2026-01', cases: 2, linked: 2, explicit: 1, gaps: 0, linkRate: 1, medianHoursToResolve: 4 },
      { month: '2026-02', cases: 5, linked: 0, explicit: 0, gaps: 5, linkRate: 0 },
    ]);
  });

  it('handles an empty export', () => {
    expect(buildReport([])).toMatchObject({ linkRate: 0, gaps: [], trends: [] });
  });
});
