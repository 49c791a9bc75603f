// The events the knowledge-center sites send, as zod schemas: the collector validates every event with them before
// anything is stored, and the site's client builds its events to the same types. Every string is bounded, so an
// event can never be larger than the limits below, whatever a hostile client sends.
import { z } from 'zod';

/** Most events one request may carry (the site batches a page's events into one request). */
export const MAX_EVENTS_PER_BATCH = 50;
/** Largest request body the collector reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Longest search query kept (characters). */
export const MAX_QUERY_LENGTH = 300;
/** Longest free text (vote reason, flag text) kept (characters). */
export const MAX_TEXT_LENGTH = 1000;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected an event id of 8 to 64 letters, digits, `-` or `_` (e.g. a UUID)');
/** Article id as in `translationOf`: `<product>/<slug>`. */
const articleId = z.string().max(160).regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/, 'Expected an article id `<product>/<slug>`');
const common = {
  /** Unique per event, made by the client: a retried request stores nothing twice. @example "5b0d9c1e-2f4a-4c1b-9a53-1f0e7c2d4b6a" */
  id,
  /** When it happened on the client (ISO 8601); the collector also records when it received it. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** The site it came from. */
  site: z.enum(['public', 'internal']),
  /** The page's language. @example "zh-TW" */
  locale: z.enum(['en', 'zh-TW']),
};

/**
 * "Was this helpful?": yes or no, with an optional reason (free text, redacted before storage). A reader who changes
 * the vote or adds a reason on the same page sends another event with the same `ballot`: the last one counts.
 */
export const voteEvent = z.strictObject({
  ...common,
  type: z.literal('vote'),
  /** One per widget and page view (not per person): the report counts a ballot's last vote once. */
  ballot: id,
  article: articleId,
  vote: z.enum(['yes', 'no']),
  /** Why not (or why): free text. @example "The command in step 2 fails" */
  reason: z.string().max(MAX_TEXT_LENGTH).optional(),
});

/** One search as the reader saw it: the query, how many results, which filters. */
export const searchEvent = z.strictObject({
  ...common,
  type: z.literal('search'),
  query: z.string().min(1).max(MAX_QUERY_LENGTH),
  results: z.number().int().min(0).max(100_000),
  /** Filter name → selected values. @example { "product": ["object-storage"] } */
  filters: z.record(z.string().max(40), z.array(z.string().max(80)).max(20)).refine((value) => Object.keys(value).length <= 10, 'At most 10 filters').default({}),
});

/** A click on a search result: which search (its event id), which article, at which position (1 = first). */
export const clickEvent = z.strictObject({
  ...common,
  type: z.literal('click'),
  search: id,
  /** Article id, or the result's path when it is not an article (a runbook on the internal site). */
  target: z.string().min(1).max(200),
  position: z.number().int().min(1).max(1000),
});

/** One visit of the case form: it starts, then ends submitted or left. The two phases share `session`. */
export const caseFormEvent = z.strictObject({
  ...common,
  type: z.literal('case-form'),
  session: id,
  phase: z.enum(['start', 'end']),
  /** Articles the form suggested while the customer typed. */
  shown: z.array(articleId).max(50).default([]),
  /** Suggested articles the customer opened. */
  clicked: z.array(articleId).max(50).default([]),
  /** Only for `end`: whether a case was submitted. */
  submitted: z.boolean().optional(),
});

/** "Flag this article": what is wrong with it, in the reader's words (redacted before storage). */
export const flagEvent = z.strictObject({
  ...common,
  type: z.literal('flag'),
  article: articleId,
  reason: z.enum(['outdated', 'incorrect', 'unclear', 'broken', 'other']),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
});

/** Any event the collector accepts. */
export const siteEvent = z.discriminatedUnion('type', [voteEvent, searchEvent, clickEvent, caseFormEvent, flagEvent]);

/** One request: a batch of events. */
export const eventBatch = z.strictObject({ events: z.array(siteEvent).min(1).max(MAX_EVENTS_PER_BATCH) });

/** An event as validated. */
export type SiteEvent = z.infer<typeof siteEvent>;
/** An event as a client builds it (defaults not yet filled in). */
export type SiteEventInput = z.input<typeof siteEvent>;
/** The kinds of event. */
export type SiteEventType = SiteEvent['type'];
