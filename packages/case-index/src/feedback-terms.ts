import type { CaseIndex } from './build-index.ts';
import type { FeedbackCandidate } from './feedback.ts';
import type { Scratch } from './rank-scratch.ts';
import type { ResolvedTerm } from './resolve-terms.ts';

/** Feedback terms for the second ranking: candidates best first, the interpolation weight λ, how many to add. */
export interface Feedback {
  candidates: readonly FeedbackCandidate[];
  weight: number;
  terms: number;
}

/**
 * The feedback terms as scored query terms: the first `terms` candidates the query does not hold, sharing λ / (1 − λ)
 * of the query's own word weight in proportion to their values (RM3's interpolation). They rank, never explain.
 */
export function feedbackExpansions(index: CaseIndex, own: readonly ResolvedTerm[], feedback: Feedback, scratch: Scratch, stamp: number): ResolvedTerm[] {
  const { queryMark } = scratch;
  let ownWeight = 0;
  for (const term of own) if (!term.term.signature && !term.expansion) ownWeight += term.term.weight;
  const chosen: FeedbackCandidate[] = [];
  for (const candidate of feedback.candidates) {
    if (chosen.length >= feedback.terms) break;
    if (queryMark[candidate.id] === stamp) continue;
    chosen.push(candidate);
  }
  const sum = chosen.reduce((total, candidate) => total + candidate.value, 0);
  if (sum <= 0 || ownWeight <= 0) return [];
  const scale = (feedback.weight / (1 - feedback.weight)) * ownWeight;
  return chosen.map(({ id, value }) => {
    const queryWeight = (scale * value) / sum;
    const term = index.terms[id]!;
    return { id, term: { term, weight: queryWeight, surface: term, expansion: true, from: [] }, weight: queryWeight * index.idf[id]!, expansion: true };
  });
}
