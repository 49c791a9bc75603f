import type { SourceFile } from './_source.ts';
import type { GroupingOptions } from './_taxonomy.ts';
import type { Taxonomy } from '@nimbus/content';
import type { ReportClass, ReportEntry } from './_report.ts';
import { assemble, buildIndex, buildTaxonomy, collectionFailures, createDocs, finish, prepare, removeFromIndex, skip, targetOf, type Doc } from './_pipeline.ts';

/** Options of {@link convertKnowledgeBase}. Every field is optional. */
export interface ImportOptions extends GroupingOptions {
  /** Provider name written to `taxonomy.yaml`. Default `"Imported knowledge base"`. */
  provider?: string;
  /** Today as `YYYY-MM-DD`: the `updated` day of articles without a date, and the `reviewed` day. Default: the current UTC day. */
  today?: string;
  /** Public URL of a source article (by its path relative to the source folder), for provenance, images and links. */
  sourceUrl?: (path: string) => string | undefined;
  /** `import` (default): `reviewed` is the import day, so review periods start now. `source`: the source's date. */
  reviewed?: 'import' | 'source';
  /** Attribution text (Markdown) for `ATTRIBUTION.md`, e.g. the source's licence notice. */
  attribution?: string;
  /** Licence of the source, named on every article's provenance line. @example "CC BY 4.0" */
  license?: string;
  /** Name of the source, for the report and the default attribution. @example "corpus/articles" */
  sourceName?: string;
}

/** Counts of an import. */
export interface ImportSummary {
  /** Markdown articles found in the source. */
  found: number;
  /** Articles written (each passes `kb check` without errors). */
  imported: number;
  /** Articles left out, each with an `article-skipped` report entry. */
  skipped: number;
  /** Imported articles with a resolution section (`state: validated`). */
  validated: number;
  /** Products in the generated taxonomy. */
  products: number;
}

/** `import-report.json`: everything the import could not carry over as it was. */
export interface ImportReport {
  source: string;
  today: string;
  summary: ImportSummary;
  /** Entries per class. */
  counts: Partial<Record<ReportClass, number>>;
  /** Entries sorted by file and line. */
  entries: ReportEntry[];
}

/** A converted knowledge base, not yet written anywhere. */
export interface ImportResult {
  /** Files of the content folder by path relative to it: `taxonomy.yaml`, `articles/en/…`, `ATTRIBUTION.md`, `import-report.json`. */
  files: Map<string, string>;
  report: ImportReport;
  taxonomy: Taxonomy;
}

/**
 * Converts the Markdown files of a knowledge base into a content folder: generated taxonomy, one MDX article per
 * source article (each validated with the rules of `kb check`), an attribution and a report. Pure: no IO.
 */
export function convertKnowledgeBase(sources: readonly SourceFile[], options: ImportOptions = {}): ImportResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { docs, products } = createDocs(sources, options, today);
  const taxonomy = buildTaxonomy(products, docs, options, true);
  for (const doc of docs) prepare(doc);
  const index = buildIndex(docs.filter((doc) => !doc.skipped).map(targetOf));
  const finishOptions = { today, reviewed: options.reviewed };
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
