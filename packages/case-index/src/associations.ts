// Isomorphic. The knowledge base's own vocabulary, learned from its articles when the index is built: which words
// articles write near each other (normalised pointwise mutual information of co-occurrence within a few words,
// counted once per article). A customer writes "laggy"; the articles that answer write "latency" in the same company. Stored per term (each term's related terms live with the term), so a term-partitioned copy of the index
// carries each list in its term's shard.

/** Related terms of each term number: `ids[offsets[t]..offsets[t+1]]`, strength 1…255 in `weights`. */
export interface Associations {
  offsets: Uint32Array;
  ids: Uint32Array;
  weights: Uint8Array;
}

/** Options of {@link learnAssociations}. */
export interface AssociationOptions {
  /** Words either side that count as near. Default 4. */
  window?: number;
  /** Articles a pair must share to count. Default 3. */
  minPairDocs?: number;
  /** Related terms kept per term. Default 8. */
  perTerm?: number;
  /** Weakest similarity kept (cosine of context vectors, 0…1). Default 0.3. */
  minStrength?: number;
  /** Terms in more than this share of the articles are too common to learn from. Default 0.3. */
  maxDocShare?: number;
}

/** Articles of evidence at which a pair's strength is halved (shrinkage towards 0 for pairs seen rarely). */
const SHRINK = 5;
/** Strongest contexts that describe a word. */
const CONTEXTS_PER_TERM = 40;
/** Words with fewer contexts than this are too rare to compare. */
const MIN_CONTEXTS = 5;
/** Contexts shared by more words than this are skipped when comparing (too generic, and quadratic in cost). */
const MAX_CONTEXT_USERS = 400;

/** No associations: what an index built without learning (or an old one) carries. */
export function emptyAssociations(termCount: number): Associations {
  return { offsets: new Uint32Array(termCount + 1), ids: new Uint32Array(0), weights: new Uint8Array(0) };
}

/**
 * Learns each term's related terms from the documents' term sequences (`sequences[d]`: the word terms of document
 * `d` in reading order), `eligible(t)` says which terms are words worth relating (not codes, not ids).
 */
export function learnAssociations(
  sequences: readonly Uint32Array[],
  documentFrequency: Uint32Array,
  eligible: (term: number) => boolean,
  options: AssociationOptions = {},
): Associations {
  const termCount = documentFrequency.length;
  const documentCount = sequences.length;
  const window = options.window ?? 4;
  const minPairDocs = options.minPairDocs ?? 3;
  const perTerm = options.perTerm ?? 8;
  const minStrength = options.minStrength ?? 0.3;
  const maxDf = Math.max(minPairDocs, (options.maxDocShare ?? 0.3) * documentCount);
  const usable = new Uint8Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const df = documentFrequency[term]!;
    usable[term] = df >= minPairDocs && df <= maxDf && eligible(term) ? 1 : 0;
  }
  // Pair key `low * termCount + high` → articles in which the two words come within `window` of each other.
  const pairDocs = new Map<number, number>();
  const inDocument = new Set<number>();
  const kept: number[] = [];
  for (const sequence of sequences) {
    kept.length = 0;
    for (const term of sequence) if (usable[term]) kept.push(term);
    inDocument.clear();
    for (let i = 0; i < kept.length; i++) {
      const a = kept[i]!;
      const end = Math.min(kept.length, i + window + 1);
      for (let j = i + 1; j < end; j++) {
        const b = kept[j]!;
        if (a === b) continue;
        inDocument.add(a < b ? a * termCount + b : b * termCount + a);
      }
    }
    for (const key of inDocument) pairDocs.set(key, (pairDocs.get(key) ?? 0) + 1);
  }
  // Each word is described by the words it is written near (positive PMI, its strongest contexts); two words written
  // in the same company are related even when they never meet (two spellings of one thing sit beside the same words):
  // second-order similarity, the cosine of the context vectors.
  const contexts: Array<Array<[number, number]>> = [];
  for (const [key, docs] of pairDocs) {
    if (docs < 2) continue;
    const a = Math.floor(key / termCount);
    const b = key - a * termCount;
    const pmi = Math.log((docs * documentCount) / (documentFrequency[a]! * documentFrequency[b]!)) * (docs / (docs + SHRINK));
    if (pmi <= 0) continue;
    (contexts[a] ??= []).push([b, pmi]);
    (contexts[b] ??= []).push([a, pmi]);
  }
  const users: Array<Array<[number, number]>> = [];
  for (let term = 0; term < termCount; term++) {
    const list = contexts[term];
    if (!list) continue;
    list.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    list.length = Math.min(list.length, CONTEXTS_PER_TERM);
    const norm = Math.sqrt(list.reduce((sum, [, value]) => sum + value * value, 0));
    for (const entry of list) {
      entry[1] /= norm;
      (users[entry[0]] ??= []).push([term, entry[1]]);
    }
  }
  const candidates: Array<Array<[number, number]>> = [];
  const similarity = new Float64Array(termCount);
  const touched: number[] = [];
  for (let term = 0; term < termCount; term++) {
    const list = contexts[term];
    if (!list || list.length < MIN_CONTEXTS) continue;
    touched.length = 0;
    for (const [context, weight] of list) {
      const sharing = users[context]!;
      // A context every word has ("use", "run") says nothing about which words are alike.
      if (sharing.length > MAX_CONTEXT_USERS) continue;
      for (const [other, otherWeight] of sharing) {
        if (other === term) continue;
        if (similarity[other] === 0) touched.push(other);
        similarity[other]! += weight * otherWeight;
      }
    }
    const found: Array<[number, number]> = [];
    for (const other of touched) {
      if (similarity[other]! >= minStrength && (contexts[other]?.length ?? 0) >= MIN_CONTEXTS) found.push([other, similarity[other]!]);
      similarity[other] = 0;
    }
    if (found.length > 0) candidates[term] = found;
  }
  const offsets = new Uint32Array(termCount + 1);
  const ids: number[] = [];
  const weights: number[] = [];
  for (let term = 0; term < termCount; term++) {
    const list = candidates[term];
    if (list) {
      list.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [other, strength] of list.slice(0, perTerm)) {
        ids.push(other);
        weights.push(Math.max(1, Math.min(255, Math.round(strength * 255))));
      }
    }
    offsets[term + 1] = ids.length;
  }
  return { offsets, ids: Uint32Array.from(ids), weights: Uint8Array.from(weights) };
}
