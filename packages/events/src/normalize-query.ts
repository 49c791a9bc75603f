// Readers type the same need in many ways: "Disk Full", "disk  full!", "full disk". A content gap is one group of
// such queries, keyed by their distinct words in sorted order, so word order, case and punctuation do not split it.

/** A query as shown in reports: Unicode-normalised, lower-case, single spaces, no surrounding punctuation. */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    // Brackets stay: a redaction marker `[redacted:email]` ends with one.
    .replace(/^[\s"'`“”‘’.,;:!?]+|[\s"'`“”‘’.,;:!?]+$/g, '')
    .trim();
}

/** The group a query belongs to: its distinct words (letters, digits and the joiners of error codes), sorted. */
export function queryGroupKey(query: string): string {
  const words = normalizeQuery(query).match(/[\p{L}\p{N}][\p{L}\p{N}._:/-]*/gu) ?? [];
  return [...new Set(words.map((word) => word.replace(/[._:/-]+$/, '')))].sort().join(' ');
}
