import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { buildIndex, compileSynonyms, flatString, type CaseIndex, type DocumentTokens, type IndexDocument, type SynonymTable, type TokenCache } from '@nimbus/case-index/core';
import { formatMessage, validateVocabulary, type Audience } from '@nimbus/content';
import { buildSearchFiles, emitSearchFiles, type BuildSearchOptions, type SearchFileSink, type SearchFiles, type SearchManifest, type ShardDocumentText, type SurfaceCounts } from '@nimbus/search-index';
import { articleDocuments } from './case-form-index.ts';
import { contentDir } from './site-config.ts';

// The site's sharded search index (packages/search-index), one per audience: the articles it may read — public text
// only on the public site — and, for engineers, the runbooks. The search page and the case form read it in pieces.

/** The content folder's vocabulary, compiled; none when the folder has no vocabulary.yaml. A bad file stops the build. */
export async function siteVocabulary(): Promise<SynonymTable | undefined> {
  const file = path.join(contentDir, 'vocabulary.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const vfile = new VFile({ path: file, value: text });
  const vocabulary = validateVocabulary(vfile);
  if (!vocabulary) {
    const error = new Error(vfile.messages.map((message) => formatMessage(message, path.relative(process.cwd(), file))).join('\n'));
    error.stack = error.message;
    throw error;
  }
  return compileSynonyms(vocabulary);
}

/**
 * Markdown left in a document's text, dropped from what excerpts show: fences, heading, quote and list marks, table
 * pipes, backticks, and emphasis around words. What is part of the text stays as written: the underscores of
 * `ERR_CONNECTION_RESET`, the `*` of `"s3:*"`, a shell's `|` and `2>&1`. A heading whose section opens straight into a
 * sub-heading ("Cause" over "Cause 1: …") says nothing of its own and would read twice in an excerpt: it goes.
 */
export function readableText(body: string): string {
  // Kept for every document until its file is written: one flat string, not the replacements' tree of pieces.
  return flatString(body
    .replace(/^\s*(?:```|~~~).*$/gm, ' ')
    .replace(/^ {0,3}#{1,6}[ \t]+.*\n(?:[ \t]*\n)*(?= {0,3}#{1,6}[ \t])/gm, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/^\s*\|(.*?)\|?\s*$/gm, (_row, cells: string) => cells.replace(/\s*\|\s*/g, ' '))
    .replace(/(^|[\s(\[])(\*{1,3}|_{1,3})(?=[\p{L}\p{N}`"'])(.+?)(?<=\S)\2(?=$|[\s).,:;!?\]])/gmu, '$1$3')
    .replace(/`+/g, '')
    .replace(/[ \t]+/g, ' '));
}

/** The runbooks as index documents; paths without extension as the site's articles have, internal as a whole. */
async function runbookDocuments(): Promise<IndexDocument[]> {
  const { getRunbookCatalog } = await import('../views/runbooks/runbook-catalog.ts');
  const { runbookIndexDocument } = await import('@nimbus/runbooks');
  const { runbooks } = await getRunbookCatalog();
  return runbooks.map((runbook) => ({ ...runbookIndexDocument(runbook), path: `runbooks/${runbook.id}`, visibility: 'internal' }));
}

/** What the audience's search index is built from: its documents, in index order, and the text each shows. */
export interface SearchDocuments {
  documents: IndexDocument[];
  texts: ShardDocumentText[];
}

/**
 * The documents the audience's search reads: its articles and, for engineers, the runbooks. Each shown text is made
 * from its document alone (the build's inputs hash, search-index-files.ts, relies on it).
 */
export async function searchDocuments(audience: Audience): Promise<SearchDocuments> {
  // Runbooks are internal as a whole: the public build never loads them.
  const documents = [...(await articleDocuments(audience)), ...(audience === 'internal' ? await runbookDocuments() : [])];
  const texts = documents.map((document) => ({ title: document.title, ...(document.description ? { description: document.description } : {}), text: readableText(document.body) }));
  return { documents, texts };
}

const built = new Map<Audience, Promise<SearchFiles>>();

/** Per-document tokens kept between builds (scripts/incremental/token-cache.ts); the files are the same without. */
export interface SearchCaches {
  tokens?: TokenCache<DocumentTokens>;
  surfaces?: TokenCache<SurfaceCounts>;
}

/** Everything the audience's sharded index is built from: its documents, their texts, the vocabulary. */
export interface SearchInputs extends SearchDocuments {
  synonyms?: SynonymTable;
}

/** The inputs of the audience's sharded index ({@link searchFilesOf} builds it from them). */
export async function searchInputs(audience: Audience): Promise<SearchInputs> {
  const { documents, texts } = await searchDocuments(audience);
  const synonyms = await siteVocabulary();
  return { documents, texts, ...(synonyms ? { synonyms } : {}) };
}

/** The options of the index's files: the vocabulary, and the written forms' cache. */
const filesOptions = (synonyms: SynonymTable | undefined, caches: SearchCaches): BuildSearchOptions => ({ ...(synonyms ? { synonyms } : {}), ...(caches.surfaces ? { surfaces: caches.surfaces } : {}) });

/** Every file of the sharded index of `inputs`: the same files for the same inputs (the code being the same). */
export function searchFilesOf({ documents, texts, synonyms }: SearchInputs, caches: SearchCaches = {}): SearchFiles {
  return buildSearchFiles(searchIndexOf(documents, caches), texts, filesOptions(synonyms, caches));
}

/** The first half of {@link searchFilesOf}: the index of the documents (a caller may let the documents go after it). */
export function searchIndexOf(documents: readonly IndexDocument[], caches: SearchCaches = {}): CaseIndex {
  // The shards never carry the overlap rerank's word lists (the page ranks without it): not built at all.
  return buildIndex(documents, { overlap: false, ...(caches.tokens ? { tokens: caches.tokens } : {}) });
}

/**
 * The second half of {@link searchFilesOf}: the files of an index and the texts its documents show, each handed to
 * `sink` as it is made instead of all kept; returns the manifest.
 */
export function emitSearchFilesFrom(index: CaseIndex, texts: readonly ShardDocumentText[], synonyms: SynonymTable | undefined, caches: SearchCaches, sink: SearchFileSink): SearchManifest {
  return emitSearchFiles(index, texts, filesOptions(synonyms, caches), sink);
}

/** Every file of the audience's sharded index; built once per build. */
export function searchFiles(audience: Audience, caches: SearchCaches = {}): Promise<SearchFiles> {
  let files = built.get(audience);
  if (!files) {
    files = searchInputs(audience).then((inputs) => searchFilesOf(inputs, caches));
    built.set(audience, files);
  }
  return files;
}
