// A static search index the browser reads in pieces: built from the CaseIndex `rank` reads, ranked by that `rank`.
export { buildSearchFiles, bucketKey, emitSearchFiles } from './build-shards.ts';
export type { BuildSearchOptions, SearchFileSink, SearchFiles, ShardDocumentText, SurfaceCounts } from './build-shards.ts';
export { ShardedSearch, compoundCandidates } from './client.ts';
export type { Correction, DocumentFilter, FileLoader, SearchTimings, ShardedSearchOptions, ShardedSearchResult } from './client.ts';
export { escapeHtml, excerptHtml } from './excerpt.ts';
export { SEARCH_INDEX_FORMAT, SEARCH_INDEX_VERSION, shardFile } from './format.ts';
export type { DocumentFile, SearchManifest, TermEntry, VocabularyEntry } from './format.ts';
export { manifestDocuments, partialIndex } from './partial-index.ts';
export { decodeShard, encodeShard } from './shard-codec.ts';
export { ByteReader, ByteWriter, ShardFormatError, termHash } from './bytes.ts';
export { allowedEdits, closestSpelling, closestWord, editDistance } from './typo.ts';
