import { readdirSync, readFileSync } from 'node:fs';
import { buildIndex, parseMarkdownArticle, type CaseIndex, type IndexDocument } from '@nimbus/case-index/core';
import { buildSearchFiles, ShardedSearch, type BuildSearchOptions, type SearchFiles } from '../src/index.ts';

const articles = new URL('fixtures/articles/', import.meta.url);

/** The fixture articles as index documents. */
export function fixtureDocuments(): IndexDocument[] {
  return readdirSync(articles)
    .sort()
    .map((name) => parseMarkdownArticle(readFileSync(new URL(name, articles), 'utf8'), name));
}

/** The fixture index (changed by `adapt`), its sharded files, and a client reading them from memory that records each file it reads. */
export function fixtureSearch(
  options: BuildSearchOptions = {},
  adapt: (index: CaseIndex) => CaseIndex = (index) => index,
): { index: CaseIndex; files: SearchFiles; search: ShardedSearch; reads: string[] } {
  const documents = fixtureDocuments();
  const index = adapt(buildIndex(documents));
  const files = buildSearchFiles(index, documents.map((document) => ({ title: document.title, text: document.body })), options);
  const reads: string[] = [];
  const search = new ShardedSearch(async (file, as) => {
    reads.push(file);
    const content = file === 'manifest.json' ? JSON.stringify(files.manifest) : files.files.get(file.slice(files.manifest.base.length + 1));
    if (content === undefined) throw new Error(`No file ${file}`);
    if (as === 'text') return typeof content === 'string' ? content : new TextDecoder().decode(content);
    return content as Uint8Array;
  });
  return { index, files, search, reads };
}
