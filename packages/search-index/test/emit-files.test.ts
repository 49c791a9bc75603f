import { describe, expect, it } from 'vitest';
import { buildIndex } from '@nimbus/case-index/core';
import { buildSearchFiles, emitSearchFiles, type ShardDocumentText } from '../src/index.ts';
import { fixtureDocuments } from './helpers.ts';

const documents = fixtureDocuments();
const textsOf = (list = documents): ShardDocumentText[] => list.map((document) => ({ title: document.title, text: document.body }));

describe('emitSearchFiles', () => {
  it('hands every file to the sink once, as made, and returns the manifest buildSearchFiles gives', () => {
    const index = buildIndex(documents);
    const emitted: Array<[string, Uint8Array | string]> = [];
    const manifest = emitSearchFiles(index, textsOf(), { targetShardBytes: 200 }, (name, body) => emitted.push([name, body]));
    const whole = buildSearchFiles(index, textsOf(), { targetShardBytes: 200 });
    expect(manifest).toEqual(whole.manifest);
    expect(new Set(emitted.map(([name]) => name)).size).toBe(emitted.length);
    expect(new Map(emitted)).toEqual(whole.files);
    // Shards, a file per document and the vocabulary buckets: every file the manifest counts.
    expect(emitted.length).toBe(manifest.shardCount + manifest.docCount + manifest.bucketCount);
    expect(manifest.shardCount).toBeGreaterThan(1);
  });

  it('names the folder after every file and the manifest: one changed document text changes it, the same inputs never do', () => {
    const index = buildIndex(documents);
    const base = (texts: ShardDocumentText[]) => emitSearchFiles(index, texts, {}, () => {}).base;
    const changed = textsOf();
    changed[changed.length - 1] = { ...changed.at(-1)!, text: `${changed.at(-1)!.text} one more sentence.` };
    expect(base(textsOf())).toBe(base(textsOf()));
    expect(base(changed)).not.toBe(base(textsOf()));
    expect(base(textsOf())).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses texts that do not match the documents, before handing out any file', () => {
    const index = buildIndex(documents);
    const emitted: string[] = [];
    expect(() => emitSearchFiles(index, textsOf().slice(1), {}, (name) => emitted.push(name))).toThrow(`Expected ${documents.length} document texts, got ${documents.length - 1}`);
    expect(emitted).toEqual([]);
  });
});
