// The search index's per-document tokens (buildIndex's `tokens`, buildSearchFiles' `surfaces`), kept in one binary
// file per site (token-cache-codec.ts) between builds: a rebuild after an edit tokenizes only the edited documents. Entries are found by the
// hash of the text they come from; the file as a whole belongs to one build fingerprint (incremental/fingerprint.ts:
// the code, the settings, everything but the articles), so changed tokenizing code never answers from it. Only the
// entries a build used are written back.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@nimbus/atomic-file';
import type { DocumentTokens, TokenCache } from '@nimbus/case-index/core';
import type { SurfaceCounts } from '@nimbus/search-index';
import { decodeTokenCache, encodeTokenCache, type TokenCacheContents } from './token-cache-codec.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A cache file's contents; none when it is missing, unreadable, truncated or damaged (everything is tokenized). */
async function readCache(file: string): Promise<TokenCacheContents | undefined> {
  try {
    return decodeTokenCache(await readFile(file));
  } catch {
    return undefined;
  }
}

/** One kind of entry: what a build found in the file, and what it used or computed. */
class Entries<T> implements TokenCache<T> {
  readonly used = new Map<string, T>();
  /** How many values were computed this build (not found). */
  computed = 0;
  private readonly found: ReadonlyMap<string, T>;
  constructor(found: ReadonlyMap<string, T>) {
    this.found = found;
  }
  get(text: string): T | undefined {
    const hash = sha(text);
    const value = this.found.get(hash);
    if (value !== undefined) this.used.set(hash, value);
    return value;
  }
  set(text: string, value: T): void {
    this.computed++;
    this.used.set(sha(text), value);
  }
}

/** The token caches of one site's search index, read from `file` when it belongs to `key`. */
export class SearchTokenCache {
  private readonly file: string;
  private readonly key: string;
  readonly tokens: Entries<DocumentTokens>;
  readonly surfaces: Entries<SurfaceCounts>;

  private constructor(file: string, key: string, tokens: Entries<DocumentTokens>, surfaces: Entries<SurfaceCounts>) {
    this.file = file;
    this.key = key;
    this.tokens = tokens;
    this.surfaces = surfaces;
  }

  /**
   * `seeds` are other sites' cache files of the same build: entries are keyed by the text they come from, so the public
   * site takes the tokens of every article the internal site indexed with the same text; its own file comes first.
   */
  static async open(file: string, key: string, seeds: readonly string[] = []): Promise<SearchTokenCache> {
    const tokens = new Map<string, DocumentTokens>();
    const surfaces = new Map<string, SurfaceCounts>();
    for (const source of [file, ...seeds]) {
      const stored = await readCache(source);
      if (stored?.key !== key) continue;
      for (const [hash, value] of stored.tokens) if (!tokens.has(hash)) tokens.set(hash, value);
      for (const [hash, value] of stored.surfaces) if (!surfaces.has(hash)) surfaces.set(hash, value);
    }
    return new SearchTokenCache(file, key, new Entries(tokens), new Entries(surfaces));
  }

  /** Writes the entries this build used, atomically (a reader sees the old file or the new one). */
  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, encodeTokenCache({ key: this.key, tokens: this.tokens.used, surfaces: this.surfaces.used }));
  }
}
