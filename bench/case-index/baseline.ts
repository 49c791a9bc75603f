// The plain BM25 baseline: MiniSearch with its default settings over `title` (frontmatter) and `text` (the whole file).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';

/** One corpus article as the baseline indexes it. */
export interface BaselineDocument {
  id: number;
  path: string;
  title: string;
  text: string;
}

/** Reads every Markdown article under `dir` (paths relative to it, sorted). */
export async function readBaselineDocuments(dir: string): Promise<BaselineDocument[]> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name, id) => {
      const text = await readFile(path.join(dir, name), 'utf8');
      const title = /^title:\s*(.*)$/m.exec(text)?.[1] ?? '';
      return { id, path: name.split(path.sep).join('/'), title, text };
    }),
  );
}

/** MiniSearch options of the baseline: only what is needed to search title and text and return the path. */
export const baselineOptions = { fields: ['title', 'text'], storeFields: ['path'] };

/** Builds the baseline index. */
export function buildBaseline(documents: readonly BaselineDocument[]): MiniSearch<BaselineDocument> {
  const search = new MiniSearch<BaselineDocument>(baselineOptions);
  search.addAll(documents as BaselineDocument[]);
  return search;
}

/** The baseline's top paths for a case (subject and body as one query). */
export function searchBaseline(search: MiniSearch<BaselineDocument>, subject: string, body: string, top = 10): string[] {
  return search
    .search(`${subject}\n${body}`)
    .slice(0, top)
    .map((result) => result.path as string);
}
