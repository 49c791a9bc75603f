// Writes a site's sharded search index (src/lib/search-shards.ts) into its output folder, outside Astro: as an Astro
// endpoint its 3,800 files cost more than building them (about 8 s of CPU per site at 3,142 articles, for a Request
// and a Response each). Astro's endpoint stays for `astro dev`; the build script turns it off (KB_SEARCH_INDEX_BY_BUILD)
// and runs this in a child process with the site's own environment, since the site's modules read their audience
// when loaded. The files are the endpoint's bytes: strings as UTF-8, binary shards as they are.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchTokenCache } from './incremental/token-cache.ts';
import { carryRecord, IndexFilesWriter, reuseIndex, type FilesWritten } from './incremental/search-files-record.ts';
import type { SearchInputs } from '../src/lib/search-shards.ts';

/** Where the per-document tokens are kept between builds, and the build fingerprint they belong to. */
export interface TokenCacheFile {
  file: string;
  key: string;
  /** Other sites' cache files of the same build to take entries from (incremental/token-cache.ts). */
  seeds?: string[];
}

/**
 * Writes `<outDir>/search-index/manifest.json` and every file of the index below its content-hash folder; with
 * `cache`, tokenizes only the documents it does not hold (incremental/token-cache.ts) and links the files the last
 * build wrote with the same bytes (incremental/search-files-record.ts, its record beside the cache file). When the
 * last build's index was built from the same documents, texts and vocabulary, it links all of that index and builds
 * nothing: the same inputs and the same code (the cache's key is the build fingerprint) make the same files.
 */
export async function writeSearchIndex(outDir: string, cache?: TokenCacheFile): Promise<SearchIndexWritten> {
  const { searchInputs, searchIndexOf, emitSearchFilesFrom } = await import('../src/lib/search-shards.ts');
  const { buildAudience } = await import('../src/lib/site-config.ts');
  const { forgetEntries } = await import('../src/lib/catalog.ts');
  const { forgetArticleDocuments } = await import('../src/lib/case-form-index.ts');
  let inputs: SearchInputs | undefined = await searchInputs(buildAudience);
  // This process reads the articles once: the site modules' lists of them (raw and as documents) go now, and the
  // documents too once indexed, so at 31,520 articles it does not hold three copies of every article's text.
  forgetEntries();
  forgetArticleDocuments();
  const { texts, synonyms } = inputs;
  const documentCount = inputs.documents.length;
  const root = path.join(outDir, 'search-index');
  const inputsHash = hashInputs(inputs);
  const reused = cache ? reuseIndex(root, recordFile(cache.file), cache.key, inputsHash) : undefined;
  if (reused) {
    await writeFile(path.join(root, 'manifest.json'), reused.manifest);
    return { files: reused.files + 1, documents: documentCount, tokenized: 0, linked: reused.files, reused: true };
  }
  const tokens = cache ? await SearchTokenCache.open(cache.file, cache.key, cache.seeds) : undefined;
  const index = searchIndexOf(inputs.documents, tokens ?? {});
  inputs = undefined;
  // Each file is written as it is made (at 31,520 articles they are 35,000 and would otherwise all be held), into a
  // folder named once all are made: the name is their content hash. It is made beside the site's folder, not in it:
  // the site's other steps (Pagefind, the asset pruning) walk that folder meanwhile, and a folder renamed under a walk
  // fails it. The build removes it when stopped; in the build's store one left by a killed build goes with the other
  // stale folders.
  const writing = searchIndexWritingDir(outDir);
  rmSync(writing, { recursive: true, force: true });
  const writer = new IndexFilesWriter(writing, cache ? { file: recordFile(cache.file), key: cache.key } : undefined);
  let manifestText: string;
  let placed: FilesWritten;
  try {
    const manifest = emitSearchFilesFrom(index, texts, synonyms, tokens ?? {}, (name, body) => writer.add(name, body));
    manifestText = JSON.stringify(manifest);
    mkdirSync(root, { recursive: true });
    placed = writer.finish(path.join(root, manifest.base), { inputs: inputsHash, manifest: manifestText });
  } catch (error) {
    writer.discard();
    throw error;
  }
  await tokens?.save();
  await writeFile(path.join(root, 'manifest.json'), manifestText);
  const files = placed.written + placed.linked;
  return { files: files + 1, documents: documentCount, tokenized: tokens ? tokens.tokens.computed : documentCount, linked: placed.linked, reused: false };
}

/** Where {@link writeSearchIndex} writes the index's files for the site folder `outDir` before they move into it. */
export const searchIndexWritingDir = (outDir: string): string => `${path.resolve(outDir)}.search-index-writing`;

/**
 * For a site reused whole (its files linked from the published build in `from` into this build's `to`): points the
 * record of its search-index files at their new place, so the next build links them instead of writing them all.
 */
export function carrySearchRecord(cache: TokenCacheFile, from: string, to: string): boolean {
  return carryRecord(recordFile(cache.file), cache.key, from, to);
}

/**
 * A hash of everything the index is built from, per document: one JSON text of them all costs five times more, and
 * each document's body goes to the hash as it is, length first, since JSON-escaping it cost three times the hashing.
 * The shown texts are left out: searchDocuments makes them from the documents alone, by code the build fingerprint
 * (the record's key) covers.
 */
function hashInputs({ documents, synonyms }: SearchInputs): string {
  const hash = createHash('sha256');
  hash.update(`${documents.length}\0`);
  for (const { body, ...rest } of documents) {
    hash.update(`${JSON.stringify(rest)}\0${body.length}\0`);
    hash.update(body);
  }
  hash.update(JSON.stringify(synonyms ?? null));
  return hash.digest('base64url');
}

/** The record of the files a build wrote, beside its token cache: `search-tokens-public.bin` → `search-tokens-public.files.json`. */
const recordFile = (tokenFile: string) => `${tokenFile.replace(/\.[^./\\]*$/, '')}.files.json`;

/**
 * What {@link writeSearchIndex} wrote: files, documents, how many documents it tokenized (not from the cache), how
 * many files it linked from the last build instead of writing them, and whether it took the last build's index whole
 * (the same inputs) instead of building one.
 */
export interface SearchIndexWritten {
  files: number;
  documents: number;
  tokenized: number;
  linked: number;
  reused: boolean;
}

/** Runs {@link writeSearchIndex} in a child process with `env` (the site's Astro environment). */
export function writeSearchIndexInChild(outDir: string, env: NodeJS.ProcessEnv, cache?: TokenCacheFile): Promise<SearchIndexWritten> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), outDir, JSON.stringify(cache ?? null)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let result = '';
    child.stdout.on('data', (chunk: Buffer) => (result += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(result) as SearchIndexWritten) : reject(new Error(`The search index of ${outDir} failed (exit code ${code}):\n${output.trim()}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await writeSearchIndex(process.argv[2]!, (JSON.parse(process.argv[3] ?? 'null') as TokenCacheFile | null) ?? undefined)));
}
