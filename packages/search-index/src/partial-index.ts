import { bm25Idf, TITLE_BREAK, type CaseIndex, type StoredDocument } from '@nimbus/case-index/core';
import type { SearchManifest, TermEntry } from './format.ts';

// Isomorphic: the part of the CaseIndex a query needs, rebuilt from its terms' shards, for the same `rank` as everywhere.
// Titles hold the query's terms plus one stand-in term carrying the weight of the rest of the title, so the title
// coverage `rank` computes is the one it computes on the whole index. Related terms whose shards were not fetched are
// there without postings (their document frequency is in the shard that names them), so `rank` chooses its
// expansion terms as on the whole index; the client then fetches the chosen ones.

const documentsByManifest = new WeakMap<SearchManifest, StoredDocument[]>();

/**
 * The documents as `rank` sees them: kind, locale, product and area (what filters read), and an id shared by
 * translations so one article takes one slot. Title and path come later, from the document files of the results.
 */
export function manifestDocuments(manifest: SearchManifest): StoredDocument[] {
  let docs = documentsByManifest.get(manifest);
  if (docs) return docs;
  const groupOf = new Map<number, number>();
  for (const group of manifest.groups) for (const doc of group) groupOf.set(doc, group[0]!);
  docs = [];
  for (let doc = 0; doc < manifest.docCount; doc++) {
    const [kind, locale, product, area] = manifest.meta.slice(doc * 4, doc * 4 + 4);
    const stored: StoredDocument = { id: `#${groupOf.get(doc) ?? doc}`, kind: manifest.kinds[kind!] as StoredDocument['kind'], path: '', title: '' };
    if (manifest.locales[locale!]) stored.locale = manifest.locales[locale!];
    if (manifest.products[product!]) stored.product = manifest.products[product!];
    if (manifest.areas[area!]) stored.area = manifest.areas[area!];
    docs.push(stored);
  }
  documentsByManifest.set(manifest, docs);
  return docs;
}

/**
 * A CaseIndex holding only `entries` (the terms of one query): enough for `rank` to rank that query as on the whole
 * index. Terms too frequent for rank to score keep no postings, unless `frequent` asks for their best ones (a query
 * made only of such words, like "An error occurred", still deserves an answer).
 */
export function partialIndex(manifest: SearchManifest, entries: readonly TermEntry[], frequent = false): CaseIndex {
  const docCount = manifest.docCount;
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const idf: number[] = [];
  const offsets = [0];
  const postingDocs: number[] = [];
  const impacts: number[] = [];
  const titles = new Map<number, { title: number[]; alt: number[]; titleTotal: number; altTotal: number }>();
  const seen = new Set<string>();
  const unique = entries.filter((entry) => !seen.has(entry.term) && seen.add(entry.term));
  for (const entry of unique) {
    const id = terms.length;
    terms.push(entry.term);
    termIds.set(entry.term, id);
    idf.push(bm25Idf(docCount, entry.df));
    const scored = frequent || entry.df <= manifest.maxPostings;
    for (let position = 0; scored && position < entry.docs.length; position++) {
      postingDocs.push(entry.docs[position]!);
      impacts.push(entry.impacts[position]!);
    }
    offsets.push(postingDocs.length);
    for (const { doc, flags, title, alt } of entry.titles) {
      let lists = titles.get(doc);
      if (!lists) titles.set(doc, (lists = { title: [], alt: [], titleTotal: 0, altTotal: 0 }));
      if (flags & 1) {
        lists.title.push(id);
        lists.titleTotal = title;
      }
      if (flags & 2) {
        lists.alt.push(id);
        lists.altTotal = alt;
      }
    }
  }
  // Related terms not fetched: known, weighted, without postings (only `rank`'s choice of expansion terms reads them).
  for (const entry of unique) {
    for (const other of entry.related) {
      if (termIds.has(other.term)) continue;
      termIds.set(other.term, terms.length);
      terms.push(other.term);
      idf.push(bm25Idf(docCount, other.df));
      offsets.push(postingDocs.length);
    }
  }
  const relatedOffsets = [0];
  const relatedIds: number[] = [];
  const relatedWeights: number[] = [];
  for (const entry of unique) {
    for (const other of entry.related) {
      relatedIds.push(termIds.get(other.term)!);
      relatedWeights.push(other.weight);
    }
    relatedOffsets.push(relatedIds.length);
  }
  // Stand-ins for the title words the query does not have: never matched (not in termIds), weighted by what is left.
  const titleOffsets = new Uint32Array(docCount + 1);
  const titleTerms: number[] = [];
  const standInFrom = terms.length;
  const standIn = (weight: number) => {
    const id = terms.length;
    terms.push('');
    idf.push(weight);
    offsets.push(postingDocs.length);
    return id;
  };
  for (let doc = 0; doc < docCount; doc++) {
    const lists = titles.get(doc);
    if (lists) {
      for (const [ids, total] of [[lists.title, lists.titleTotal], [lists.alt, lists.altTotal]] as const) {
        if (ids.length === 0) continue;
        if (titleTerms.length > titleOffsets[doc]!) titleTerms.push(TITLE_BREAK);
        titleTerms.push(...ids);
        const rest = total - ids.reduce((sum, id) => sum + Math.fround(idf[id]!), 0);
        if (rest > 1e-3) titleTerms.push(standIn(rest));
      }
    }
    titleOffsets[doc + 1] = titleTerms.length;
  }
  // Every term after the fetched ones (related stubs, stand-ins) has no related terms of its own.
  while (relatedOffsets.length < terms.length + 1) relatedOffsets.push(relatedIds.length);
  // The whole index keeps idf as float32; real terms get exactly those values. The stand-ins keep float64: each is
  // the exact rest of a title's total, so the title coverage rank computes is the whole index's to the last bit.
  const exactIdf = Float64Array.from(idf, (value, id) => (id < standInFrom ? Math.fround(value) : value));
  return {
    params: manifest.params,
    docs: manifestDocuments(manifest),
    terms,
    termIds,
    idf: exactIdf as unknown as Float32Array,
    offsets: Uint32Array.from(offsets),
    postingDocs: Uint32Array.from(postingDocs),
    impacts: Uint8Array.from(impacts),
    titleOffsets,
    titleTerms: Uint32Array.from(titleTerms),
    related: { offsets: Uint32Array.from(relatedOffsets), ids: Uint32Array.from(relatedIds), weights: Uint8Array.from(relatedWeights) },
  };
}
