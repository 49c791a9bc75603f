// What the events say, for the people who decide what to write next: votes, reasons and flags per article; the
// searches that found nothing or that nobody clicked, grouped, as a content-gap queue; what happened in the case
// form; and how all of that moves day by day.
import { createHash } from 'node:crypto';
import { normalizeQuery, queryGroupKey } from './normalize-query.ts';
import type { StoredEvent } from './store.ts';

/** Yes/no votes of one article. */
export interface VoteCounts {
  yes: number;
  no: number;
}

/** One group of searches that no article answered. */
export interface GapGroup {
  /** Stable id of the group (from its words): `kb new article --from-gap <id>`. */
  id: string;
  /** The group's most frequent wording. */
  query: string;
  /** Every wording seen (normalised), most frequent first, each with the first query typed that way (redacted). */
  variants: Array<{ query: string; example: string; count: number }>;
  /** Searches with no result at all. */
  zeroResults: number;
  /** Searches with results of which the reader opened none. */
  noClick: number;
  /** Both together: the queue's order. */
  count: number;
  locales: string[];
  lastSeen: string;
}

/** Everything said about one article. */
export interface ArticleFeedback {
  article: string;
  yes: number;
  no: number;
  /** Vote reasons (redacted), newest first. */
  reasons: Array<{ vote: 'yes' | 'no'; text: string; at: string }>;
  /** Flags by reason. */
  flagCounts: Record<string, number>;
  /** Flag texts (redacted), newest first. */
  flags: Array<{ reason: string; text: string; at: string }>;
}

/** What happened in the case form, counted per session. */
export interface CaseFormOutcomes {
  started: number;
  submitted: number;
  /** Sessions that ended without a case being opened. */
  notSubmitted: number;
  /** Sessions whose end never arrived (tab still open, or the browser dropped it). */
  unknown: number;
  /** Cases opened although the form had shown at least one article. */
  submittedAfterSuggestions: number;
  /** Sessions left without a case after the form had shown at least one article. */
  leftAfterSuggestions: number;
  /** Sessions in which the customer opened a suggested article. */
  openedSuggestion: number;
}

/** One day of activity. */
export interface DayTrend {
  day: string;
  searches: number;
  zeroResults: number;
  clicks: number;
  yes: number;
  no: number;
  flags: number;
  caseFormStarted: number;
  caseFormSubmitted: number;
}

/** The events report (contract 7 fields first). */
export interface EventsReport {
  votes: Record<string, VoteCounts>;
  zeroResults: Array<{ query: string; count: number }>;
  caseForm: CaseFormOutcomes;
  totals: { events: number; searches: number; clicks: number; votes: number; flags: number; from: string | null; to: string | null };
  gaps: GapGroup[];
  articles: ArticleFeedback[];
  trends: DayTrend[];
}

const gapId = (key: string) => `gap-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
const byCountThenText = <T extends { count: number; query: string }>(a: T, b: T) => b.count - a.count || a.query.localeCompare(b.query);

/** Builds the report from stored events (any order). */
export function buildEventsReport(stored: Iterable<StoredEvent>): EventsReport {
  const events = [...stored].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const clickedSearches = new Set<string>();
  for (const { event } of events) if (event.type === 'click') clickedSearches.add(event.search);

  const articles = new Map<string, ArticleFeedback>();
  const article = (id: string) => {
    let entry = articles.get(id);
    if (!entry) articles.set(id, (entry = { article: id, yes: 0, no: 0, reasons: [], flagCounts: {}, flags: [] }));
    return entry;
  };
  const groups = new Map<string, { wordings: Map<string, { count: number; example: string }>; zeroResults: number; noClick: number; locales: Set<string>; lastSeen: string }>();
  const sessions = new Map<string, { started: boolean; ended: boolean; submitted: boolean; shown: boolean; opened: boolean }>();
  const ballots = new Map<string, { article: string; vote: 'yes' | 'no'; day: DayTrend }>();
  const days = new Map<string, DayTrend>();
  const day = (at: string) => {
    const key = at.slice(0, 10);
    let entry = days.get(key);
    if (!entry) days.set(key, (entry = { day: key, searches: 0, zeroResults: 0, clicks: 0, yes: 0, no: 0, flags: 0, caseFormStarted: 0, caseFormSubmitted: 0 }));
    return entry;
  };
  const totals = { events: events.length, searches: 0, clicks: 0, votes: 0, flags: 0, from: events[0]?.receivedAt ?? null, to: events.at(-1)?.receivedAt ?? null };

  for (const { event, receivedAt } of events) {
    const today = day(receivedAt);
    switch (event.type) {
      case 'vote': {
        // A ballot counts once, as its last vote: take back what its previous event counted.
        const previous = ballots.get(event.ballot);
        if (previous) {
          article(previous.article)[previous.vote]--;
          previous.day[previous.vote]--;
        } else totals.votes++;
        ballots.set(event.ballot, { article: event.article, vote: event.vote, day: today });
        const entry = article(event.article);
        entry[event.vote]++;
        today[event.vote]++;
        if (event.reason?.trim()) entry.reasons.unshift({ vote: event.vote, text: event.reason.trim(), at: receivedAt });
        break;
      }
      case 'flag': {
        totals.flags++;
        today.flags++;
        const entry = article(event.article);
        entry.flagCounts[event.reason] = (entry.flagCounts[event.reason] ?? 0) + 1;
        entry.flags.unshift({ reason: event.reason, text: event.text?.trim() ?? '', at: receivedAt });
        break;
      }
      case 'search': {
        totals.searches++;
        today.searches++;
        const zero = event.results === 0;
        if (zero) today.zeroResults++;
        if (!zero && clickedSearches.has(event.id)) break;
        const key = queryGroupKey(event.query);
        if (!key) break;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { wordings: new Map(), zeroResults: 0, noClick: 0, locales: new Set(), lastSeen: receivedAt }));
        const wording = normalizeQuery(event.query);
        const seen = group.wordings.get(wording);
        if (seen) seen.count++;
        else group.wordings.set(wording, { count: 1, example: event.query.trim() });
        if (zero) group.zeroResults++;
        else group.noClick++;
        group.locales.add(event.locale);
        group.lastSeen = receivedAt;
        break;
      }
      case 'click':
        totals.clicks++;
        today.clicks++;
        break;
      case 'case-form': {
        let session = sessions.get(event.session);
        if (!session) sessions.set(event.session, (session = { started: false, ended: false, submitted: false, shown: false, opened: false }));
        if (event.phase === 'start') {
          if (!session.started) today.caseFormStarted++;
          session.started = true;
        } else {
          if (event.submitted && !session.submitted) today.caseFormSubmitted++;
          session.ended = true;
          session.submitted ||= event.submitted === true;
        }
        session.shown ||= event.shown.length > 0;
        session.opened ||= event.clicked.length > 0;
        break;
      }
    }
  }

  const gaps: GapGroup[] = [...groups].map(([key, group]) => {
    const variants = [...group.wordings].map(([query, { count, example }]) => ({ query, example, count })).sort(byCountThenText);
    return { id: gapId(key), query: variants[0]!.query, variants, zeroResults: group.zeroResults, noClick: group.noClick, count: group.zeroResults + group.noClick, locales: [...group.locales].sort(), lastSeen: group.lastSeen };
  });
  gaps.sort((a, b) => b.count - a.count || b.zeroResults - a.zeroResults || a.query.localeCompare(b.query));

  const caseForm: CaseFormOutcomes = { started: 0, submitted: 0, notSubmitted: 0, unknown: 0, submittedAfterSuggestions: 0, leftAfterSuggestions: 0, openedSuggestion: 0 };
  for (const session of sessions.values()) {
    // A session whose start was lost but whose end arrived was still started.
    caseForm.started++;
    if (session.opened) caseForm.openedSuggestion++;
    if (!session.ended) caseForm.unknown++;
    else if (session.submitted) {
      caseForm.submitted++;
      if (session.shown) caseForm.submittedAfterSuggestions++;
    } else {
      caseForm.notSubmitted++;
      if (session.shown) caseForm.leftAfterSuggestions++;
    }
  }

  const sortedArticles = [...articles.values()].sort((a, b) => a.article.localeCompare(b.article));
  return {
    votes: Object.fromEntries(sortedArticles.filter((entry) => entry.yes + entry.no > 0).map((entry) => [entry.article, { yes: entry.yes, no: entry.no }])),
    zeroResults: gaps.filter((gap) => gap.zeroResults > 0).map((gap) => ({ query: gap.query, count: gap.zeroResults })).sort(byCountThenText),
    caseForm,
    totals,
    gaps,
    articles: sortedArticles,
    trends: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}
