// The search index's per-document tokens (buildIndex's `tokens`, buildSearchFiles' `surfaces`), kept in one JSON file
// per site between builds: a rebuild after an edit tokenizes only the edited documents. Entries are found by the
// hash of the text they come from; the file as a whole belongs to one build fingerprint (incremental/fingerprint.ts:
// the code, the settings, everything but the articles), so changed tokenizing code never answers from it. Only the
// entries a build used are written back.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentTokens, TokenCache } from '@nimbus/case-index/core';
import type { SurfaceCounts } from '@nimbus/search-index';

interface Stored {
  key: string;
  tokens: Record<string, DocumentTokens>;
  surfaces: Record<string, SurfaceCounts>;
}

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');

/** One kind of entry: what a build found in the file, and what it used or computed. */
class Entries<T> implements TokenCache<T> {
  readonly used = new Map<string, T>();
  /** How many values were computed this build (not found). */
  computed = 0;
  private readonly found: Record<string, T>;
  constructor(found: Record<string, T>) {
    this.found = found;
  }
  get(text: string): T | undefined {
    const hash = sha(text);
    const value = Object.hasOwn(this.found, hash) ? this.found[hash] : undefined;
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

  static async open(file: string, key: string): Promise<SearchTokenCache> {
    let stored: Stored | undefined;
    try {
      stored = JSON.parse(await readFile(file, 'utf8')) as Stored;
    } catch {
      // None yet, or unreadable: everything is tokenized.
    }
    const valid = stored?.key === key ? stored : undefined;
    return new SearchTokenCache(file, key, new Entries(valid?.tokens ?? {}), new Entries(valid?.surfaces ?? {}));
  }

  /** Writes the entries this build used, atomically (a reader sees the old file or the new one). */
  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const stored: Stored = { key: this.key, tokens: Object.fromEntries(this.tokens.used), surfaces: Object.fromEntries(this.surfaces.used) };
    try {
      await writeFile(temporary, JSON.stringify(stored));
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
