import { buildQuery, expansionTerms, letterDigitParts, rank, tokens, type CaseText, type Query, type RankedResult, type RankOptions, type StoredDocument } from '@nimbus/case-index/core';
import { termHash } from './bytes.ts';
import { bucketKey } from './build-shards.ts';
import { SEARCH_INDEX_FORMAT, SEARCH_INDEX_VERSION, shardFile, type DocumentFile, type SearchManifest, type TermEntry, type VocabularyEntry } from './format.ts';
import { partialIndex } from './partial-index.ts';
import { decodeShard } from './shard-codec.ts';
import { closestSpelling, closestWord } from './typo.ts';

// Isomorphic: the browser side. Fetches the manifest once, then per query only the shards of its terms (each shard
// once per page), rebuilds the part of the index the query needs and ranks it with `rank` itself.

/** Reads one file of the index: text for JSON files, bytes for shards. */
export type FileLoader = (path: string, as: 'text' | 'bytes') => Promise<string | Uint8Array>;

/** A word of the query replaced by a known one. */
export interface Correction {
  /** As the query wrote it. */
  from: string;
  /** As articles write the word it was taken for. */
  to: string;
}

/** Options of {@link ShardedSearch.search}. */
export interface ShardedSearchOptions extends Pick<RankOptions, 'top' | 'filter' | 'evidence' | 'dedupeById' | 'expansionWeight'> {
  /** Replace words no document has by the closest known word ("did you mean"). Default true. */
  correct?: boolean;
  /** Query terms whose shards are fetched at most, the strongest first: a pasted log costs no more than this. Default 32. */
  maxTerms?: number;
}

/** Where the time of the last search went: waiting for files, and everything else (analysis, ranking). */
export interface SearchTimings {
  fetchMs: number;
  computeMs: number;
}

/** What a search found. */
export interface ShardedSearchResult {
  results: RankedResult[];
  corrections: Correction[];
  /** The query as ranked, corrections included: its terms are what excerpts highlight. */
  query: Query;
}

/** Weight of a corrected word relative to the word as typed: a guess counts a little less. */
const CORRECTION_WEIGHT = 0.8;

/** A search over a sharded index. One instance per page; it caches what it fetched. */
export class ShardedSearch {
  private manifestPromise: Promise<SearchManifest> | undefined;
  private readonly shards = new Map<string, Promise<Map<string, TermEntry>>>();
  private readonly buckets = new Map<string, Promise<VocabularyEntry[]>>();
  private readonly documents = new Map<number, Promise<DocumentFile>>();

  private readonly load: FileLoader;
  /** Timings of the last {@link search}. */
  timings: SearchTimings = { fetchMs: 0, computeMs: 0 };

  /** `load` reads a path relative to the folder of `manifest.json`. */
  constructor(load: FileLoader) {
    this.load = load;
  }

  /** The manifest, fetched once; throws when it is not a search index of this version. */
  manifest(): Promise<SearchManifest> {
    this.manifestPromise ??= this.load('manifest.json', 'text').then((text) => {
      const manifest = JSON.parse(text as string) as SearchManifest;
      if (manifest?.format !== SEARCH_INDEX_FORMAT || manifest.version !== SEARCH_INDEX_VERSION) {
        throw new Error(`Expected a ${SEARCH_INDEX_FORMAT} manifest of version ${SEARCH_INDEX_VERSION}`);
      }
      return manifest;
    });
    this.manifestPromise.catch(() => (this.manifestPromise = undefined));
    return this.manifestPromise;
  }

  private shard(manifest: SearchManifest, file: string): Promise<Map<string, TermEntry>> {
    let shard = this.shards.get(file);
    if (!shard) {
      shard = this.load(`${manifest.base}/${file}`, 'bytes').then((bytes) => new Map(decodeShard(bytes as Uint8Array, manifest.docCount).map((entry) => [entry.term, entry])));
      this.shards.set(file, shard);
      shard.catch(() => this.shards.delete(file));
    }
    return shard;
  }

  /** The entries of `terms` (absent terms are left out), fetching the shards not yet fetched, all at once. */
  async entries(terms: Iterable<string>): Promise<Map<string, TermEntry>> {
    const manifest = await this.manifest();
    const wanted = [...new Set(terms)];
    const shards = await Promise.all(wanted.map((term) => this.shard(manifest, shardFile(manifest, termHash(term)))));
    const found = new Map<string, TermEntry>();
    wanted.forEach((term, index) => {
      const entry = shards[index]!.get(term);
      if (entry) found.set(term, entry);
    });
    return found;
  }

  /**
   * The known words a typo of `term` may stand for: the bucket of its first two letters, and the bucket of its first
   * and third letters, which holds the word when the typo is in the second letter (`premission`, `pemission`).
   */
  private async candidateWords(manifest: SearchManifest, term: string): Promise<VocabularyEntry[]> {
    const files = new Set([bucketKey(term), bucketKey(term[0]! + term.slice(2))].map((key) => `v${termHash(key) % manifest.bucketCount}.json`));
    return (await Promise.all([...files].map((file) => this.bucket(manifest, file)))).flat();
  }

  private bucket(manifest: SearchManifest, file: string): Promise<VocabularyEntry[]> {
    let bucket = this.buckets.get(file);
    if (!bucket) {
      bucket = this.load(`${manifest.base}/${file}`, 'text').then((text) => JSON.parse(text as string) as VocabularyEntry[]);
      this.buckets.set(file, bucket);
      bucket.catch(() => this.buckets.delete(file));
    }
    return bucket;
  }

  /** The readable part of a document (title, text for the excerpt), fetched once. */
  document(doc: number): Promise<DocumentFile> {
    let file = this.documents.get(doc);
    if (!file) {
      file = this.manifest().then(async (manifest) => JSON.parse((await this.load(`${manifest.base}/d${doc}.json`, 'text')) as string) as DocumentFile);
      this.documents.set(doc, file);
      file.catch(() => this.documents.delete(doc));
    }
    return file;
  }

  /** Ranks `text` with `rank` over the shards of its terms; words no document has are corrected when they can be. */
  async search(text: string | CaseText, options: ShardedSearchOptions = {}): Promise<ShardedSearchResult> {
    const started = performance.now();
    let fetchMs = 0;
    const waitFor = async <T>(promise: Promise<T>): Promise<T> => {
      const from = performance.now();
      try {
        return await promise;
      } finally {
        fetchMs += performance.now() - from;
      }
    };
    const manifest = await waitFor(this.manifest());
    const query = buildQuery(text, manifest.synonyms ? { synonyms: manifest.synonyms } : {});
    // The strongest terms first (signatures and subject words weigh most); the rest would be cut by rank anyway.
    const maxTerms = options.maxTerms ?? 32;
    if (query.terms.length > maxTerms) query.terms = [...query.terms].sort((a, b) => b.weight - a.weight).slice(0, maxTerms);
    const loaded = await waitFor(this.entries(query.terms.map((term) => term.term)));
    // rank reads a word no document has as its letter and digit runs (`framework35` → framework, 35) when it knows them.
    const runs = query.terms.filter((term) => !term.signature && !loaded.has(term.term)).flatMap((term) => letterDigitParts(term.term));
    if (runs.length > 0) for (const [term, entry] of await waitFor(this.entries(runs))) loaded.set(term, entry);
    const corrections: Correction[] = [];
    const unknown = query.terms.filter((term) => !term.signature && !loaded.has(term.term) && /^[a-z]{4,}$/.test(term.term) && /^[a-z]+$/i.test(term.surface));
    if (unknown.length > 0) {
      // rank splits a closed compound into two known words (`fileshare`); it needs to know which candidates exist.
      const candidates = unknown.flatMap((term) => compoundCandidates(term.surface));
      const [parts, buckets] = await waitFor(Promise.all([this.entries(candidates), Promise.all(unknown.map((term) => this.candidateWords(manifest, term.term)))]));
      for (const [term, entry] of parts) loaded.set(term, entry);
      const added: string[] = [];
      unknown.forEach((term, position) => {
        if (options.correct === false || hasCompoundSplit(term.surface, loaded)) return;
        const closest = closestWord(term.term, buckets[position]!);
        if (!closest || closest[0] === term.term) return;
        const spelling = closestSpelling(term.surface, closest);
        corrections.push({ from: term.surface, to: spelling });
        query.terms.push({ term: closest[0], weight: CORRECTION_WEIGHT * term.weight, surface: spelling });
        added.push(closest[0]);
      });
      for (const [term, entry] of await waitFor(this.entries(added))) loaded.set(term, entry);
    }
    const rankOptions: RankOptions = {
      top: options.top ?? 10,
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.evidence === undefined ? {} : { evidence: options.evidence }),
      ...(options.dedupeById === undefined ? {} : { dedupeById: options.dedupeById }),
      ...(options.expansionWeight === undefined ? {} : { expansionWeight: options.expansionWeight }),
    };
    // The related terms rank adds (chosen from the related lists the fetched shards carry), fetched before ranking.
    let index = partialIndex(manifest, [...loaded.values()]);
    const expansions = expansionTerms(index, query, rankOptions).filter((term) => !loaded.has(term));
    if (expansions.length > 0) {
      for (const [term, entry] of await waitFor(this.entries(expansions))) loaded.set(term, entry);
      index = partialIndex(manifest, [...loaded.values()]);
    }
    const entries = [...loaded.values()];
    let results = rank(index, query, rankOptions);
    // Only words every other article has: rank them by their best postings rather than answer nothing.
    if (results.length === 0 && entries.some((entry) => entry.df > manifest.maxPostings)) {
      results = rank(partialIndex(manifest, entries, true), query, { ...rankOptions, maxPostings: Number.POSITIVE_INFINITY });
    }
    this.timings = { fetchMs: Math.round(fetchMs), computeMs: Math.round(performance.now() - started - fetchMs) };
    return { results, corrections, query };
  }
}

/** Cuts of a closed compound whose parts are fetched: the middle ones, where two real words almost always meet. */
const COMPOUND_CUTS = 4;

/** The index terms of the cuts `splitCompound` would try first for a closed compound (the middle ones). */
export function compoundCandidates(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.length < 7 || lower.length > 24 || !/^[a-z]+$/.test(lower)) return [];
  const cuts: number[] = [];
  for (let cut = 3; cut <= lower.length - 3; cut++) cuts.push(cut);
  cuts.sort((a, b) => Math.abs(a - lower.length / 2) - Math.abs(b - lower.length / 2));
  return cuts.slice(0, COMPOUND_CUTS).flatMap((cut) => [...tokens(lower.slice(0, cut)), ...tokens(lower.slice(cut))]);
}

function hasCompoundSplit(word: string, loaded: ReadonlyMap<string, TermEntry>): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 7 || lower.length > 24) return false;
  for (let cut = 3; cut <= lower.length - 3; cut++) {
    const [left] = tokens(lower.slice(0, cut));
    const [right] = tokens(lower.slice(cut));
    if (left && right && loaded.has(left) && loaded.has(right)) return true;
  }
  return false;
}

/** Whether a document of the manifest passes a filter on its stored fields: a helper for callers' filters. */
export type DocumentFilter = (doc: StoredDocument) => boolean;
