import { TITLE_BREAK, type CaseIndex } from './build-index.ts';
import type { Query, QueryTerm } from './query.ts';
import { termKeyGeneration } from './tokenize.ts';

/**
 * Per-index work space, reused by every call (rank is synchronous): scores and touched documents, and stamp arrays
 * that stand for per-query sets of term and document-id numbers without allocating a Set per query. A slot belongs to
 * the current query when it holds the current stamp.
 */
export interface Scratch {
  scores: Float64Array;
  touched: Uint32Array;
  /** Terms of the query (resolved ones): `queryMark[term] === stamp`. */
  queryMark: Uint32Array;
  /** Terms of the query that ranked (the first `maxQueryTerms`), so expansion does not add them again. */
  ownMark: Uint32Array;
  /** Expansion candidates gathered for the query, with their summed and best weight and the term they came from. */
  gatherMark: Uint32Array;
  gatherWeight: Float64Array;
  gatherBest: Float64Array;
  gatherFrom: Uint32Array;
  /** Documents sharing an id (an article and its translation) share a group number, for deduplication. */
  docGroup: Uint32Array;
  groupMark: Uint32Array;
  /** The documents the coordination step reads (`docMark[doc] === stamp`), and each one's place among them. */
  docMark: Uint32Array;
  docSlot: Uint32Array;
  /** The inverse document frequency of each `titleTerms` entry (0 at a break): title coverage reads no `idf` at random. */
  titleIdf: Float32Array;
  /** Term number + 1 of each term key (see `termKey`) of generation `keyGeneration`; 0 not looked up yet, -1 not in the index. */
  termOfKey: Int32Array;
  keyGeneration: number;
  stamp: number;
}
const scratchByIndex = new WeakMap<CaseIndex, Scratch>();
export function scratchFor(index: CaseIndex): Scratch {
  let scratch = scratchByIndex.get(index);
  if (!scratch) {
    const count = index.docs.length;
    const termCount = index.terms.length;
    const groups = new Map<string, number>();
    const docGroup = new Uint32Array(count);
    for (let doc = 0; doc < count; doc++) {
      const id = index.docs[doc]!.id;
      let group = groups.get(id);
      if (group === undefined) groups.set(id, (group = groups.size));
      docGroup[doc] = group;
    }
    scratch = {
      scores: new Float64Array(count),
      // One spare slot: the scoring loop writes a document before it knows whether it is new.
      touched: new Uint32Array(count + 1),
      queryMark: new Uint32Array(termCount),
      ownMark: new Uint32Array(termCount),
      gatherMark: new Uint32Array(termCount),
      gatherWeight: new Float64Array(termCount),
      gatherBest: new Float64Array(termCount),
      gatherFrom: new Uint32Array(termCount),
      docGroup,
      groupMark: new Uint32Array(groups.size),
      docMark: new Uint32Array(count),
      docSlot: new Uint32Array(count),
      titleIdf: Float32Array.from(index.titleTerms, (id) => (id === TITLE_BREAK ? 0 : index.idf[id]!)),
      termOfKey: new Int32Array(1 << 12),
      keyGeneration: 0,
      stamp: 0,
    };
    scratchByIndex.set(index, scratch);
  }
  return scratch;
}

/** The index's number of a query term, found by its key when the query's keys are current, else by its string. */
export function termNumber(index: CaseIndex, scratch: Scratch, term: QueryTerm, keyed: boolean): number | undefined {
  const key = term.key;
  if (!keyed || key === undefined) return index.termIds.get(term.term);
  let termOfKey = scratch.termOfKey;
  if (key >= termOfKey.length) {
    let size = termOfKey.length;
    while (size <= key) size *= 2;
    const grown = new Int32Array(size);
    grown.set(termOfKey);
    scratch.termOfKey = termOfKey = grown;
  }
  let found = termOfKey[key]!;
  if (found === 0) {
    found = (index.termIds.get(term.term) ?? -2) + 1;
    termOfKey[key] = found;
  }
  return found > 0 ? found - 1 : undefined;
}

/** Whether the query's term keys can be used on this index's scratch (the table forgets keys of older generations). */
export function keysUsable(query: Query, scratch: Scratch): boolean {
  const generation = query.keyGeneration;
  if (generation === undefined || generation !== termKeyGeneration()) return false;
  if (scratch.keyGeneration !== generation) {
    scratch.termOfKey.fill(0);
    scratch.keyGeneration = generation;
  }
  return true;
}

/** A fresh stamp: every mark of earlier queries is stale at once. */
export function nextStamp(scratch: Scratch): number {
  if (scratch.stamp === 0xffff_ffff) {
    for (const marks of [scratch.queryMark, scratch.ownMark, scratch.gatherMark, scratch.groupMark, scratch.docMark]) marks.fill(0);
    scratch.stamp = 0;
  }
  return ++scratch.stamp;
}
