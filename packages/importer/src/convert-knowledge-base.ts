import type { SourceFile } from './source.ts';
import type { ImportOptions, ImportResult } from './import-options.ts';
import { assemble, buildIndex, buildTaxonomy, collectionFailures, createDocs, finish, finishOptionsOf, prepare, removeFromIndex, skip, targetOf, type Doc } from './_pipeline.ts';

/**
 * Converts the Markdown files of a knowledge base into a content folder: generated taxonomy, one MDX article per
 * source article (each validated with the rules of `kb check`), an attribution and a report. Pure: no IO.
 */
export function convertKnowledgeBase(sources: readonly SourceFile[], options: ImportOptions = {}): ImportResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { docs, products } = createDocs(sources, options, today);
  const taxonomy = buildTaxonomy(products, docs, options, true);
  docs.forEach((doc, done) => {
    prepare(doc);
    options.onProgress?.(done + 1, docs.length);
  });
  const index = buildIndex(docs.filter((doc) => !doc.skipped).map(targetOf));
  const finishOptions = finishOptionsOf(options, today);
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  // Render and validate until no article drops out: an article left out turns the links to it into public URLs or text.
  let pending: Doc[] = docs.filter((doc) => !doc.skipped);
  for (let round = 0; pending.length > 0 && round < 6; round++) {
    for (const doc of pending) finish(doc, index, taxonomy, finishOptions);
    const gone = new Set(pending.filter((doc) => doc.skipped).map((doc) => doc.id));
    for (const failure of collectionFailures(docs)) {
      skip(byId.get(failure.id)!, failure.reason);
      gone.add(failure.id);
    }
    if (gone.size === 0) break;
    removeFromIndex(index, gone);
    pending = affectedBy(docs, gone);
  }
  return assemble(docs, products, options, today);
}

/** Articles that link to one of `gone`: they are rendered again. */
export function affectedBy(docs: readonly Doc[], gone: ReadonlySet<string>): Doc[] {
  return docs.filter((doc) => !doc.skipped && doc.links.some((id) => gone.has(id)));
}
