import { bm25Idf, type CaseIndex } from './build-index.ts';
import { buildQuery, type CaseText } from './query.ts';
import type { RankedResult } from './rank.ts';
import { SIGNATURE_PREFIX } from './signatures.ts';

// Isomorphic and pure: the KCS reports (link rate, reuse, content gaps, trends) the CLI prints and the internal site
// renders (their rendering lives with them: `kb report`'s text in packages/cli, the site's pages in apps/site). Cases are summarised one at a time (so a huge export never sits in memory), then reported together.

/**
 * The default confidence from which a suggestion counts as a good match (see `RankedResult.confidence`, a calibrated
 * probability): the lowest threshold at which links were right ≥ 80 % of the time on the corpus dev reports, leave-one-
 * article-out, each report counted also as a content gap with its gold article removed. Chosen by that rule, not by
 * hand, each time the ranking changes (`npm run bench -- case-index` prints it): 0.65 with the overlap rerank and
 * coordination (85 % right held-out, 32 % of the answerable reports and 5 % of the gaps linked; at 0.6, 77 % right).
 */
export const DEFAULT_GOOD_MATCH = 0.65;

/** What the report keeps of one case. Make it with {@link summarizeCase}. */
export interface ReportCase {
  id: string;
  subject: string;
  createdAt?: string;
  resolvedAt?: string;
  status?: string;
  severity?: string;
  /** Article ids the engineer linked. */
  linkedArticles: string[];
  /** The best suggestions, best first. */
  results: Array<{ id: string; title: string; score: number; confidence: number }>;
  /** Keys of the case's error signatures. */
  signatures: string[];
  /** Keys of the signatures no indexed document mentions: the strongest sign of a content gap. */
  unknownSignatures: string[];
  /** The case's most informative words, lower case, for grouping content gaps. */
  terms: string[];
}

/** A case as {@link summarizeCase} reads it. */
export interface SummarizableCase extends CaseText {
  id: string;
  createdAt?: string;
  resolvedAt?: string;
  status?: string;
  severity?: string;
  linkedArticles?: readonly string[];
}

/** Summarises a case and its ranked results for {@link buildReport}. */
export function summarizeCase(index: CaseIndex, supportCase: SummarizableCase, results: readonly RankedResult[], maxTerms = 8): ReportCase {
  const query = buildQuery(supportCase);
  const rareIdf = bm25Idf(index.docs.length, 1);
  const words: Array<{ surface: string; weight: number }> = [];
  const seen = new Set<string>();
  for (const term of query.terms) {
    if (term.signature) continue;
    const id = index.termIds.get(term.term);
    const surface = term.surface.toLowerCase();
    if (seen.has(surface) || /^\d+$/.test(surface)) continue;
    seen.add(surface);
    words.push({ surface, weight: term.weight * (id === undefined ? rareIdf : index.idf[id]!) });
  }
  words.sort((a, b) => b.weight - a.weight || a.surface.localeCompare(b.surface));
  const summary: ReportCase = {
    id: supportCase.id,
    subject: supportCase.subject ?? '',
    linkedArticles: [...(supportCase.linkedArticles ?? [])],
    results: results.slice(0, 3).map(({ id, title, score, confidence }) => ({ id, title, score, confidence })),
    signatures: query.signatures.map((signature) => signature.key),
    unknownSignatures: query.signatures.filter((signature) => !index.termIds.has(SIGNATURE_PREFIX + signature.key)).map((signature) => signature.key),
    terms: words.slice(0, maxTerms).map((word) => word.surface),
  };
  for (const key of ['createdAt', 'resolvedAt', 'status', 'severity'] as const) {
    const value = supportCase[key];
    if (value) summary[key] = value;
  }
  return summary;
}

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Confidence from which the best suggestion counts as the case's article. Default {@link DEFAULT_GOOD_MATCH}. */
  goodMatch?: number;
  /** Every article of the knowledge base, to list those never reused. Default: only articles seen in results. */
  articles?: ReadonlyArray<{ id: string; title: string }>;
  /** Smallest group reported as a content gap. Default 2. */
  minGapSize?: number;
  /** Sample subjects per gap. Default 3. */
  samples?: number;
}

/** Reuse of one article. */
export interface ArticleReuse {
  article: string;
  title: string;
  /** Cases that reuse it: explicitly linked, or suggested with a good match. */
  cases: number;
  explicit: number;
  suggested: number;
}

/** A group of cases with no good article. */
export interface ContentGap {
  size: number;
  /** Error signatures most of the group shares. */
  signatures: string[];
  /** Words most of the group shares. */
  terms: string[];
  sampleSubjects: string[];
  caseIds: string[];
  /** The article most often suggested first, and its best confidence: related, but not the answer. */
  bestArticle?: { id: string; title: string; confidence: number };
  firstSeen?: string;
  lastSeen?: string;
}

/** One month of cases. */
export interface MonthTrend {
  /** `YYYY-MM` of `createdAt`. */
  month: string;
  cases: number;
  /** Cases linked to an article (explicitly or by a good match). */
  linked: number;
  explicit: number;
  gaps: number;
  linkRate: number;
  /** Median hours from `createdAt` to `resolvedAt` of the month's resolved cases. */
  medianHoursToResolve?: number;
}

/** The KCS report. */
export interface CaseReport {
  totals: {
    cases: number;
    /** Cases with an explicit `linkedArticles` entry. */
    explicit: number;
    /** Cases without explicit links whose best suggestion is a good match. */
    suggested: number;
    linked: number;
    /** Cases with neither: each one is part of a content gap. */
    unmatched: number;
  };
  /** Share of cases linked to an article, 0…1. */
  linkRate: number;
  /** Share of cases the engineer linked explicitly, 0…1. */
  explicitLinkRate: number;
  goodMatch: number;
  /** Articles by reuse, most reused first. */
  reuse: ArticleReuse[];
  /** Articles no case reused. */
  neverReused: Array<{ article: string; title: string }>;
  /** Groups of unmatched cases, largest first. */
  gaps: ContentGap[];
  /** Unmatched cases that share nothing with another (not grouped). */
  ungroupedGaps: number;
  /** One entry per month with cases, oldest first. */
  trends: MonthTrend[];
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Keys that more than half of the lists contain, most common first. */
function shared(lists: ReadonlyArray<readonly string[]>, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const item of new Set(list)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count * 2 > lists.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([item]) => item);
}

/**
 * Groups unmatched cases: first by an error signature no article knows (cases sharing one are joined, transitively),
 * then the rest by shared words (a case joins the first group with at least three of its words in common).
 */
function groupGaps(cases: readonly ReportCase[]): ReportCase[][] {
  const parent = cases.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };
  const bySignature = new Map<string, number>();
  cases.forEach((supportCase, index) => {
    for (const key of supportCase.unknownSignatures) {
      const other = bySignature.get(key);
      if (other === undefined) bySignature.set(key, index);
      else parent[find(index)] = find(other);
    }
  });
  const groups = new Map<number, number[]>();
  cases.forEach((_, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), index]);
  });
  const result: ReportCase[][] = [];
  const loose: Array<{ members: ReportCase[]; terms: Set<string> }> = [];
  for (const members of groups.values()) {
    if (members.length > 1) {
      result.push(members.map((index) => cases[index]!));
      continue;
    }
    const supportCase = cases[members[0]!]!;
    const terms = new Set(supportCase.terms);
    const home = loose.find((group) => [...terms].filter((term) => group.terms.has(term)).length >= 3);
    if (home) home.members.push(supportCase);
    else loose.push({ members: [supportCase], terms });
  }
  return [...result, ...loose.map((group) => group.members)];
}

/** Builds the report from summarised cases. Pure: the same cases give the same report. */
export function buildReport(cases: readonly ReportCase[], options: ReportOptions = {}): CaseReport {
  const goodMatch = options.goodMatch ?? DEFAULT_GOOD_MATCH;
  const minGapSize = options.minGapSize ?? 2;
  const samples = options.samples ?? 3;
  const reuse = new Map<string, ArticleReuse>();
  const titles = new Map<string, string>(options.articles?.map((article) => [article.id, article.title]) ?? []);
  const article = (id: string) => {
    let entry = reuse.get(id);
    if (!entry) {
      entry = { article: id, title: titles.get(id) ?? id, cases: 0, explicit: 0, suggested: 0 };
      reuse.set(id, entry);
    }
    return entry;
  };
  const months = new Map<string, MonthTrend & { hours: number[] }>();
  const unmatched: ReportCase[] = [];
  let explicit = 0;
  let suggested = 0;
  for (const supportCase of cases) {
    for (const result of supportCase.results) if (!titles.has(result.id)) titles.set(result.id, result.title);
    const best = supportCase.results[0];
    let state: 'explicit' | 'suggested' | 'unmatched';
    if (supportCase.linkedArticles.length > 0) {
      state = 'explicit';
      explicit++;
      for (const id of new Set(supportCase.linkedArticles)) {
        const entry = article(id);
        entry.cases++;
        entry.explicit++;
      }
    } else if (best && best.confidence >= goodMatch) {
      state = 'suggested';
      suggested++;
      const entry = article(best.id);
      entry.cases++;
      entry.suggested++;
    } else {
      state = 'unmatched';
      unmatched.push(supportCase);
    }
    const month = /^\d{4}-\d{2}/.exec(supportCase.createdAt ?? '')?.[0];
    if (month) {
      let trend = months.get(month);
      if (!trend) {
        trend = { month, cases: 0, linked: 0, explicit: 0, gaps: 0, linkRate: 0, hours: [] };
        months.set(month, trend);
      }
      trend.cases++;
      if (state !== 'unmatched') trend.linked++;
      if (state === 'explicit') trend.explicit++;
      if (state === 'unmatched') trend.gaps++;
      const opened = Date.parse(supportCase.createdAt ?? '');
      const resolved = Date.parse(supportCase.resolvedAt ?? '');
      if (Number.isFinite(opened) && Number.isFinite(resolved) && resolved >= opened) trend.hours.push((resolved - opened) / 3_600_000);
    }
  }
  for (const entry of reuse.values()) entry.title = titles.get(entry.article) ?? entry.title;

  const groups = groupGaps(unmatched);
  const gaps: ContentGap[] = groups
    .filter((members) => members.length >= minGapSize)
    .map((members) => {
      const bestCounts = new Map<string, { id: string; title: string; confidence: number; count: number }>();
      for (const member of members) {
        const best = member.results[0];
        if (!best) continue;
        const entry = bestCounts.get(best.id) ?? { id: best.id, title: best.title, confidence: 0, count: 0 };
        entry.count++;
        entry.confidence = Math.max(entry.confidence, best.confidence);
        bestCounts.set(best.id, entry);
      }
      const best = [...bestCounts.values()].sort((a, b) => b.count - a.count || b.confidence - a.confidence)[0];
      const dates = members.map((member) => member.createdAt).filter((date): date is string => Boolean(date)).sort();
      const gap: ContentGap = {
        size: members.length,
        signatures: shared(members.map((member) => member.signatures), 3),
        terms: shared(members.map((member) => member.terms), 6),
        sampleSubjects: members.slice(0, samples).map((member) => member.subject),
        caseIds: members.map((member) => member.id),
      };
      if (best) gap.bestArticle = { id: best.id, title: best.title, confidence: round(best.confidence) };
      if (dates.length > 0) {
        gap.firstSeen = dates[0]!;
        gap.lastSeen = dates[dates.length - 1]!;
      }
      return gap;
    })
    .sort((a, b) => b.size - a.size || a.caseIds[0]!.localeCompare(b.caseIds[0]!));

  const reused = [...reuse.values()].filter((entry) => entry.cases > 0).sort((a, b) => b.cases - a.cases || a.article.localeCompare(b.article));
  const neverReused = (options.articles ?? [])
    .filter((entry, position, all) => !reuse.get(entry.id)?.cases && all.findIndex((other) => other.id === entry.id) === position)
    .map((entry) => ({ article: entry.id, title: entry.title }))
    .sort((a, b) => a.article.localeCompare(b.article));
  const linked = explicit + suggested;
  return {
    totals: { cases: cases.length, explicit, suggested, linked, unmatched: unmatched.length },
    linkRate: cases.length ? round(linked / cases.length) : 0,
    explicitLinkRate: cases.length ? round(explicit / cases.length) : 0,
    goodMatch,
    reuse: reused,
    neverReused,
    gaps,
    ungroupedGaps: groups.filter((members) => members.length < minGapSize).reduce((sum, members) => sum + members.length, 0),
    trends: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map(({ hours, ...trend }) => {
        const hoursMedian = median(hours);
        return {
          ...trend,
          linkRate: trend.cases ? round(trend.linked / trend.cases) : 0,
          ...(hoursMedian === undefined ? {} : { medianHoursToResolve: round(hoursMedian, 1) }),
        };
      }),
  };
}
