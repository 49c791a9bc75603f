import { bm25Idf, type CaseIndex } from './build-index.ts';
import type { Query, QueryTerm } from './query.ts';
import { keysUsable, termNumber, type Scratch } from './rank-scratch.ts';
import { signatureStrength } from './signatures.ts';
import { letterDigitParts } from './term-parts.ts';
import { splitCompound } from './tokenize.ts';

export interface ResolvedTerm {
  term: QueryTerm;
  /** Term number in the index, or -1 for a word only linked cases use. */
  id: number;
  weight: number;
  /** Added by expansion, not written by the customer: it ranks, but does not count as explained. */
  expansion?: boolean;
}

/** Weight of the known parts of a word no document has, relative to the word: a guess at what it stands for. */
const PART_WEIGHT = 0.7;

const compoundCache = new WeakMap<CaseIndex, Map<string, [string, string] | undefined>>();
/** {@link splitCompound} against the index's vocabulary, remembered per index (unknown words repeat across cases). */
function compoundParts(index: CaseIndex, word: string): [string, string] | undefined {
  let cache = compoundCache.get(index);
  if (!cache) {
    cache = new Map();
    compoundCache.set(index, cache);
  }
  if (cache.has(word)) return cache.get(word);
  const parts = word.length > 24 ? undefined : splitCompound(word, (candidate) => index.termIds.has(candidate));
  if (cache.size > 50_000) cache.clear();
  cache.set(word, parts);
  return parts;
}

/**
 * The query terms found in the index, weighted by inverse document frequency, the most informative first; and the
 * weight of the terms and signatures the index has never seen (what no document can explain).
 */
export function resolveTerms(index: CaseIndex, query: Query, scratch: Scratch, stamp: number): { resolved: ResolvedTerm[]; unknownWords: number; unknownSignatures: number } {
  const resolved: ResolvedTerm[] = [];
  const rareIdf = bm25Idf(index.docs.length, 1);
  let unknownWords = 0;
  let unknownSignatures = 0;
  // The terms resolved so far, as marks: they are also the query's term set the title coverage reads.
  const { queryMark } = scratch;
  const { termIds, idf } = index;
  const linkedTerms = index.linked?.terms;
  const keyed = keysUsable(query, scratch);
  for (const term of query.terms) {
    const id = termNumber(index, scratch, term, keyed);
    if (id !== undefined) {
      if (queryMark[id] === stamp) continue;
      queryMark[id] = stamp;
      resolved.push(resolvedTerm(term, id, term.weight * idf[id]!));
      continue;
    }
    // A word no article uses, but customers did in cases linked to an article.
    if (linkedTerms?.has(term.term)) {
      resolved.push(resolvedTerm(term, -1, term.weight * rareIdf));
      continue;
    }
    if (term.signature) {
      // A code no document mentions is the strongest sign that the knowledge base cannot explain the case.
      unknownSignatures += 2 * signatureStrength[term.signature.kind];
      continue;
    }
    // "fileshare" in a case, "file share" in the article; "Framework3.5" in a case, "Framework 3.5" in the article.
    const parts = compoundParts(index, term.surface) ?? letterDigitParts(term.term).filter((part) => termIds.has(part));
    for (const part of parts) {
      const partId = termIds.get(part)!;
      if (queryMark[partId] === stamp) continue;
      queryMark[partId] = stamp;
      resolved.push(resolvedTerm({ ...term, term: part }, partId, PART_WEIGHT * term.weight * idf[partId]!));
    }
    if (parts.length === 0 && !term.expansion) unknownWords += 0.5 * term.weight * rareIdf;
  }
  return { resolved: resolved.sort((a, b) => b.weight - a.weight), unknownWords, unknownSignatures };
}

/** One resolved term; always the same object shape, so the scoring loops stay monomorphic. */
function resolvedTerm(term: QueryTerm, id: number, weight: number): ResolvedTerm {
  return { term, id, weight, expansion: term.expansion === true };
}

