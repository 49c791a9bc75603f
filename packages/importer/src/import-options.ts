// The options and results of an import, apart from the code: the pipeline and its entry points both use them,
// so neither has to import the other.
import type { KcsState, Taxonomy, Visibility } from '@nimbus/content';
import type { ReportClass, ReportEntry } from './report.ts';
import type { GroupingOptions } from './taxonomy.ts';

/** Who owns imported articles: a team per source author (`ms.author` or `author`), and one for the rest. */
export interface OwnerMapping {
  /** Source author → GitHub team or user, e.g. `{ jdoe: "@contoso/l3-mail" }`. */
  byAuthor?: Readonly<Record<string, string>>;
  /** Owner of articles whose author is not mapped (or that name none). */
  fallback?: string;
}

/** Options of {@link convertKnowledgeBase}. Every field is optional. */
export interface ImportOptions extends GroupingOptions {
  /** Provider name written to `taxonomy.yaml`. Default `"Imported knowledge base"`. */
  provider?: string;
  /** Today as `YYYY-MM-DD`: the import day, and the `updated` and `reviewed` day of articles whose source has no date. Default: the current UTC day. */
  today?: string;
  /** Public URL of a source article (by its path relative to the source folder), for provenance, images and links. */
  sourceUrl?: (path: string) => string | undefined;
  /** `source` (default): `reviewed` is the source's date (the import day only when the source has none). `import`: the import day. */
  reviewed?: 'import' | 'source';
  /** KCS state of every imported article. `detect`: `validated` when it has a resolution section. Default `not-validated`. */
  state?: KcsState | 'detect';
  /** Visibility of every imported article. Default `internal`: nobody has decided yet that customers may read it. */
  visibility?: Visibility;
  /** Owners of the articles. An article whose owner this does not give fails the import ({@link ImportOwnerError}). */
  owners?: OwnerMapping;
  /** Called as the articles are converted: `done` of `total`. For progress output; not called from worker threads. */
  onProgress?: (done: number, total: number) => void;
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
  /** Imported articles with `state: validated`. */
  validated: number;
  /** Imported articles whose source has no date: their `updated` and `reviewed` are the import day. */
  undated: number;
  /** Imported articles whose review is overdue for their state (`kb check` reports them). */
  reviewDue: number;
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

/** Source authors that no owner mapping covers: the import cannot name an owner for their articles. */
export class ImportOwnerError extends Error {
  override name = 'ImportOwnerError';
  /** The authors without an owner (`(none)` for articles that name none), most articles first. */
  readonly authors: readonly string[];
  constructor(authors: readonly string[]) {
    super(`No owner for the articles of ${authors.length} source author(s): ${authors.slice(0, 10).join(', ')}${authors.length > 10 ? ', …' : ''}`);
    this.authors = authors;
  }
}
