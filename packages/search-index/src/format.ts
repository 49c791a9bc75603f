import type { IndexParams, SynonymTable } from '@nimbus/case-index/core';

// Isomorphic: what the build writes and the browser reads. One manifest per site and audience, then files named by
// the content hash of the build (`base`), so a host may cache them forever.

/** Name of the manifest format; readers refuse anything else. */
export const SEARCH_INDEX_FORMAT = 'nimbus-search-index';
/** Bumped whenever the shard layout changes (2: related terms per term). */
export const SEARCH_INDEX_VERSION = 2;

/** The small file a search fetches first: what every document is, and where each term's shard is. */
export interface SearchManifest {
  format: typeof SEARCH_INDEX_FORMAT;
  version: number;
  /** Folder of this build's shard files, a content hash. */
  base: string;
  docCount: number;
  /** Term shards: term `t` is in `t<termHash(t) % shardCount>.bin`. */
  shardCount: number;
  /** Vocabulary buckets for "did you mean": a word is in `v<termHash(first two letters) % bucketCount>.json`. */
  bucketCount: number;
  /** Terms in more documents than this are not scored by rank; their shards keep only their best postings. */
  maxPostings: number;
  /** Postings kept for such a term, the highest impacts. */
  keepPostings: number;
  params: IndexParams;
  kinds: string[];
  locales: string[];
  products: string[];
  areas: string[];
  /** Per document, four indexes into `kinds`, `locales`, `products`, `areas`. */
  meta: number[];
  /** Documents sharing one id (an article and its translations). */
  groups: number[][];
  /** The vocabulary the query is expanded with. */
  synonyms?: SynonymTable;
}

/** A document's readable part, fetched only for the results on screen: `d<doc>.json`. */
export interface DocumentFile {
  id: string;
  kind: string;
  locale?: string;
  title: string;
  product?: string;
  area?: string;
  description?: string;
  /** The text the index was built from (public text only on the public site), for excerpts. */
  text: string;
}

/**
 * One word of the vocabulary, for typo correction: [index term, document frequency, how articles write it most often,
 * then up to two other ways they write it] — "did you mean" shows the one closest to what was typed.
 */
export type VocabularyEntry = [term: string, df: number, surface: string, ...others: string[]];

/** One term of a shard, decoded. */
export interface TermEntry {
  term: string;
  df: number;
  /** Documents in ascending order, and the impact (1…255) of each. */
  docs: Uint32Array;
  impacts: Uint8Array;
  /** Documents whose title (bit 1) or alternative title (bit 2) holds the term, with each title's total weight. */
  titles: Array<{ doc: number; flags: number; title: number; alt: number }>;
  /**
   * The term's related terms as the index learned them (query expansion), in the index's order, each with its strength
   * (1…255) and document frequency: enough to choose the expansion terms before fetching their shards.
   */
  related: RelatedTerm[];
}

/** One related term of a {@link TermEntry}. */
export interface RelatedTerm {
  term: string;
  /** Strength 1…255, as `Associations.weights`. */
  weight: number;
  df: number;
}

/** File name of the shard holding terms with this hash. */
export const shardFile = (manifest: Pick<SearchManifest, 'shardCount'>, hash: number) => `t${hash % manifest.shardCount}.bin`;
