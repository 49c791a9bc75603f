import type { CaseIndex } from './build-index.ts';
import type { Scratch } from './rank-scratch.ts';
import type { ResolvedTerm } from './resolve-terms.ts';
import { heldBy } from './term-impact.ts';
import { titleCoverage } from './title-coverage.ts';

/** How the best candidates are re-scored: `RankOptions`' fields of the same names, defaults applied. */
export interface Rescoring {
  titleBoost: number;
  coordination: number;
  coordinationTerms: number;
  /** Terms in more documents than this were not scored, so they do not count as words to cover either. */
  maxPostings: number;
  /** Whether a word in a document's linked cases counts as held by it. */
  withLinked: boolean;
}

/**
 * Re-scores the best candidates (`best`, by `scores`) and sorts them best first: a document whose title the case
 * repeats is raised, and every score is multiplied by the share of the customer's scored words the document holds to
 * the power of the coordination exponent.
 */
export function rescoreCandidates(index: CaseIndex, terms: readonly ResolvedTerm[], best: number[], scores: Float64Array, scratch: Scratch, stamp: number, rescoring: Rescoring): void {
  const { titleBoost, coordination, coordinationTerms, maxPostings, withLinked } = rescoring;
  const { offsets } = index;
  // The scored words of the customer (expansions and words too frequent to score left out: the partial index of a
  // browser has no postings for the latter, and it must rerank as the whole index does).
  // Each word of the customer is covered by a document that holds it, or holds an expansion of it (an alias, a
  // vocabulary synonym, a related term): an English article found through a Chinese query's synonyms covers the
  // Chinese words it translates, and an expansion never covers more than the words it stands for.
  const words: ResolvedTerm[] = [];
  const expansionsOf: number[][] = [];
  let ownMass = 0;
  let exponent = 0;
  if (coordination > 0) {
    const wordOf = new Map<string, number>();
    for (const term of terms) {
      if (term.term.signature || term.expansion) continue;
      if (term.id >= 0 && offsets[term.id + 1]! - offsets[term.id]! > maxPostings) continue;
      if (wordOf.has(term.term.term)) continue;
      wordOf.set(term.term.term, words.length);
      words.push(term);
      ownMass += term.weight;
    }
    const expansionTerms: ResolvedTerm[] = [];
    for (const term of terms) {
      if (!term.expansion || term.term.signature) continue;
      const covers = (term.term.from ?? []).map((word) => wordOf.get(word)).filter((at): at is number => at !== undefined);
      if (covers.length === 0) continue;
      expansionTerms.push(term);
      expansionsOf.push(covers);
    }
    words.push(...expansionTerms);
    // A query as short as a title must be covered like one; a longer one (a pasted message, a report) is a bag of
    // words of which any article holds a part, so the demand fades with its length.
    exponent = coordination * Math.min(1, coordinationTerms / Math.max(1, wordOf.size));
  }
  const ownCount = words.length - expansionsOf.length;
  const covered = new Uint8Array(ownCount);
  const width = best.length;
  const held = ownMass > 0 ? heldBy(index, words, best, scratch, stamp, withLinked) : undefined;
  for (let slot = 0; slot < width; slot++) {
    const doc = best[slot]!;
    const coverage = titleBoost > 0 ? titleCoverage(index, doc, scratch, stamp) : 0;
    let factor = 1 + titleBoost * coverage * coverage;
    if (ownMass > 0) {
      covered.fill(0);
      for (let at = 0; at < ownCount; at++) if (held![at * width + slot]) covered[at] = 1;
      for (let at = ownCount; at < words.length; at++) {
        if (!held![at * width + slot]) continue;
        for (const word of expansionsOf[at - ownCount]!) covered[word] = 1;
      }
      let matched = 0;
      for (let at = 0; at < ownCount; at++) if (covered[at]) matched += words[at]!.weight;
      factor *= (matched / ownMass) ** exponent;
    }
    scores[doc] = scores[doc]! * factor;
  }
  best.sort((a, b) => scores[b]! - scores[a]!);
}
