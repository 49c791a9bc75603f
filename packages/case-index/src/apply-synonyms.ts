import type { QueryTerm } from './query-term.ts';
import { addSynonymTerms, addSynonymTermsOfLines, type LineWord, type SynonymTable, type SynonymTerm } from './synonyms.ts';

// Isomorphic. The step of `buildQuery` that applies the vocabulary, kept apart from the query's own weighting.

/** Weight of a vocabulary expansion relative to the weakest query term of the phrase it expands. */
export const SYNONYM_WEIGHT = 0.5;

/**
 * Drops the vocabulary's stop words from `terms` and appends the expansions of its phrases found in `text`, in place.
 * An expansion weighs {@link SYNONYM_WEIGHT} of the phrase it expands, shared among the words of the expansion.
 */
export function applySynonyms(terms: QueryTerm[], text: string, table: SynonymTable): void {
  addExpansions(terms, table, (weightOf) => addSynonymTerms(text, table, new Set(weightOf.keys())), false);
}

/**
 * {@link applySynonyms} over the text's lines already cut into words (what `buildQuery` has from its one scan); the
 * terms it adds are marked as expansions.
 */
export function applySynonymsToLines(terms: QueryTerm[], lines: Iterable<readonly LineWord[]>, table: SynonymTable): void {
  addExpansions(terms, table, (weightOf) => addSynonymTermsOfLines(lines, table, new Set(weightOf.keys())), true);
}

function addExpansions(terms: QueryTerm[], table: SynonymTable, find: (weightOf: ReadonlyMap<string, number>) => SynonymTerm[], mark: boolean): void {
  const stop = stopSet(table);
  const weightOf = new Map<string, number>();
  for (const term of terms) weightOf.set(term.term, term.weight);
  let strongest: number | undefined;
  for (const { term, surface, from, share } of find(weightOf)) {
    // A phrase of stop words only ("won't start" is all one can say) weighs as the query's strongest word.
    const weights = from.map((part) => weightOf.get(part) ?? 0).filter((value) => value > 0);
    const weight = weights.length > 0 ? Math.min(...weights) : (strongest ??= Math.max(0, ...weightOf.values()));
    if (weight > 0 && !stop.has(term)) terms.push(mark ? { term, weight: (SYNONYM_WEIGHT * weight) / share, surface, expansion: true, from } : { term, weight: (SYNONYM_WEIGHT * weight) / share, surface });
  }
  for (let position = terms.length - 1; position >= 0; position--) if (stop.has(terms[position]!.term)) terms.splice(position, 1);
}

const stopSets = new WeakMap<SynonymTable, ReadonlySet<string>>();
/** The table's stop words as a set, made once per table. */
function stopSet(table: SynonymTable): ReadonlySet<string> {
  let stop = stopSets.get(table);
  if (!stop) stopSets.set(table, (stop = new Set(table.stop)));
  return stop;
}
