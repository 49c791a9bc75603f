import type { VocabularyEntry } from './format.ts';

// Isomorphic: "did you mean". A query word no document has is compared with the knowledge base's words that start
// with the same two letters, or with its first and third letters (a typo in the second letter): a typo in the first
// letter is rare, and it keeps the download to two small buckets.

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), stopping above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** Edits allowed for a word of this length: none below 4 letters, one up to 6, two from 7. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 7 ? 1 : 2;
}

/** The closest known word to `term` (fewest edits, then most documents), or `undefined`. */
export function closestWord(term: string, bucket: readonly VocabularyEntry[]): VocabularyEntry | undefined {
  const limit = allowedEdits(term.length);
  if (limit === 0) return undefined;
  let best: VocabularyEntry | undefined;
  let bestDistance = limit + 1;
  for (const entry of bucket) {
    if (entry[0] === term) return entry;
    const distance = editDistance(term, entry[0], Math.min(limit, bestDistance));
    if (distance < bestDistance || (distance === bestDistance && best && entry[1] > best[1])) {
      best = entry;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Of the ways articles write a known word, the one closest to how the query wrote it (ties: the most common). */
export function closestSpelling(typed: string, entry: VocabularyEntry): string {
  const lower = typed.toLowerCase();
  const [, , ...spellings] = entry;
  let best = spellings[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const spelling of spellings) {
    const distance = editDistance(lower, spelling, Math.max(lower.length, spelling.length));
    if (distance < bestDistance) {
      best = spelling;
      bestDistance = distance;
    }
  }
  return best;
}
