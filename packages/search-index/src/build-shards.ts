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

/** Receives each file of the index as it is made, by its name inside `manifest.base`. */
export type SearchFileSink = (name: string, body: Uint8Array<ArrayBuffer> | string) => void;

/** Builds every file of the sharded index of `index`, whose documents read as `texts` (same order), in memory. */
export function buildSearchFiles(index: CaseIndex, texts: readonly ShardDocumentText[], options: BuildSearchOptions = {}): SearchFiles {
  const files = new Map<string, Uint8Array<ArrayBuffer> | string>();
  const manifest = emitSearchFiles(index, texts, options, (name, body) => files.set(name, body));
  return { manifest, files };
}

/**
 * Builds the files of {@link buildSearchFiles} one at a time, handing each to `sink` as soon as it is made, and returns
 * the manifest once all are: a caller that writes them out holds one file at a time, not all of them (at 31,520
 * articles, 35,000 files and every term's postings copied once more).
 */
export function emitSearchFiles(index: CaseIndex, texts: readonly ShardDocumentText[], options: BuildSearchOptions, sink: SearchFileSink): SearchManifest {
  if (texts.length !== index.docs.length) throw new Error(`Expected ${index.docs.length} document texts, got ${texts.length}`);
  const docCount = index.docs.length;
  const maxPostings = options.maxPostings ?? Math.max(512, docCount / 4);
  const keepPostings = options.keepPostings ?? 300;
  const maxTextLength = options.maxTextLength ?? 6000;
  const hash = new ContentHash();
  const emit: SearchFileSink = (name, body) => {
    hash.add(name, body);
    sink(name, body);
  };

  const shardCount = emitTermShards(index, { maxPostings, keepPostings, targetShardBytes: options.targetShardBytes ?? 1000 }, emit);

  // One pass over the documents: each one's file, and the written forms of its words for "did you mean".
  const surfaces = new Map<string, Map<string, number>>();
  const kinds: string[] = [];
  const locales: string[] = [];
  const products: string[] = [''];
  const areas: string[] = [''];
  const meta: number[] = [];
  const byId = new Map<string, number[]>();
  index.docs.forEach((stored, doc) => {
    const { title, description, text } = texts[doc]!;
    const shown = text.slice(0, maxTextLength);
    for (const [term, lower, count] of surfaceCounts(`${title}\n${shown}`, options.surfaces)) {
      let counts = surfaces.get(term);
      if (!counts) surfaces.set(term, (counts = new Map()));
      counts.set(lower, (counts.get(lower) ?? 0) + count);
    }
    meta.push(indexOf(kinds, stored.kind), indexOf(locales, stored.locale), indexOf(products, stored.product), indexOf(areas, stored.area));
    byId.set(stored.id, [...(byId.get(stored.id) ?? []), doc]);
    const file: DocumentFile = { id: stored.id, kind: stored.kind, title, text: shown };
    if (stored.locale) file.locale = stored.locale;
    if (stored.product) file.product = stored.product;
    if (stored.area) file.area = stored.area;
    if (description) file.description = description;
    emit(`d${doc}.json`, JSON.stringify(file));
  });

  // "Did you mean": words in at least two documents, with the way articles most often write them.
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
    emit(`v${bucket}.json`, JSON.stringify((buckets.get(bucket) ?? []).sort((a, b) => a[0].localeCompare(b[0]))));
  }

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
  manifest.base = hash.digest(JSON.stringify(manifest));
  return manifest;
}

/** The written forms of the words of one document's `source` text, from the cache when it holds them. */
function surfaceCounts(source: string, cache: TokenCache<SurfaceCounts> | undefined): SurfaceCounts {
  const cached = cache?.get(source);
  if (cached) return cached;
  const own = new Map<string, Map<string, number>>();
  tokenize(source, (term, surface, compound) => {
    if (compound || !/^[a-z]{4,}$/.test(term)) return;
    let counts = own.get(term);
    if (!counts) own.set(term, (counts = new Map()));
    const lower = surface.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + 1);
  });
  const found = [...own].flatMap(([term, counts]) => [...counts].map(([lower, count]): [string, string, number] => [term, lower, count]));
  cache?.set(source, found);
  return found;
}

/**
 * Emits the term shards (`t<n>.bin`) and returns how many there are: enough that one holds about the target size, a
 * query paying for its terms' shards only. Each shard's entries are made when it is written, so only one shard's
 * copies of postings exist at a time.
 */
function emitTermShards(index: CaseIndex, limits: { maxPostings: number; keepPostings: number; targetShardBytes: number }, emit: SearchFileSink): number {
  const { maxPostings, keepPostings } = limits;
  const termCount = index.terms.length;
  const documentFrequency = (id: number) => index.offsets[id + 1]! - index.offsets[id]!;
  const titles = titleMembership(index);

  // The size of every entry, estimated from the index alone, summed in term order.
  let roughBytes = 0;
  for (let id = 0; id < termCount; id++) {
    const df = documentFrequency(id);
    const postings = df > maxPostings ? Math.min(df, keepPostings) : df;
    let related = 0;
    if (index.related) {
      for (let position = index.related.offsets[id]!; position < index.related.offsets[id + 1]!; position++) related += index.terms[index.related.ids[position]!]!.length + 3;
    }
    roughBytes += index.terms[id]!.length + 4 + postings * 2.5 + (titles.byTerm.get(id)?.size ?? 0) * 4 + related;
  }
  const shardCount = Math.max(1, Math.min(4096, Math.round(roughBytes / limits.targetShardBytes)));

  // Term ids grouped by shard, in term order within each (a counting sort).
  const shardOf = new Uint32Array(termCount);
  const starts = new Uint32Array(shardCount + 1);
  for (let id = 0; id < termCount; id++) starts[(shardOf[id] = termHash(index.terms[id]!) % shardCount) + 1]!++;
  for (let shard = 0; shard < shardCount; shard++) starts[shard + 1]! += starts[shard]!;
  const order = new Uint32Array(termCount);
  const filled = starts.slice(0, shardCount);
  for (let id = 0; id < termCount; id++) order[filled[shardOf[id]!]!++] = id;

  const entryOf = (id: number): TermEntry => {
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
    const inTitles = [...(titles.byTerm.get(id) ?? new Map<number, number>())]
      .sort(([a], [b]) => a - b)
      .map(([doc, flags]) => ({ doc, flags, title: titles.totals[doc * 2]!, alt: titles.totals[doc * 2 + 1]! }));
    const related: TermEntry['related'] = [];
    if (index.related) {
      for (let position = index.related.offsets[id]!; position < index.related.offsets[id + 1]!; position++) {
        const other = index.related.ids[position]!;
        related.push({ term: index.terms[other]!, weight: index.related.weights[position]!, df: documentFrequency(other) });
      }
    }
    return { term: index.terms[id]!, df, docs, impacts, titles: inTitles, related };
  };
  for (let shard = 0; shard < shardCount; shard++) {
    const entries: TermEntry[] = [];
    for (let position = starts[shard]!; position < starts[shard + 1]!; position++) entries.push(entryOf(order[position]!));
    emit(shardFile({ shardCount }, shard), encodeShard(entries));
  }
  return shardCount;
}

/**
 * Which documents have each term in their title (flag 1) or alternative title (flag 2), and each document's title
 * totals (the idf of its title words, then of its alternative title's), from the index's own title lists (compounds
 * already left out there).
 */
function titleMembership(index: CaseIndex): { byTerm: Map<number, Map<number, number>>; totals: Float64Array } {
  const byTerm = new Map<number, Map<number, number>>();
  const totals = new Float64Array(index.docs.length * 2);
  for (let doc = 0; doc < index.docs.length; doc++) {
    let which = 0;
    for (let position = index.titleOffsets[doc]!; position < index.titleOffsets[doc + 1]!; position++) {
      const id = index.titleTerms[position]!;
      if (id === TITLE_BREAK) {
        which = 1;
        continue;
      }
      totals[doc * 2 + which]! += index.idf[id]!;
      let byDoc = byTerm.get(id);
      if (!byDoc) byTerm.set(id, (byDoc = new Map()));
      byDoc.set(doc, (byDoc.get(doc) ?? 0) | (which === 0 ? 1 : 2));
    }
  }
  return { byTerm, totals };
}

/**
 * A hash of everything the build wrote, fed file by file as they are made and closed with the manifest: the folder
 * name, so a changed index never mixes with a cached one. Two multiplicative hashes over every character and byte, in
 * order, kept as int32 in the loops (Math.imul reads its operands as int32 either way) and made unsigned once at the
 * end: the same values as unsigned at every step.
 */
class ContentHash {
  private first = 0x811c9dc5 | 0;
  private second = 0x01000193;

  add(name: string, content: Uint8Array | string): void {
    this.text(name);
    if (typeof content === 'string') return this.text(content);
    let first = this.first;
    let second = this.second;
    for (let index = 0; index < content.length; index++) {
      const byte = content[index]!;
      first = Math.imul(first ^ byte, 0x01000193);
      second = Math.imul(second ^ byte, 0x5bd1e995);
    }
    this.first = first;
    this.second = second;
  }

  /** The hash of everything added, then `last`. */
  digest(last: string): string {
    this.text(last);
    return `${(this.first >>> 0).toString(16).padStart(8, '0')}${(this.second >>> 0).toString(16).padStart(8, '0')}`;
  }

  private text(value: string): void {
    let first = this.first;
    let second = this.second;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      first = Math.imul(first ^ code, 0x01000193);
      second = Math.imul(second ^ code, 0x5bd1e995);
    }
    this.first = first;
    this.second = second;
  }
}
