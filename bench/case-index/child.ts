// Measurements that need a fresh process (peak memory, cold start), run by bench/case-index/run.ts:
//   node bench/case-index/child.ts build <articles-dir>                 case-index: read, parse and index
//   node bench/case-index/child.ts build-baseline <articles-dir>        MiniSearch: read and index
//   node bench/case-index/child.ts save-baseline <articles-dir> <file>  MiniSearch index as JSON, for the link baseline
//   node bench/case-index/child.ts link-baseline <file> <cases>         MiniSearch: load the JSON, link every case as JSONL
// Each prints one JSON line of results on stdout.

import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import MiniSearch from 'minisearch';
import { buildIndex, parseDocumentSources, readDocumentSources } from '@nimbus/case-index';
import { baselineOptions, buildBaseline, readBaselineDocuments, searchBaseline, type BaselineDocument } from './baseline.ts';

const [mode, first, second] = process.argv.slice(2);
const started = performance.now();
const report = (extra: Record<string, unknown> = {}) => {
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, ...extra })}\n`);
};

if (mode === 'build' && first) {
  const loaded = await parseDocumentSources(await readDocumentSources(first));
  const index = buildIndex(loaded.documents);
  report({ documents: index.docs.length, terms: index.terms.length, postings: index.postingDocs.length });
} else if (mode === 'build-baseline' && first) {
  const search = buildBaseline(await readBaselineDocuments(first));
  report({ documents: search.documentCount });
} else if (mode === 'save-baseline' && first && second) {
  const search = buildBaseline(await readBaselineDocuments(first));
  await writeFile(second, JSON.stringify(search));
  report();
} else if (mode === 'link-baseline' && first && second) {
  const search = MiniSearch.loadJSON<BaselineDocument>(await readFile(first, 'utf8'), baselineOptions);
  const out = createWriteStream('/dev/null');
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(second), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const supportCase = JSON.parse(line) as { id: string; subject: string; body: string };
    const results = searchBaseline(search, supportCase.subject, supportCase.body);
    out.write(`${JSON.stringify({ id: supportCase.id, results: results.map((article) => ({ article })) })}\n`);
    count++;
  }
  out.end();
  report({ cases: count });
} else {
  console.error('usage: node bench/case-index/child.ts build|build-baseline|save-baseline|link-baseline …');
  process.exitCode = 2;
}
