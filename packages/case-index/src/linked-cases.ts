import { bm25Idf, type CaseIndex, type LinkedPostings } from './build-index.ts';
import { buildQuery, type CaseText } from './query.ts';

export type { LinkedPostings } from './build-index.ts';

// Isomorphic. KCS: reuse is review. A case an engineer linked to an article says, in the customer's words, what that
// article resolves; the next customer who writes the same words should find it. The words of linked cases become a
// per-term overlay of the index (term → the documents whose linked cases use it), kept apart from the articles' own
// postings so it can be rebuilt in milliseconds when the ledger grows, and never shipped to the public site.

/** A case with the article ids an engineer linked to it. */
export interface LinkedCase extends CaseText {
  linkedArticles: readonly string[];
}

/** Terms of one case learned at most: the most informative, so a pasted log does not teach its noise. */
const TERMS_PER_CASE = 40;
/** Saturation of the count of cases that use a term for one document (as BM25's k1). */
const SATURATION = 1.2;

/** Learns the overlay from linked cases: case words that articles of the index were linked for. */
export function learnLinkedCases(index: CaseIndex, cases: Iterable<LinkedCase>): LinkedPostings {
  const docsById = new Map<string, number[]>();
  index.docs.forEach((doc, number) => {
    const list = docsById.get(doc.id);
    if (list) list.push(number);
    else docsById.set(doc.id, [number]);
  });
  const rareIdf = bm25Idf(index.docs.length, 1);
  // term → document → cases that use the term
  const counts = new Map<string, Map<number, number>>();
  let learned = 0;
  const caseIds = new Set<string>();
  for (const supportCase of cases) {
    const docs = supportCase.linkedArticles.flatMap((id) => docsById.get(id) ?? []);
    if (docs.length === 0) continue;
    learned++;
    if (supportCase.id !== undefined) caseIds.add(supportCase.id);
    const terms = buildQuery(supportCase, { aliases: {} })
      .terms.map((term) => {
        const id = index.termIds.get(term.term);
        return { term: term.term, value: term.weight * (id === undefined ? rareIdf : index.idf[id]!) };
      })
      .sort((a, b) => b.value - a.value)
      .slice(0, TERMS_PER_CASE);
    for (const { term } of terms) {
      let perDoc = counts.get(term);
      if (!perDoc) counts.set(term, (perDoc = new Map()));
      for (const doc of docs) perDoc.set(doc, (perDoc.get(doc) ?? 0) + 1);
    }
  }
  const terms = new Map<string, { docs: Uint32Array; impacts: Uint8Array }>();
  for (const [term, perDoc] of counts) {
    const entries = [...perDoc].sort((a, b) => a[0] - b[0]);
    terms.set(term, {
      docs: Uint32Array.from(entries, ([doc]) => doc),
      impacts: Uint8Array.from(entries, ([, n]) => Math.max(1, Math.round((255 * n) / (n + SATURATION)))),
    });
  }
  return { terms, cases: learned, caseIds };
}

/**
 * The index with the linked cases learned (a new index object sharing the articles' postings; the input is unchanged).
 * A case learned from (same `id`) is later ranked without the overlay: see `rank`.
 */
export function withLinkedCases(index: CaseIndex, cases: Iterable<LinkedCase>): CaseIndex {
  const base = index.linked?.base ?? index;
  return { ...base, linked: { ...learnLinkedCases(base, cases), base } };
}
