// A worker thread of a parallel import: it owns some of the articles, prepares and finishes them on request.
import { parentPort } from 'node:worker_threads';
import type { Taxonomy } from '@nimbus/content';
import type { LinkTarget } from './_links.ts';
import { buildIndex, finish, prepare, removeFromIndex, type Doc, type FinishOptions, type MutableLinkIndex } from './_pipeline.ts';

/** What the main thread asks a worker to do. */
export type WorkerRequest =
  | { type: 'prepare'; docs: Doc[] }
  | { type: 'finish'; targets: (LinkTarget & { kb?: string })[]; taxonomy: Taxonomy; options: FinishOptions }
  | { type: 'refinish'; gone: string[]; paths: string[] };

/** A worker's answer: its articles as they are now, or what went wrong. */
export type WorkerResponse = { docs: Doc[] } | { error: string };

const owned = new Map<string, Doc>();
let index: MutableLinkIndex | undefined;
let taxonomy: Taxonomy | undefined;
let options: FinishOptions | undefined;

/**
 * A doc without its converted body (functions do not cross threads; `prepare` rebuilds it when needed) and without
 * its source text, which the main thread has already.
 */
const plain = (doc: Doc): Doc => ({ ...doc, body: undefined, source: { ...doc.source, body: '' } });

function handle(request: WorkerRequest): Doc[] {
  switch (request.type) {
    case 'prepare':
      for (const doc of request.docs) {
        owned.set(doc.path, doc);
        prepare(doc);
      }
      return request.docs.map(plain);
    case 'finish': {
      index = buildIndex(request.targets);
      taxonomy = request.taxonomy;
      options = request.options;
      const docs = [...owned.values()].filter((doc) => !doc.skipped);
      for (const doc of docs) finish(doc, index, taxonomy, options);
      return docs.map(plain);
    }
    case 'refinish': {
      removeFromIndex(index!, new Set(request.gone));
      const docs = request.paths.map((path) => owned.get(path)!).filter((doc) => !doc.skipped);
      for (const doc of docs) finish(doc, index!, taxonomy!, options!);
      return docs.map(plain);
    }
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    parentPort!.postMessage({ docs: handle(request) } satisfies WorkerResponse);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerResponse);
  }
});
