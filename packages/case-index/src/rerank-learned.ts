import type { CaseIndex } from './build-index.ts';
import { OVERLAP_DEPTH, overlapQuery, type OverlapData, type OverlapQuery } from './rerank-overlap.ts';

// Isomorphic. The learned rerank for reports that quote no error code: the lexical top is reordered by a linear model
// over several pieces of evidence per candidate (lexical score and position, plain-word cosines with the whole article
// and with its head, title and query coverage, coverage through the index's related terms, agreement of the
// candidates' folders, length). The weights are fitted on pseudo-queries made from the articles themselves — never on
// labeled reports — by bench/case-index/fit-rerank.ts (listwise softmax, see there), so the dev reports stay a test.

/** The evidence the model reads, in the order of a feature vector. */
export const RERANK_FEATURES = ['lexical', 'position', 'overlap', 'head', 'title', 'coverage', 'related', 'plainCoverage', 'folder', 'length'] as const;
/** One feature's name. */
export type RerankFeature = (typeof RERANK_FEATURES)[number];
/** A linear model: one weight per feature. */
export type RerankModel = Readonly<Record<RerankFeature, number>>;

/** The customer's own words as rank scored them: index term number (-1 when only linked cases have it) and weight. */
export interface RerankWord {
  id: number;
  weight: number;
}

/** What `rank` hands the stage about one report. */
export interface RerankInput {
  text: { subject?: string; body?: string };
  /** The report's scored words (no signatures, no expansions). */
  words: readonly RerankWord[];
  /** Whether document `doc` holds word `words[at]` (its postings, or its linked cases). */
  holds: (at: number, doc: number) => boolean;
  /** Share of the document's title the report repeats (0…1). */
  titleCoverage: (doc: number) => number;
}

/** Source words whose related terms are looked at (the heaviest first), as query expansion does. */
const RELATED_SOURCES = 24;
/** Candidates whose folders vote in the `folder` feature. */
const FOLDER_VOTERS = 10;

interface Work {
  slot: Int32Array;
  folderOf: Uint32Array;
}
const workByIndex = new WeakMap<CaseIndex, Work>();
function workFor(index: CaseIndex): Work {
  let work = workByIndex.get(index);
  if (!work) {
    const folders = new Map<string, number>();
    const folderOf = Uint32Array.from(index.docs, (doc) => {
      const folder = doc.path.includes('/') ? doc.path.slice(0, doc.path.lastIndexOf('/')) : '';
      let id = folders.get(folder);
      if (id === undefined) folders.set(folder, (id = folders.size));
      return id;
    });
    work = { slot: new Int32Array(index.docs.length), folderOf };
    workByIndex.set(index, work);
  }
  return work;
}

/** Standardises one feature over the candidates in place (population sd; a constant feature becomes 0). */
function standardise(features: Float64Array[], k: number): void {
  const count = features.length;
  let mean = 0;
  for (const row of features) mean += row[k]! / count;
  let variance = 0;
  for (const row of features) variance += (row[k]! - mean) ** 2 / count;
  const sd = Math.sqrt(variance) || 1;
  for (const row of features) row[k] = (row[k]! - mean) / sd;
}

/** Both plain-word cosines and the share of the report's plain words held, for one document. */
function plainEvidence(data: OverlapData, query: OverlapQuery, doc: number): [whole: number, head: number, held: number] {
  const { docWords, idf, head } = data;
  const { weights, mark, stamp } = query;
  let whole = 0;
  let inHead = 0;
  let held = 0;
  for (let position = data.offsets[doc]!, end = data.offsets[doc + 1]!; position < end; position++) {
    const id = docWords[position]!;
    if (mark[id] !== stamp) continue;
    const weight = weights[id]!;
    whole += weight * idf[id]!;
    held += weight;
    if (head[position]) inHead += weight * idf[id]!;
  }
  return [whole / data.norms[doc]!, inHead / data.headNorms[doc]!, query.mass > 0 ? held / query.mass : 0];
}

/**
 * The feature vectors of `candidates` (documents, best first, with their lexical scores in `scores`), in
 * {@link RERANK_FEATURES} order. Undefined when the report has no plain word the articles know.
 */
export function rerankFeatures(index: CaseIndex, input: RerankInput, candidates: readonly number[], scores: Float64Array): Float64Array[] | undefined {
  const data = index.overlap;
  if (!data || candidates.length < 2) return undefined;
  const query = overlapQuery(data, input.text.subject ?? '', input.text.body ?? '');
  if (query.size === 0) return undefined;
  const { slot, folderOf } = workFor(index);
  const count = candidates.length;
  candidates.forEach((doc, i) => {
    slot[doc] = i + 1;
  });
  const { words } = input;
  let wordMass = 0;
  for (const word of words) wordMass += word.weight;
  // Per candidate: weight of the report's words it holds, and of those it lacks but holds a related term of.
  const heldMass = new Float64Array(count);
  const relatedMass = new Float64Array(count);
  const heldWord = new Uint8Array(count * words.length);
  words.forEach((word, at) => {
    candidates.forEach((doc, i) => {
      if (input.holds(at, doc)) {
        heldWord[i * words.length + at] = 1;
        heldMass[i]! += word.weight;
      }
    });
  });
  const related = index.related;
  if (related && related.ids.length > 0) {
    const sources = words
      .map((word, at) => ({ word, at }))
      .filter(({ word }) => word.id >= 0)
      .sort((a, b) => b.word.weight - a.word.weight)
      .slice(0, RELATED_SOURCES);
    const viaRelated = new Uint8Array(count * words.length);
    for (const { word, at } of sources) {
      for (let r = related.offsets[word.id]!; r < related.offsets[word.id + 1]!; r++) {
        const term = related.ids[r]!;
        for (let position = index.offsets[term]!, end = index.offsets[term + 1]!; position < end; position++) {
          const i = slot[index.postingDocs[position]!]! - 1;
          if (i < 0) continue;
          const cell = i * words.length + at;
          if (heldWord[cell] || viaRelated[cell]) continue;
          viaRelated[cell] = 1;
          relatedMass[i]! += word.weight;
        }
      }
    }
  }
  const voters = Math.min(FOLDER_VOTERS, count);
  const top = scores[candidates[0]!]! || 1;
  const features = candidates.map((doc, i) => {
    const [whole, head, held] = plainEvidence(data, query, doc);
    let sameFolder = 0;
    for (let v = 0; v < voters; v++) if (v !== i && folderOf[candidates[v]!] === folderOf[doc]) sameFolder++;
    const row = new Float64Array(RERANK_FEATURES.length);
    row[0] = scores[doc]! / top;
    row[1] = Math.log(1 + i);
    row[2] = whole;
    row[3] = head;
    row[4] = input.titleCoverage(doc);
    row[5] = wordMass > 0 ? heldMass[i]! / wordMass : 0;
    row[6] = wordMass > 0 ? relatedMass[i]! / wordMass : 0;
    row[7] = held;
    row[8] = sameFolder / Math.max(1, voters - (i < voters ? 1 : 0));
    row[9] = Math.log(1 + data.offsets[doc + 1]! - data.offsets[doc]!);
    return row;
  });
  for (const doc of candidates) slot[doc] = 0;
  // Cosines and lengths differ in scale from report to report; only their order among the candidates says something.
  for (const k of [2, 3, 9]) standardise(features, k);
  return features;
}

/** The model's score of one feature vector. */
export function modelScore(model: RerankModel, row: Float64Array): number {
  let sum = 0;
  RERANK_FEATURES.forEach((name, k) => {
    sum += model[name] * row[k]!;
  });
  return sum;
}

/**
 * The stage as `rank` calls it: reorders the first {@link OVERLAP_DEPTH} of `ordered` in place and writes their new
 * scores into `scores`, in the lexical scores' units (best lexical × e^(model score − best model score)), so margins and
 * confidence read them as before. `onFeatures` sees the candidates and their features first (the fit script's hook).
 */
export function rerankLearned(
  index: CaseIndex,
  input: RerankInput,
  ordered: number[],
  scores: Float64Array,
  model: RerankModel,
  onFeatures?: (candidates: readonly number[], features: readonly Float64Array[]) => void,
): void {
  const count = Math.min(OVERLAP_DEPTH, ordered.length);
  const candidates = ordered.slice(0, count);
  const features = rerankFeatures(index, input, candidates, scores);
  if (!features) return;
  onFeatures?.(candidates, features);
  const values = features.map((row) => modelScore(model, row));
  const best = Math.max(...values);
  const top = scores[candidates[0]!]!;
  candidates.forEach((doc, i) => {
    scores[doc] = top * Math.exp(values[i]! - best);
  });
  // Stable: equal scores keep the lexical order.
  candidates.sort((a, b) => scores[b]! - scores[a]!);
  for (let i = 0; i < count; i++) ordered[i] = candidates[i]!;
}
