import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildIndex, type BuildIndexOptions, type CaseIndex } from './build-index.ts';
import type { IndexDocument } from './document.ts';
import { writeFileAtomic } from '@nimbus/atomic-file';
import { parseDocumentSources, readDocumentSources, type DocumentSources, type SkippedDocument } from './load-documents.ts';
import { withLinkedCases, type LinkedCase } from './linked-cases.ts';
import { INDEX_FORMAT, INDEX_VERSION, loadIndex, serializeIndex } from './serialize.ts';

/** Options of {@link openIndex}. */
export interface OpenIndexOptions {
  /** Folder for cached indexes, or `false` to always build. Default: {@link defaultCacheDir}. */
  cacheDir?: string | false;
  /** A folder of runbooks (Markdown with frontmatter) indexed beside the articles as `kind: 'runbook'`. */
  runbooksDir?: string;
  /** Documents from elsewhere (runbooks read through `@nimbus/runbooks`), indexed with the folder's; part of the cache key. */
  extraDocuments?: readonly IndexDocument[];
  /** Scoring parameters of a fresh build (part of the cache key). */
  build?: BuildIndexOptions;
  /** Cached indexes kept per cache folder; older ones are deleted. Default 8. */
  keep?: number;
  /**
   * Cases engineers linked (`linkedArticles`): their words are learned for the articles they resolved, after the index
   * is built or loaded (never cached, never shipped: an internal index only). See {@link withLinkedCases}.
   */
  linkedCases?: Iterable<LinkedCase>;
}

/** An index ready to rank, with how it was obtained. */
export interface OpenedIndex {
  index: CaseIndex;
  /** Whether the index came from the cache. */
  fromCache: boolean;
  /** Content hash the cache is keyed by. */
  key: string;
  /** The cache file read or written, if any. */
  cacheFile?: string;
  /** Documents that could not be indexed (only known after a fresh build). */
  skipped: SkippedDocument[];
  /** Milliseconds spent: reading sources, then loading or building. */
  timings: { read: number; index: number };
}

/** `node_modules/.cache/kb` of the nearest folder that has `node_modules`, else a folder in the system temp dir. */
export function defaultCacheDir(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'kb');
    if (path.dirname(dir) === dir) return path.join(os.tmpdir(), 'nimbus-kb-cache');
  }
}

/** The cache key of an index over these sources. */
export function indexCacheKey(sources: readonly DocumentSources[], build: BuildIndexOptions = {}, extraDocuments: readonly IndexDocument[] = []): string {
  const hash = createHash('sha256').update(`${INDEX_FORMAT}\0${INDEX_VERSION}\0${JSON.stringify(build.params ?? {})}`);
  for (const source of sources) hash.update(`\0${source.hash}`);
  if (extraDocuments.length > 0) hash.update(`\0${JSON.stringify(extraDocuments)}`);
  return hash.digest('hex');
}

async function prune(cacheDir: string, keep: number): Promise<void> {
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => /^case-index-[0-9a-f]+\.json$/.test(name));
  if (names.length <= keep) return;
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(path.join(cacheDir, name))).mtimeMs })));
  dated.sort((a, b) => b.time - a.time);
  await Promise.all(dated.slice(keep).map(({ name }) => rm(path.join(cacheDir, name), { force: true })));
}

/**
 * Opens the index of the articles under `dir` (and runbooks under `options.runbooksDir`): from the cache when the
 * content hash matches, else built and cached. A broken or stale cache file is rebuilt, never trusted.
 */
export async function openIndex(dir: string, options: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const startRead = performance.now();
  const sources = [await readDocumentSources(dir)];
  if (options.runbooksDir) sources.push(await readDocumentSources(options.runbooksDir, { kind: 'runbook' }));
  const key = indexCacheKey(sources, options.build, options.extraDocuments);
  const read = performance.now() - startRead;
  const startIndex = performance.now();
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const cacheFile = cacheDir ? path.join(cacheDir, `case-index-${key.slice(0, 32)}.json`) : undefined;
  if (cacheFile) {
    const text = await readFile(cacheFile, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        const loaded = loadIndex(text);
        const index = options.linkedCases ? withLinkedCases(loaded, options.linkedCases) : loaded;
        return { index, fromCache: true, key, cacheFile, skipped: [], timings: { read, index: performance.now() - startIndex } };
      } catch {
        // A cache written by an older version or cut short: fall through and rebuild it.
      }
    }
  }
  const documents: IndexDocument[] = [];
  const skipped: SkippedDocument[] = [];
  for (const source of sources) {
    const loaded = await parseDocumentSources(source);
    documents.push(...loaded.documents);
    skipped.push(...loaded.skipped);
  }
  documents.push(...(options.extraDocuments ?? []));
  const index = buildIndex(documents, options.build);
  if (cacheDir && cacheFile) {
    try {
      await mkdir(cacheDir, { recursive: true });
      await writeFileAtomic(cacheFile, JSON.stringify(serializeIndex(index)));
      await prune(cacheDir, options.keep ?? 8);
    } catch {
      // A read-only cache folder costs a rebuild next time, nothing more.
    }
  }
  const learned = options.linkedCases ? withLinkedCases(index, options.linkedCases) : index;
  return { index: learned, fromCache: false, key, ...(cacheFile ? { cacheFile } : {}), skipped, timings: { read, index: performance.now() - startIndex } };
}
