import type { CaseIndex } from './build-index.ts';
import type { Scratch } from './rank-scratch.ts';
import type { ResolvedTerm } from './resolve-terms.ts';

/** Impact of `termId` in `doc` (0 when absent), by binary search in the term's postings. */
export function impactOf(index: CaseIndex, termId: number, doc: number): number {
  let low = index.offsets[termId]!;
  let high = index.offsets[termId + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = index.postingDocs[middle]!;
    if (value === doc) return index.impacts[middle]! / 255;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

/**
 * Whether each of `docs` holds each of `terms` (in its postings, or in its linked cases when `withLinked`), as
 * `held[term * docs.length + slot]`. A term's postings are read once where that is shorter than a binary search per
 * document: the coordination step reads up to ~155 documents (the overlap rerank's depth) for every word.
 */
export function heldBy(index: CaseIndex, terms: readonly ResolvedTerm[], docs: readonly number[], scratch: Scratch, stamp: number, withLinked: boolean): Uint8Array {
  const width = docs.length;
  const held = new Uint8Array(terms.length * width);
  const { docMark, docSlot } = scratch;
  for (let slot = 0; slot < width; slot++) {
    docMark[docs[slot]!] = stamp;
    docSlot[docs[slot]!] = slot;
  }
  const { offsets, postingDocs, impacts } = index;
  const scanLimit = width * 16;
  for (let at = 0; at < terms.length; at++) {
    const term = terms[at]!;
    const row = at * width;
    if (term.id >= 0) {
      const start = offsets[term.id]!;
      const end = offsets[term.id + 1]!;
      if (end - start <= scanLimit) {
        for (let position = start; position < end; position++) {
          const doc = postingDocs[position]!;
          if (docMark[doc] === stamp && impacts[position]! > 0) held[row + docSlot[doc]!] = 1;
        }
      } else {
        for (let slot = 0; slot < width; slot++) if (impactOf(index, term.id, docs[slot]!) > 0) held[row + slot] = 1;
      }
    }
    if (withLinked) for (let slot = 0; slot < width; slot++) if (!held[row + slot] && linkedImpact(index, term.term.term, docs[slot]!) > 0) held[row + slot] = 1;
  }
  return held;
}

/** Impact (0…1) of a term in a document's linked cases, 0 when none. */
export function linkedImpact(index: CaseIndex, term: string, doc: number): number {
  const overlay = index.linked?.terms.get(term);
  if (!overlay) return 0;
  const { docs, impacts } = overlay;
  for (let position = 0; position < docs.length; position++) if (docs[position] === doc) return impacts[position]! / 255;
  return 0;
}
