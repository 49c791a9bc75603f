// Plain BM25 (k1 1.2, b 0.75) over each article's whole file, with the case index's tokenizer, so error codes stay
// whole (`0x80070005`, `5757`) — the baseline the issue measures against: no fields, no signatures, no expansion.
import { tokens } from '@nimbus/case-index';
import type { BaselineDocument } from './baseline.ts';

/** A plain BM25 index. */
export interface PlainBm25 {
  paths: string[];
  postings: Map<string, Array<[doc: number, tf: number]>>;
  lengths: Float64Array;
  average: number;
}

/** Indexes the documents' whole text. */
export function buildPlainBm25(documents: readonly BaselineDocument[]): PlainBm25 {
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = new Float64Array(documents.length);
  documents.forEach((document, doc) => {
    const counts = new Map<string, number>();
    for (const term of tokens(document.text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([doc, tf]);
      lengths[doc] = lengths[doc]! + tf;
    }
  });
  const average = lengths.reduce((sum, value) => sum + value, 0) / Math.max(1, documents.length);
  return { paths: documents.map((document) => document.path), postings, lengths, average };
}

/** The top paths for a query text. */
export function searchPlainBm25(index: PlainBm25, text: string, top = 10): string[] {
  const n = index.paths.length;
  const scores = new Map<number, number>();
  for (const term of new Set(tokens(text))) {
    const list = index.postings.get(term);
    if (!list) continue;
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const [doc, tf] of list) {
      const norm = 1.2 * (0.25 + (0.75 * index.lengths[doc]!) / index.average);
      scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * 2.2) / (tf + norm));
    }
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([doc]) => index.paths[doc]!);
}
