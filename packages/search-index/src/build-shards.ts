import { TITLE_BREAK, tokenize, type CaseIndex, type SynonymTable, type TokenCache } from '@nimbus/case-index/core';
import { termHash } from './bytes.ts';
import { SEARCH_INDEX_FORMAT, SEARCH_INDEX_VERSION, shardFile, type DocumentFile, type SearchManifest, type TermEntry, type VocabularyEntry } from './format.ts';
import { encodeShard } from './shard-codec.ts';

// Isomorphic: cuts a CaseIndex — the very one `rank` reads — into a manifest, term shards, vocabulary buckets and one
// small file per document, so a search downloads the manifest and only the shards of its own terms.

/** What a document shows in results: given per document of the index, in the index's order. */
export interface ShardDocumentText {
  title: string;
  description?: string;
  /** The text the document was indexed from (public text only for the public site). */
  text: string;
}

/** Options of {@link buildSearchFiles}. */
export interface BuildSearchOptions {
  /** Vocabulary the browser expands queries with (the same table `rank` gets everywhere else). */
  synonyms?: SynonymTable;
  /** Aimed-for size of one term shard before compression. Default 1 KB: a query pays for whole shards, and with related terms it fetches a shard per expansion term too. */
  targetShardBytes?: number;
  /** Terms in more documents are not scored by rank. Default: rank's own threshold, a quarter of the documents but ≥ 512. */
  maxPostings?: number;
  /** Postings kept for those very frequent terms, highest impact first (only read when a query has nothing else). Default 300. */
  keepPostings?: number;
  /** Characters of each document's text kept for excerpts. Default 6,000. */
  maxTextLength?: number;
  /**
   * Keeps each document's written forms of its words between builds, by the text they come from (see
   * `BuildIndexOptions.tokens`): an unchanged document is not tokenized again. The files are the same without it.
   */
  surfaces?: TokenCache<SurfaceCounts>;
}

/** The written forms of a document's words: `[word, written form in lower case, count]`, in order of first occurrence. */
export type SurfaceCounts = Array<[string, string, number]>;

/** The files of a sharded index: the manifest, and the rest by name inside `manifest.base`. */
export interface SearchFiles {
  manifest: SearchManifest;
  files: Map<string, Uint8Array<ArrayBuffer> | string>;
}

const indexOf = (table: string[], value: string | undefined) => {
  const key = value ?? '';
  let position = table.indexOf(key);
  if (position === -1) position = table.push(key) - 1;
  return position;
};

/** Bucket of a word for typo correction: its first two characters. */
export function bucketKey(term: string): string {
  return term.slice(0, 2);
}

/** Builds every file of the sharded index of `index`, whose documents read as `texts` (same order). */
export function buildSearchFiles(index: CaseIndex, texts: readonly ShardDocumentText[], options: BuildSearchOptions = {}): SearchFiles {
  if (texts.length !== index.docs.length) throw new Error(`Expected ${index.docs.length} document texts, got ${texts.length}`);
  const docCount = index.docs.length;
  const maxPostings = options.maxPostings ?? Math.max(512, docCount / 4);
  const keepPostings = options.keepPostings ?? 300;
  const maxTextLength = options.maxTextLength ?? 6000;

  // Title totals and title membership, from the index's own title lists (compounds already left out there).
  const titleFlags = new Map<number, Map<number, number>>();
  const totals = new Float64Array(docCount * 2);
  for (let doc = 0; doc < docCount; doc++) {
    let which = 0;
    for (let position = index.titleOffsets[doc]!; position < index.titleOffsets[doc + 1]!; position++) {
      const id = index.titleTerms[position]!;
      if (id === TITLE_BREAK) {
        which = 1;
        continue;
      }
      totals[doc * 2 + which]! += index.idf[id]!;
      let byDoc = titleFlags.get(id);
      if (!byDoc) titleFlags.set(id, (byDoc = new Map()));
      byDoc.set(doc, (byDoc.get(doc) ?? 0) | (which === 0 ? 1 : 2));
    }
  }

  const documentFrequency = (id: number) => index.offsets[id + 1]! - index.offsets[id]!;
  const entries: TermEntry[] = index.terms.map((term, id) => {
    const start = index.offsets[id]!;
    const end = index.offsets[id + 1]!;
    const df = end - start;
    let docs: Uint32Array;
    let impacts: Uint8Array;
    if (df > maxPostings) {
      const positions = Array.from({ length: df }, (_, offset) => start + offset)
        .sort((a, b) => index.impacts[b]! - index.impacts[a]! || a - b)
        .slice(0, keepPostings)
        .sort((a, b) => a - b);
      docs = Uint32Array.from(positions, (position) => index.postingDocs[position]!);
      impacts = Uint8Array.from(positions, (position) => index.impacts[position]!);
    } else {
      // Every posting, as the index has them: copies of its ranges.
      docs = index.postingDocs.slice(start, end);
      impacts = index.impacts.slice(start, end);
    }
    const titles = [...(titleFlags.get(id) ?? new Map<number, number>())]
      .sort(([a], [b]) => a - b)
      .map(([doc, flags]) => ({ doc, flags, title: totals[doc * 2]!, alt: totals[doc * 2 + 1]! }));
    const related: TermEntry['related'] = [];
    if (index.related) {
      for (let position = index.related.offsets[id]!; position < index.related.offsets[id + 1]!; position++) {
        const other = index.related.ids[position]!;
        related.push({ term: index.terms[other]!, weight: index.related.weights[position]!, df: documentFrequency(other) });
      }
    }
    return {
      term,
      df,
      docs,
      impacts,
      titles,
      related,
    };
  });

  // Enough shards that one holds about the target size: a query pays for its terms' shards only.
  const roughBytes = entries.reduce(
    (sum, entry) => sum + entry.term.length + 4 + entry.docs.length * 2.5 + entry.titles.length * 4 + entry.related.reduce((bytes, other) => bytes + other.term.length + 3, 0),
    0,
  );
  const shardCount = Math.max(1, Math.min(4096, Math.round(roughBytes / (options.targetShardBytes ?? 1000))));
  const byShard = new Map<number, TermEntry[]>();
  for (const entry of entries) {
    const shard = termHash(entry.term) % shardCount;
    let list = byShard.get(shard);
    if (!list) byShard.set(shard, (list = []));
    list.push(entry);
  }
  const files = new Map<string, Uint8Array<ArrayBuffer> | string>();
  for (let shard = 0; shard < shardCount; shard++) files.set(shardFile({ shardCount }, shard), encodeShard(byShard.get(shard) ?? []));

  // "Did you mean": words in at least two documents, with the way articles most often write them.
  const surfaces = new Map<string, Map<string, number>>();
  texts.forEach(({ title, text }) => {
    const source = `${title}\n${text.slice(0, maxTextLength)}`;
    let found = options.surfaces?.get(source);
    if (!found) {
      const own = new Map<string, Map<string, number>>();
      tokenize(source, (term, surface, compound) => {
        if (compound || !/^[a-z]{4,}$/.test(term)) return;
        let counts = own.get(term);
        if (!counts) own.set(term, (counts = new Map()));
        const lower = surface.toLowerCase();
        counts.set(lower, (counts.get(lower) ?? 0) + 1);
      });
      found = [...own].flatMap(([term, counts]) => [...counts].map(([lower, count]): [string, string, number] => [term, lower, count]));
      options.surfaces?.set(source, found);
    }
    for (const [term, lower, count] of found) {
      let counts = surfaces.get(term);
      if (!counts) surfaces.set(term, (counts = new Map()));
      counts.set(lower, (counts.get(lower) ?? 0) + count);
    }
  });
  const bucketCount = Math.max(1, Math.min(512, Math.round(surfaces.size / 150)));
  const buckets = new Map<number, VocabularyEntry[]>();
  for (const [term, counts] of surfaces) {
    const id = index.termIds.get(term);
    if (id === undefined) continue;
    const df = index.offsets[id + 1]! - index.offsets[id]!;
    if (df < 2) continue;
    const [surface, ...others] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([written]) => written);
    const bucket = termHash(bucketKey(term)) % bucketCount;
    let list = buckets.get(bucket);
    if (!list) buckets.set(bucket, (list = []));
    list.push([term, df, surface!, ...others]);
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    files.set(`v${bucket}.json`, JSON.stringify((buckets.get(bucket) ?? []).sort((a, b) => a[0].localeCompare(b[0]))));
  }

  const kinds: string[] = [];
  const locales: string[] = [];
  const products: string[] = [''];
  const areas: string[] = [''];
  const meta: number[] = [];
  const byId = new Map<string, number[]>();
  index.docs.forEach((stored, doc) => {
    meta.push(indexOf(kinds, stored.kind), indexOf(locales, stored.locale), indexOf(products, stored.product), indexOf(areas, stored.area));
    byId.set(stored.id, [...(byId.get(stored.id) ?? []), doc]);
    const { title, description, text } = texts[doc]!;
    const file: DocumentFile = { id: stored.id, kind: stored.kind, title, text: text.slice(0, maxTextLength) };
    if (stored.locale) file.locale = stored.locale;
    if (stored.product) file.product = stored.product;
    if (stored.area) file.area = stored.area;
    if (description) file.description = description;
    files.set(`d${doc}.json`, JSON.stringify(file));
  });
  const manifest: SearchManifest = {
    format: SEARCH_INDEX_FORMAT,
    version: SEARCH_INDEX_VERSION,
    base: '',
    docCount,
    shardCount,
    bucketCount,
    maxPostings,
    keepPostings,
    params: index.params,
    kinds,
    locales,
    products,
    areas,
    meta,
    groups: [...byId.values()].filter((docs) => docs.length > 1),
  };
  if (options.synonyms) manifest.synonyms = options.synonyms;
  manifest.base = contentHash(manifest, files);
  return { manifest, files };
}

/** A hash of everything the build wrote: the folder name, so a changed index never mixes with a cached one. */
function contentHash(manifest: SearchManifest, files: Map<string, Uint8Array | string>): string {
  // Two multiplicative hashes over every character and byte, in order. Kept as int32 in the loops (Math.imul reads
  // its operands as int32 either way) and made unsigned once at the end: the same values as unsigned at every step.
  let hash = 0x811c9dc5 | 0;
  let second = 0x01000193;
  const text = (value: string) => {
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      hash = Math.imul(hash ^ code, 0x01000193);
      second = Math.imul(second ^ code, 0x5bd1e995);
    }
  };
  text(JSON.stringify(manifest));
  for (const [name, content] of files) {
    text(name);
    if (typeof content === 'string') text(content);
    else {
      for (let index = 0; index < content.length; index++) {
        const byte = content[index]!;
        hash = Math.imul(hash ^ byte, 0x01000193);
        second = Math.imul(second ^ byte, 0x5bd1e995);
      }
    }
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}${(second >>> 0).toString(16).padStart(8, '0')}`;
}
