/** Everything the importer could not carry over as it was, one class per kind of loss. */
export const reportClasses = {
  'article-skipped': 'The article could not be converted into content that passes `kb check`; it was left out.',
  'frontmatter-unreadable': 'The source frontmatter is not valid YAML; the fields were read line by line instead.',
  'slug-renamed': 'Two source files would get the same article id; this one got a longer slug.',
  'include-removed': 'An `[!INCLUDE]` directive was removed: include files are not imported.',
  'media-missing': 'An image points at a file that is not imported; it links to the public copy, or shows its alt text.',
  'embed-linked': 'A video or iframe embed became a plain link.',
  'html-simplified': 'Raw HTML lost structure on its way to Markdown (merged table cells, nested tables, unknown embeds).',
  'zone-flattened': 'Conditional content (`::: zone`, `::: moniker`, tabs) was kept for every variant, one after the other.',
  'link-scheme': 'A link uses a scheme the site does not link (`xref:`, `ftp:`, `file:`, app links, `javascript:`…); it became plain text.',
  'link-missing': 'A link points at a file that is not part of the import; it became plain text.',
  'link-outside': 'A link points at an article that is not part of the import; it links to its public URL instead.',
  'link-unpublished': 'A published article links to one that is not published; the link became its public URL or plain text.',
  'anchor-missing': 'A link names a heading that does not exist; the link keeps its target without the anchor, or became text.',
  'mdx-escaped': 'A line only passed the MDX check once every `<`, `{` and `}` on it was escaped.',
  'secret-redacted': 'Something that looks like a secret (key, token, password in a URL) was replaced by `REDACTED`: check it, and rotate it if it was real.',
} as const;

/** The kind of a report entry. */
export type ReportClass = keyof typeof reportClasses;

/** One thing the importer could not convert as it was, at its place in the source. */
export interface ReportEntry {
  /** Source file, relative to the source folder. @example "support/azure/vm/rdp-fails.md" */
  file: string;
  /** 1-based line in the source file. */
  line: number;
  /** What kind of loss this is. */
  class: ReportClass;
  /** What happened, and the value concerned. */
  message: string;
}

/** Sorts entries by file, line and class, so reports of two identical imports are identical. */
export function sortEntries(entries: ReportEntry[]): ReportEntry[] {
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.class < b.class ? -1 : a.class > b.class ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0)));
}

/** Number of entries of each class, classes in catalogue order, classes without entries left out. */
export function countByClass(entries: readonly ReportEntry[]): Partial<Record<ReportClass, number>> {
  const counts: Partial<Record<ReportClass, number>> = {};
  for (const name of Object.keys(reportClasses) as ReportClass[]) {
    const count = entries.filter((entry) => entry.class === name).length;
    if (count > 0) counts[name] = count;
  }
  return counts;
}
