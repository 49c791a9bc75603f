import { TITLE_BREAK, type CaseIndex } from './build-index.ts';
import type { Scratch } from './rank-scratch.ts';

/** Share of a document's title (by inverse document frequency) that the case repeats, 0…1; the better of its two titles. */
export function titleCoverage(index: CaseIndex, doc: number, scratch: Scratch, stamp: number): number {
  const { titleTerms } = index;
  const { queryMark, titleIdf } = scratch;
  let best = 0;
  let total = 0;
  let matched = 0;
  const end = index.titleOffsets[doc + 1]!;
  for (let position = index.titleOffsets[doc]!; position < end; position++) {
    const id = titleTerms[position]!;
    if (id === TITLE_BREAK) {
      if (total > 0) best = Math.max(best, matched / total);
      total = 0;
      matched = 0;
      continue;
    }
    const idf = titleIdf[position]!;
    total += idf;
    if (queryMark[id] === stamp) matched += idf;
  }
  return total > 0 ? Math.max(best, matched / total) : best;
}
