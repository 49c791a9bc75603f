import type { CaseIndex } from './build-index.ts';
import type { Scratch } from './rank-scratch.ts';
import type { ResolvedTerm } from './resolve-terms.ts';

/**
 * Related terms of the case's words (learned from the articles), down-weighted: a term related to several of the
 * case's words weighs more than one related to a single word, and never more than the customer's own words.
 */
export function expand(index: CaseIndex, resolved: readonly ResolvedTerm[], weight: number, max: number, scratch: Scratch, stamp: number): ResolvedTerm[] {
  if (!index.related || weight <= 0 || max <= 0 || index.related.ids.length === 0) return [];
  const { offsets, ids, weights } = index.related;
  const { ownMark, gatherMark, gatherWeight, gatherBest, gatherFrom } = scratch;
  for (const term of resolved) if (term.id >= 0) ownMark[term.id] = stamp;
  // Candidates in the order first found (ties keep that order through the stable sort below).
  const gathered: number[] = [];
  let sources = 0;
  for (let from = 0; from < resolved.length; from++) {
    const source = resolved[from]!;
    if (source.term.signature || source.expansion || source.id < 0) continue;
    if (++sources > 24) break;
    const sourceWeight = source.term.weight;
    for (let position = offsets[source.id]!; position < offsets[source.id + 1]!; position++) {
      const id = ids[position]!;
      if (ownMark[id] === stamp) continue;
      const value = (sourceWeight * weights[position]!) / 255;
      if (gatherMark[id] !== stamp) {
        gatherMark[id] = stamp;
        gathered.push(id);
        gatherWeight[id] = value;
        gatherBest[id] = value;
        gatherFrom[id] = from;
      } else {
        gatherWeight[id] = gatherWeight[id]! + value;
        if (value > gatherBest[id]!) {
          gatherBest[id] = value;
          gatherFrom[id] = from;
        }
      }
    }
  }
  if (gathered.length === 0) return [];
  const maxOwn = resolved.reduce((most, term) => (term.term.signature ? most : Math.max(most, term.term.weight)), 0);
  return gathered
    .map((id): ResolvedTerm => {
      const queryWeight = weight * Math.min(maxOwn, gatherWeight[id]!);
      const from = resolved[gatherFrom[id]!]!.term;
      return { id, term: { term: index.terms[id]!, weight: queryWeight, surface: from.surface, expansion: true, from: [from.term] }, weight: queryWeight * index.idf[id]!, expansion: true };
    })
    .sort((a, b) => b.weight - a.weight)
    .slice(0, max);
}
