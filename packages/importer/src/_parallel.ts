// The same import as `convertKnowledgeBase`, with articles spread over worker threads: converting and validating
// thousands of articles is CPU-bound, and the result does not depend on which thread did what.
import { Worker } from 'node:worker_threads';
import { affectedBy } from './convert-knowledge-base.ts';
import type { ImportOptions, ImportResult } from './import-options.ts';
import { assemble, buildTaxonomy, collectionFailures, createDocs, finishOptionsOf, skip, targetOf, type Doc } from './_pipeline.ts';
import type { SourceFile } from './source.ts';
import type { WorkerRequest, WorkerResponse } from './_worker.ts';

/** Converts a knowledge base with `workers` threads (at least 2); same result as `convertKnowledgeBase`. */
export async function convertInWorkers(sources: readonly SourceFile[], options: ImportOptions, workers: number): Promise<ImportResult> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { docs, products } = createDocs(sources, options, today);
  const taxonomy = buildTaxonomy(products, docs, options, true);
  const byPath = new Map(docs.map((doc) => [doc.path, doc]));
  const byId = new Map(docs.map((doc) => [doc.id, doc]));

  // Balance by size: the largest articles first, each to the least loaded thread.
  const chunks: Doc[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  const owner = new Map<string, number>();
  for (const doc of [...docs].sort((a, b) => b.source.body.length - a.source.body.length || (a.path < b.path ? -1 : 1))) {
    const least = load.indexOf(Math.min(...load));
    chunks[least]!.push(doc);
    load[least]! += doc.source.body.length;
    owner.set(doc.path, least);
  }

  const threads = chunks.map(() => new Worker(new URL('./_worker.ts', import.meta.url)));
  const ask = (thread: Worker, request: WorkerRequest) =>
    new Promise<Doc[]>((resolve, reject) => {
      const onMessage = (response: WorkerResponse) => {
        thread.off('error', reject);
        if ('error' in response) reject(new Error(`Import worker failed: ${response.error}`));
        else resolve(response.docs);
      };
      thread.once('message', onMessage);
      thread.once('error', reject);
      thread.postMessage(request);
    });
  const merge = (results: Doc[][]) => {
    for (const { source: _source, ...doc } of results.flat()) Object.assign(byPath.get(doc.path)!, doc);
  };

  try {
    let prepared = 0;
    merge(await Promise.all(threads.map(async (thread, at) => {
      const result = await ask(thread, { type: 'prepare', docs: chunks[at]! });
      prepared += result.length;
      options.onProgress?.(prepared, docs.length);
      return result;
    })));
    const targets = docs.filter((doc) => !doc.skipped).map(targetOf);
    const finishOptions = finishOptionsOf(options, today);
    merge(await Promise.all(threads.map((thread) => ask(thread, { type: 'finish', targets, taxonomy, options: finishOptions }))));
    let finished: Doc[] = docs;
    for (let round = 0; round < 6; round++) {
      const gone = new Set(finished.filter((doc) => doc.skipped).map((doc) => doc.id));
      for (const failure of collectionFailures(docs)) {
        skip(byId.get(failure.id)!, failure.reason);
        gone.add(failure.id);
      }
      if (gone.size === 0) break;
      const pending = affectedBy(docs, gone);
      const paths = threads.map((_thread, at) => pending.filter((doc) => owner.get(doc.path) === at).map((doc) => doc.path));
      merge(await Promise.all(threads.map((thread, at) => ask(thread, { type: 'refinish', gone: [...gone], paths: paths[at]! }))));
      finished = pending;
    }
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return assemble(docs, products, options, today);
}
