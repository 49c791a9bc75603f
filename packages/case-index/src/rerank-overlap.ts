import { decodeVarints, encodeVarints, fromBase64, toBase64 } from './_codec.ts';
import { stopwords } from './_stopwords.ts';
import type { IndexDocument } from './document.ts';
import { REDACTION_MARKER } from '@nimbus/redact';

// Isomorphic. A second opinion for reports that quote no error code: the idf-weighted cosine of the report's plain
// (unstemmed) words with the whole article's. The stemmed BM25F ranking finds the neighbourhood; the exact words a
// customer used ("freezing", "keeps asking") separate articles inside it. Measured pre-registered with nested
// leave-one-article-out in bench/case-index/overlap-rerank.ts: cases-dev2 0.618 → 0.711 MRR@10, cases-dev unchanged.

/** Per-document plain words, built with the index: what {@link overlapFeature} reads. */
export interface OverlapData {
  /** Plain words, most frequent first (small ids for common words keep the varints short). */
  words: string[];
  wordIds: Map<string, number>;
  /** Articles holding each word. */
  df: Uint32Array;
  /** ln((N + 1) / (df + 0.5)) of each word. */
  idf: Float32Array;
  /** Words of document `d` are `docWords[offsets[d]..offsets[d+1]]`, ascending. */
  offsets: Uint32Array;
  docWords: Uint32Array;
  /** L2 norm of each document's idf vector (each distinct word once). */
  norms: Float32Array;
  /** Per `docWords` entry: 1 when the word is in the document's head (titles, summary, symptoms), else 0. */
  head: Uint8Array;
  /** L2 norm of each document's head words' idf vector (1 when it has none). */
  headNorms: Float32Array;
}

/** The serialised form: base64 varints, like the rest of the index. */
export interface SerializedOverlap {
  /** Words in id order, joined with `\n`. */
  words: string;
  df: string;
  /** Per document, its count of words. */
  counts: string;
  /** Per document, its first word id, then the gaps to the next. */
  ids: string;
  /** Base64 bits, one per `ids` entry in order (low bit first): the word is in the document's head. */
  head: string;
}

/** Body characters read: as the query side, so a long article is not favoured by its appendix. */
export const OVERLAP_BODY_LENGTH = 20_000;
/** Default weight of the standardised feature against the lexical score relative to the best (nested LOAO choice). */
export const DEFAULT_OVERLAP_WEIGHT = 0.15;
/** Candidates reranked (the lexical top, deduplicated). */
export const OVERLAP_DEPTH = 50;

const WORD = /\p{L}+(?:'\p{L}+)?/gu;

/** Calls `emit` with each plain word of `text`: lower case, letters only, two or more, not a stop word. */
export function plainWords(text: string, emit: (word: string) => void): void {
  WORD.lastIndex = 0;
  const lower = text.toLowerCase();
  for (let match = WORD.exec(lower); match; match = WORD.exec(lower)) {
    const word = match[0];
    if (word.length > 1 && !stopwords.has(word)) emit(word);
  }
}

/** The document's head: title, alternative title, summary, symptoms list and Symptoms section. */
function headText(document: IndexDocument): string {
  return [document.title, document.altTitle, document.description, ...(document.symptoms ?? []), document.symptomText].filter(Boolean).join('\n');
}

const overlapIdf = (documents: number, df: number) => Math.log((documents + 1) / (df + 0.5));

/** Builds the per-document word lists. */
export function buildOverlap(documents: readonly IndexDocument[]): OverlapData {
  const firstIds = new Map<string, number>();
  const perDoc: Uint32Array[] = [];
  const perDocHead: Set<number>[] = [];
  const counts: number[] = [];
  for (const document of documents) {
    const seen = new Set<number>();
    const inHead = new Set<number>();
    const visit = (target?: Set<number>) => (word: string) => {
      let id = firstIds.get(word);
      if (id === undefined) {
        id = firstIds.size;
        firstIds.set(word, id);
        counts.push(0);
      }
      target?.add(id);
      if (!seen.has(id)) {
        seen.add(id);
        counts[id]!++;
      }
    };
    plainWords(headText(document), visit(inHead));
    plainWords(document.body.slice(0, OVERLAP_BODY_LENGTH), visit());
    perDoc.push(Uint32Array.from(seen));
    perDocHead.push(inHead);
  }
  // Renumber: most frequent first, ties alphabetical, so the serialised index does not depend on article order.
  const order = [...firstIds.keys()].sort((a, b) => counts[firstIds.get(b)!]! - counts[firstIds.get(a)!]! || (a < b ? -1 : a > b ? 1 : 0));
  const renumber = new Uint32Array(order.length);
  order.forEach((word, id) => {
    renumber[firstIds.get(word)!] = id;
  });
  const lists = perDoc.map((list) => list.map((id) => renumber[id]!).sort());
  const heads = perDocHead.map((set) => new Set([...set].map((id) => renumber[id]!)));
  const head = new Uint8Array(lists.reduce((sum, list) => sum + list.length, 0));
  let position = 0;
  lists.forEach((list, doc) => {
    for (const id of list) head[position++] = heads[doc]!.has(id) ? 1 : 0;
  });
  return assemble(
    order,
    Uint32Array.from(order, (word) => counts[firstIds.get(word)!]!),
    lists,
    head,
  );
}

function assemble(words: string[], df: Uint32Array, lists: readonly Uint32Array[], head: Uint8Array): OverlapData {
  const documents = lists.length;
  const idf = Float32Array.from(df, (count) => overlapIdf(documents, count));
  const offsets = new Uint32Array(documents + 1);
  lists.forEach((list, doc) => {
    offsets[doc + 1] = offsets[doc]! + list.length;
  });
  const docWords = new Uint32Array(offsets[documents]!);
  const norms = new Float32Array(documents);
  const headNorms = new Float32Array(documents);
  lists.forEach((list, doc) => {
    docWords.set(list, offsets[doc]!);
    let sum = 0;
    let headSum = 0;
    list.forEach((id, i) => {
      const square = idf[id]! * idf[id]!;
      sum += square;
      if (head[offsets[doc]! + i]) headSum += square;
    });
    norms[doc] = Math.sqrt(sum) || 1;
    headNorms[doc] = Math.sqrt(headSum) || 1;
  });
  const wordIds = new Map<string, number>();
  words.forEach((word, id) => wordIds.set(word, id));
  return { words, wordIds, df, idf, offsets, docWords, norms, head, headNorms };
}

/** The JSON form of the word lists. */
export function serializeOverlap(data: OverlapData): SerializedOverlap {
  const documents = data.offsets.length - 1;
  const counts = new Uint32Array(documents);
  const gaps = new Uint32Array(data.docWords.length);
  for (let doc = 0; doc < documents; doc++) {
    counts[doc] = data.offsets[doc + 1]! - data.offsets[doc]!;
    let previous = 0;
    for (let position = data.offsets[doc]!; position < data.offsets[doc + 1]!; position++) {
      gaps[position] = data.docWords[position]! - previous;
      previous = data.docWords[position]!;
    }
  }
  const bits = new Uint8Array(Math.ceil(data.head.length / 8));
  data.head.forEach((flag, i) => {
    if (flag) bits[i >> 3]! |= 1 << (i & 7);
  });
  return { words: data.words.join('\n'), df: toBase64(encodeVarints(data.df)), counts: toBase64(encodeVarints(counts)), ids: toBase64(encodeVarints(gaps)), head: toBase64(bits) };
}

/** Rebuilds the word lists of `documents` documents; throws `makeError(message)` on data that does not fit. */
export function loadOverlap(data: SerializedOverlap, documents: number, makeError: (message: string) => Error): OverlapData {
  const words = data.words ? data.words.split('\n') : [];
  let df: Uint32Array;
  let counts: Uint32Array;
  let gaps: Uint32Array;
  try {
    df = decodeVarints(fromBase64(data.df), words.length);
    counts = decodeVarints(fromBase64(data.counts), documents);
    let total = 0;
    for (const count of counts) total += count;
    gaps = decodeVarints(fromBase64(data.ids), total);
  } catch (error) {
    throw makeError(`Overlap word lists: ${(error as Error).message}`);
  }
  const lists: Uint32Array[] = [];
  let position = 0;
  for (let doc = 0; doc < documents; doc++) {
    const list = gaps.subarray(position, position + counts[doc]!);
    position += counts[doc]!;
    let id = 0;
    for (let i = 0; i < list.length; i++) {
      id += list[i]!;
      if (id >= words.length) throw makeError('Overlap word points past the last word');
      list[i] = id;
    }
    lists.push(list);
  }
  const bits = fromBase64(data.head ?? '');
  if (bits.length !== Math.ceil(position / 8)) throw makeError('Overlap head bits and words differ in length');
  const head = new Uint8Array(position);
  for (let i = 0; i < position; i++) head[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  return assemble(words, df, lists, head);
}

/**
 * A report's plain words with their weights (2 in the subject, 1 only in the body) times idf, as a dense array over
 * the words: a slot belongs to this report when `mark[id] === stamp` (no Map and no sort per report).
 */
export interface OverlapQuery {
  weights: Float64Array;
  mark: Uint32Array;
  stamp: number;
  /** Words of the report the articles know. */
  size: number;
  /** Sum of their weights. */
  mass: number;
}

const scratchByData = new WeakMap<OverlapData, { weights: Float64Array; mark: Uint32Array; stamp: number }>();

/** The report's side of the feature. Valid until the next call on the same data (rank is synchronous). */
export function overlapQuery(data: OverlapData, subject: string, body: string): OverlapQuery {
  let scratch = scratchByData.get(data);
  if (!scratch) scratchByData.set(data, (scratch = { weights: new Float64Array(data.words.length), mark: new Uint32Array(data.words.length), stamp: 0 }));
  if (scratch.stamp === 0xffff_ffff) {
    scratch.mark.fill(0);
    scratch.stamp = 0;
  }
  const stamp = ++scratch.stamp;
  const { weights, mark } = scratch;
  let size = 0;
  let mass = 0;
  const add = (weight: number) => (word: string) => {
    const id = data.wordIds.get(word);
    if (id === undefined || mark[id] === stamp) return;
    mark[id] = stamp;
    weights[id] = weight * data.idf[id]!;
    mass += weights[id]!;
    size++;
  };
  // "[redacted:email]" is the redactor's word, not the customer's (as in buildQuery).
  plainWords(subject.replace(REDACTION_MARKER, ' '), add(2));
  plainWords((body.length > OVERLAP_BODY_LENGTH ? body.slice(0, OVERLAP_BODY_LENGTH) : body).replace(REDACTION_MARKER, ' '), add(1));
  return { weights, mark, stamp, size, mass };
}

/** Cosine (up to the query's norm, a per-report constant) of the report's words with document `doc`'s. */
export function overlapFeature(data: OverlapData, query: OverlapQuery, doc: number): number {
  const { docWords, idf } = data;
  const { weights, mark, stamp } = query;
  let sum = 0;
  for (let position = data.offsets[doc]!, end = data.offsets[doc + 1]!; position < end; position++) {
    const id = docWords[position]!;
    if (mark[id] === stamp) sum += weights[id]! * idf[id]!;
  }
  return sum / data.norms[doc]!;
}

/**
 * Reorders candidates (best first, with their lexical scores) by lexical / best + weight × the feature standardised
 * over the candidates. Returns the new scores in the lexical scores' units (best × that sum), so margins and
 * confidence read them as before; the caller sorts.
 */
export function fuseOverlap(lexical: readonly number[], features: readonly number[], weight: number): number[] {
  const count = lexical.length;
  if (count < 2 || weight === 0) return [...lexical];
  const top = lexical[0]! || 1;
  let mean = 0;
  for (const value of features) mean += value / count;
  let variance = 0;
  for (const value of features) variance += (value - mean) ** 2 / count;
  const sd = Math.sqrt(variance) || 1;
  return lexical.map((score, i) => Math.max(0, top * (score / top + (weight * (features[i]! - mean)) / sd)));
}

/**
 * The stage as `rank` calls it: reorders the first {@link OVERLAP_DEPTH} of `ordered` (documents, best first,
 * deduplicated) in place and writes their fused scores into `scores`.
 */
export function rerankByOverlap(data: OverlapData, text: { subject?: string; body?: string }, ordered: number[], scores: Float64Array, weight: number): void {
  const count = Math.min(OVERLAP_DEPTH, ordered.length);
  if (count < 2) return;
  const query = overlapQuery(data, text.subject ?? '', text.body ?? '');
  if (query.size === 0) return;
  const candidates = ordered.slice(0, count);
  const fused = fuseOverlap(
    candidates.map((doc) => scores[doc]!),
    candidates.map((doc) => overlapFeature(data, query, doc)),
    weight,
  );
  candidates.forEach((doc, i) => {
    scores[doc] = fused[i]!;
  });
  // Stable: equal scores keep the lexical order.
  candidates.sort((a, b) => scores[b]! - scores[a]!);
  for (let i = 0; i < count; i++) ordered[i] = candidates[i]!;
}
