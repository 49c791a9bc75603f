import type { CaseIndex } from './build-index.ts';

// Isomorphic. Pseudo-relevance feedback (RM3, Lavrenko & Croft's relevance model interpolated with the query): the
// first ranking's best articles are taken as relevant, and the words they hold most are added to the report's query.
// A report that describes a symptom in its own words shares few of them with the article; the articles it does find
// first carry the knowledge base's words for the same problem.

/** How feedback terms are chosen: by the relevance model alone, or by it times the term's inverse document frequency. */
export type FeedbackSelect = 'rm' | 'rm-idf';

/** Each document's terms with their impacts (a forward index), read from the postings: what feedback sums over. */
export interface ForwardIndex {
  /** Terms of document `d` are `terms[offsets[d]..offsets[d+1]]`. */
  offsets: Uint32Array;
  terms: Uint32Array;
  impacts: Uint8Array;
  /** Sum of the impacts of each document's terms. */
  totals: Float64Array;
}

/** A feedback term: index term number and its relevance-model value (already times idf for `rm-idf`). */
export interface FeedbackCandidate {
  id: number;
  value: number;
}

/** Words worth feeding back: letters only, three or more (no codes, numbers or signatures). */
const WORD = /^\p{L}{3,}$/u;

// Keyed by the postings array: an index with the ledger learned shares its articles' postings with the plain one.
const forwardByPostings = new WeakMap<Uint32Array, ForwardIndex>();

/** The forward index of `index`'s word terms, built once per postings array (one pass over them). */
export function forwardIndex(index: CaseIndex): ForwardIndex {
  const cached = forwardByPostings.get(index.postingDocs);
  if (cached) return cached;
  const { offsets: termOffsets, postingDocs, impacts: termImpacts, terms: names } = index;
  const documents = index.docs.length;
  const eligible = new Uint8Array(names.length);
  for (let id = 0; id < names.length; id++) eligible[id] = WORD.test(names[id]!) ? 1 : 0;
  const counts = new Uint32Array(documents + 1);
  for (let id = 0; id < names.length; id++) {
    if (!eligible[id]) continue;
    for (let position = termOffsets[id]!; position < termOffsets[id + 1]!; position++) counts[postingDocs[position]! + 1]!++;
  }
  const offsets = new Uint32Array(documents + 1);
  for (let doc = 0; doc < documents; doc++) offsets[doc + 1] = offsets[doc]! + counts[doc + 1]!;
  const terms = new Uint32Array(offsets[documents]!);
  const impacts = new Uint8Array(terms.length);
  const totals = new Float64Array(documents);
  const cursor = offsets.slice(0, documents);
  for (let id = 0; id < names.length; id++) {
    if (!eligible[id]) continue;
    for (let position = termOffsets[id]!; position < termOffsets[id + 1]!; position++) {
      const doc = postingDocs[position]!;
      const at = cursor[doc]!++;
      terms[at] = id;
      impacts[at] = termImpacts[position]!;
      totals[doc] = totals[doc]! + termImpacts[position]!;
    }
  }
  const forward = { offsets, terms, impacts, totals };
  forwardByPostings.set(index.postingDocs, forward);
  return forward;
}

/**
 * The relevance model of the feedback documents: P(t | R) = Σ_d w_d · impact(t, d) / Σ_t' impact(t', d), with w_d the
 * document's first-stage score over the feedback documents' sum; for `rm-idf` times idf(t). Terms in more than
 * `maxPostings` documents are left out (the ranking does not score them). Returns up to `max` candidates, best first
 * (ties by term number); the caller drops the query's own terms, so `max` should leave room for them.
 */
export function feedbackCandidates(
  index: CaseIndex,
  docs: readonly number[],
  scores: readonly number[],
  select: FeedbackSelect,
  maxPostings: number,
  max: number,
): FeedbackCandidate[] {
  if (docs.length === 0 || max <= 0) return [];
  const forward = forwardIndex(index);
  const total = scores.reduce((sum, score) => sum + Math.max(0, score), 0);
  const values = new Map<number, number>();
  docs.forEach((doc, i) => {
    const weight = total > 0 ? Math.max(0, scores[i]!) / total : 1 / docs.length;
    const mass = forward.totals[doc]!;
    if (weight === 0 || mass === 0) return;
    for (let at = forward.offsets[doc]!; at < forward.offsets[doc + 1]!; at++) {
      const id = forward.terms[at]!;
      if (index.offsets[id + 1]! - index.offsets[id]! > maxPostings) continue;
      values.set(id, (values.get(id) ?? 0) + (weight * forward.impacts[at]!) / mass);
    }
  });
  const candidates: FeedbackCandidate[] = [];
  for (const [id, value] of values) candidates.push({ id, value: select === 'rm-idf' ? value * index.idf[id]! : value });
  return candidates.sort((a, b) => b.value - a.value || a.id - b.id).slice(0, max);
}
