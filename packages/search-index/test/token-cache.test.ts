// The per-document token caches (buildIndex's `tokens`, buildSearchFiles' `surfaces`): an index built from cached
// tokens is the index built without them, also after documents changed, were added or removed since the cache was
// filled, and after the cache went through JSON as the site build stores it.
import { describe, expect, test } from 'vitest';
import { buildIndex, type CaseIndex, type IndexDocument, type TokenCache } from '@nimbus/case-index/core';
import { buildSearchFiles, type SearchFiles } from '../src/index.ts';
import { fixtureDocuments } from './helpers.ts';

/** A cache kept as the site keeps it: by text, written out as JSON and read back between builds. */
class JsonCache<T> implements TokenCache<T> {
  entries = new Map<string, T>();
  hits = 0;
  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.hits++;
    return value;
  }
  set(key: string, value: T): void {
    this.entries.set(key, value);
  }
  /** The cache as the next build reads it. */
  reread(): this {
    this.entries = new Map(JSON.parse(JSON.stringify([...this.entries])) as Array<[string, T]>);
    this.hits = 0;
    return this;
  }
}

/** Everything an index holds, as comparable plain values. */
function plain(index: CaseIndex): unknown {
  return JSON.stringify({ ...index, termIds: [...index.termIds], related: index.related && { ...index.related } }, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Uint8Array) : value));
}

function build(documents: IndexDocument[], caches?: { tokens: JsonCache<never>; surfaces: JsonCache<never> }): { index: CaseIndex; files: SearchFiles } {
  const index = buildIndex(documents, caches ? { tokens: caches.tokens } : {});
  const files = buildSearchFiles(index, documents.map((document) => ({ title: document.title, text: document.body })), caches ? { surfaces: caches.surfaces } : {});
  return { index, files };
}

describe('token caches', () => {
  const documents = fixtureDocuments();
  test('the fixture has enough documents to edit, add and remove', () => expect(documents.length).toBeGreaterThanOrEqual(4));

  test('a build from a filled cache is the build without one', () => {
    const caches = { tokens: new JsonCache<never>(), surfaces: new JsonCache<never>() };
    const first = build(documents, caches);
    const again = build(documents, { tokens: caches.tokens.reread(), surfaces: caches.surfaces.reread() });
    expect(caches.tokens.hits).toBe(documents.length);
    expect(caches.surfaces.hits).toBe(documents.length);
    const uncached = build(documents);
    for (const built of [first, again]) {
      expect(plain(built.index)).toEqual(plain(uncached.index));
      expect(built.files).toEqual(uncached.files);
    }
  });

  test('after an edit, an added and a removed document, the cached build is the uncached build of the new documents', () => {
    const caches = { tokens: new JsonCache<never>(), surfaces: new JsonCache<never>() };
    build(documents, caches);
    // Edited: new words, among them a title word no other document has; one removed; a new one at the front.
    const [first, second, ...rest] = documents;
    const edited: IndexDocument = { ...second!, title: `${second!.title} quuxfrobnicator`, body: `${second!.body}\nThe zyzzyvaplex service also fails with ERR_QUUX_42.` };
    const added: IndexDocument = { ...first!, id: 'added', path: 'added.md', title: 'Brand new article about qwertyflux', body: 'Restart the qwertyflux agent.' };
    const next = [added, edited, ...rest];
    const cached = build(next, { tokens: caches.tokens.reread(), surfaces: caches.surfaces.reread() });
    expect(caches.tokens.hits).toBe(rest.length);
    const uncached = build(next);
    expect(plain(cached.index)).toEqual(plain(uncached.index));
    expect(cached.files).toEqual(uncached.files);
    // The edit reached the index: the new words are in it, the removed document is not.
    expect(cached.index.terms.filter((term) => /zyzzyva|qwertyflux/.test(term)).length).toBeGreaterThanOrEqual(2);
    expect(cached.index.docs.map((doc) => doc.id)).not.toContain(first!.id);
  });
});
