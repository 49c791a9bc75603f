import type { Taxonomy } from '@nimbus/content';

// What validating a runbook can be told, and the review periods: shared by the validator and its parts.
/** Options of {@link validateRunbookFile}. Every field is optional; what is not given is not checked. */
export interface ValidateRunbookOptions {
  /** Areas and severities a runbook may name. Default: not checked. */
  taxonomy?: Taxonomy;
  /** Ids (`<product>/<slug>`) of the articles `articles` may name. Default: not checked. */
  articleIds?: Iterable<string>;
  /** Today as `YYYY-MM-DD`, for the review date. Default: the current day. */
  today?: string;
  /** Days after `reviewed` by which a runbook must be reviewed again. Default {@link runbookReviewPeriodDays}. */
  reviewPeriodDays?: number;
}

/** Days after `reviewed` by which a runbook is reviewed again: L2 follows it while a customer waits. */
export const runbookReviewPeriodDays = 180;
/** Days past the review period during which an overdue review is a warning before it becomes an error. */
export const runbookReviewGraceDays = 30;
