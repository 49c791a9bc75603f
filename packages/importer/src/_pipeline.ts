// The import, one article at a time: create (path, product, slug), prepare (convert the body, learn headings and
// state), finish (decide links, map frontmatter, validate with the rules of `kb check`), then check the collection.
// Every step works on plain, cloneable data, so the same steps run in one thread or spread over worker threads.

import { VFile } from 'vfile';
import { stringify } from 'yaml';
import {
  checkMdx,
  collectBodyFacts,
  isPublishable,
  isResolutionHeading,
  taxonomySchema,
  validateArticle,
  validateCollection,
  type Article,
  type ArticleFileData,
  type BodyFacts,
  type KcsState,
  type Taxonomy,
  type Visibility,
} from '@nimbus/content';
import { findSecrets } from '@nimbus/redact';
import { convertBody, type ConvertedBody } from './_convert-body.ts';
import { rewriteDocfx } from './_docfx.ts';
import { renderWithLines, type LinkDecision, type LinkSlot } from './_edits.ts';
import { extractErrors } from './_errors.ts';
import { normalizeUrl, resolveLink, type LinkIndex, type LinkTarget } from './_links.ts';
import { countByClass, sortEntries, type ReportClass, type ReportEntry } from './report.ts';
import { isoDay, readSource, textField, type ReadSource, type SourceFile } from './source.ts';
import { areaOf, groupProducts, importedAreas, slugOf, type ProductGroup } from './taxonomy.ts';
import { ImportOwnerError, type ImportOptions, type ImportReport, type ImportResult, type ImportSummary } from './import-options.ts';

/** What `finish` needs of the options: no functions, so it crosses into worker threads. */
export interface FinishOptions {
  today: string;
  reviewed: 'import' | 'source';
}

/** The plain-data part of the options that `finish` needs, with their defaults. */
export function finishOptionsOf(options: ImportOptions, today: string): FinishOptions {
  return { today, reviewed: options.reviewed ?? 'source' };
}

const MAX_MDX_RETRIES = 8;
const MAX_RELATED = 5;

/** One article on its way through the import. Plain data except `body`, which `prepare` rebuilds. */
export interface Doc {
  source: ReadSource;
  path: string;
  product: string;
  area: string;
  slug: string;
  id: string;
  url?: string;
  kb?: string;
  title: string;
  description?: string;
  owner: string;
  /** The source's author (`ms.author` or `author`), if it names one. */
  author?: string | undefined;
  updated: string;
  /** Whether the source gave a date (else `updated` is the import day). */
  dated: boolean;
  /** Whether the review is overdue for the state, as `kb check` will say. */
  reviewDue?: boolean;
  /** Whether `state` comes from the body (a resolution section), not from the options. */
  detectState: boolean;
  hardLines: Set<number>;
  body?: ConvertedBody;
  entries: ReportEntry[];
  linkEntries: ReportEntry[];
  state: KcsState;
  visibility: Visibility;
  target: LinkTarget;
  /** Ids of imported articles this one links to. */
  links: string[];
  license?: string;
  output?: string;
  skipped?: string;
  /** The validated article and its body facts, for the collection rules. */
  checked?: { article: Article; facts: BodyFacts };
}

/** Articles of the sources with their product, area, slug and id; files that are no articles are left out. */
export function createDocs(sources: readonly SourceFile[], options: ImportOptions, today: string): { docs: Doc[]; products: ProductGroup[] } {
  const articleSources = sources.filter((file) => isArticlePath(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { products, productOf } = groupProducts(articleSources.map((file) => file.path), options);
  const docs = articleSources.map((file) => createDoc(readSource(file), productOf.get(file.path) ?? 'general', today, options));
  const unowned = new Map<string, number>();
  for (const doc of docs) if (doc.owner === '') unowned.set(doc.author ?? '(none)', (unowned.get(doc.author ?? '(none)') ?? 0) + 1);
  if (unowned.size > 0) throw new ImportOwnerError([...unowned].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([author]) => author));
  assignSlugs(docs);
  return { docs, products };
}

/** Whether a source path is an article: Markdown, not an include file, not a repository README or table of contents. */
function isArticlePath(path: string): boolean {
  if (!/\.(?:md|markdown)$/i.test(path)) return false;
  const segments = path.toLowerCase().split('/');
  const name = segments.at(-1) ?? '';
  return !segments.slice(0, -1).some((segment) => segment === 'includes' || segment.startsWith('.')) && !['readme.md', 'toc.md', 'license.md', 'changelog.md'].includes(name);
}

function createDoc(source: ReadSource, product: string, today: string, options: ImportOptions): Doc {
  const { data } = source;
  const entries: ReportEntry[] = [];
  if (source.yamlProblem) entries.push({ file: source.path, line: 1, class: 'frontmatter-unreadable', message: `Frontmatter is not valid YAML (${source.yamlProblem}); read line by line` });
  const author = textField(data, 'ms.author') ?? textField(data, 'author');
  // Never made up: the mapping names the team, or the import stops and says which authors need one.
  const owner = (author !== undefined ? options.owners?.byAuthor?.[author] : undefined) ?? options.owners?.fallback ?? '';
  const sourceDay = isoDay(textField(data, 'ms.date') ?? textField(data, 'date') ?? textField(data, 'updated'));
  const url = options.sourceUrl?.(source.path);
  const kb = /_Original KB number:_\s*(?:&nbsp;|\s)*(\d{5,7})\b/.exec(source.body)?.[1];
  const doc: Doc = {
    source,
    path: source.path,
    product,
    area: areaOf(source.path),
    slug: slugOf(source.path.split('/').at(-1) ?? ''),
    id: '',
    url,
    kb,
    title: cleanInline(textField(data, 'title') ?? ''),
    description: textField(data, 'description'),
    owner,
    author,
    updated: sourceDay ?? today,
    dated: sourceDay !== undefined,
    detectState: options.state === 'detect',
    hardLines: new Set(),
    entries,
    linkEntries: [],
    state: options.state === undefined || options.state === 'detect' ? 'not-validated' : options.state,
    visibility: options.visibility ?? 'internal',
    target: { id: '', path: source.path.toLowerCase(), url, publishable: false, anchors: new Map() },
    links: [],
    license: options.license,
  };
  return doc;
}

/** Slugs from file names; a second file with the same slug in a product gets its folder name, then a number. */
function assignSlugs(docs: Doc[]): void {
  const taken = new Set<string>();
  const byProduct = new Map<string, Doc[]>();
  for (const doc of docs) byProduct.set(`${doc.product}/${doc.slug}`, [...(byProduct.get(`${doc.product}/${doc.slug}`) ?? []), doc]);
  for (const doc of docs) taken.add(`${doc.product}/${doc.slug}`);
  for (const group of byProduct.values()) {
    group.forEach((doc, position) => {
      if (position === 0) return;
      const base = `${doc.slug}-${slugOf(doc.path.split('/').at(-2) ?? 'article')}`;
      let slug = base;
      for (let suffix = 2; taken.has(`${doc.product}/${slug}`); suffix++) slug = `${base}-${suffix}`;
      taken.add(`${doc.product}/${slug}`);
      doc.entries.push({ file: doc.path, line: 1, class: 'slug-renamed', message: `\`${doc.product}/${doc.slug}\` is taken by \`${group[0]!.path}\`, this article is \`${doc.product}/${slug}\`` });
      doc.slug = slug;
    });
  }
  for (const doc of docs) {
    doc.id = `${doc.product}/${doc.slug}`;
    doc.target.id = doc.id;
  }
}

// --- per article: convert, check the MDX, learn headings and state ----------------------------------------------------

function convert(doc: Doc): void {
  doc.entries = doc.entries.filter((entry) => entry.class === 'frontmatter-unreadable' || entry.class === 'slug-renamed' || entry.class === 'mdx-escaped');
  const report = (line: number, reportClass: ReportClass, message: string) => doc.entries.push({ file: doc.path, line, class: reportClass, message });
  const text = rewriteDocfx(doc.source.body, report);
  doc.body = convertBody(text, {
    report,
    image: (alt, url, line) => imageMarkdown(doc, alt, url, line, report),
    link: (url, line): LinkSlot => ({ url, line }),
  }, doc.hardLines);
  // The schema wants at least 10 characters: a missing or too short title falls back to the first heading, then the slug.
  const heading = cleanInline(doc.body.heading ?? '');
  if (doc.title.length < 10 && heading.length > doc.title.length) doc.title = heading;
  if (doc.title.length < 10) doc.title = `${doc.title || 'Imported article'}: ${doc.slug}`;
}

/** Converts the body with links unresolved and learns its heading anchors and KCS state. */
export function prepare(doc: Doc): void {
  convert(doc);
  const file = new VFile({ path: 'headings.mdx', value: doc.body!.headings.join('\n\n') });
  const tree = checkMdx(file);
  const headings = tree ? collectBodyFacts(tree).headings : [];
  if (doc.detectState) doc.state = headings.some((heading) => heading.depth <= 3 && isResolutionHeading(heading.text)) ? 'validated' : 'not-validated';
  doc.target.publishable = isPublishable({ state: doc.state, visibility: doc.visibility });
  const anchors = new Map<string, string>();
  const add = (name: string, slug: string) => {
    if (!anchors.has(name)) anchors.set(name, slug);
    if (!anchors.has(name.toLowerCase())) anchors.set(name.toLowerCase(), slug);
  };
  for (const heading of headings) add(heading.slug, heading.slug);
  for (const [name, headingText] of doc.body!.anchors) {
    const heading = headings.find((candidate) => candidate.text.replace(/\s+/g, ' ').trim() === headingText);
    if (heading) add(name, heading.slug);
  }
  doc.target.anchors = anchors;
}

/**
 * Replaces the credentials the redactor finds (the detector behind `kb check`'s `secret` rule) by `REDACTED`; what
 * names them stays (`password=REDACTED`, a URL's user name).
 */
function redactSecrets(text: string, report: (offset: number, kind: string) => void): string {
  const secrets = findSecrets(text);
  let out = text;
  for (const secret of [...secrets].reverse()) {
    out = `${out.slice(0, secret.index)}REDACTED${out.slice(secret.index + secret.text.length)}`;
  }
  for (const secret of secrets) report(secret.index, secret.kind);
  return out;
}

/**
 * The source line an output line comes from. Lines an edit produced all map to the edit's first line, so the
 * source lines after it are searched for the output line's text first.
 */
function sourceLineOf(doc: Doc, outputLine: string, lines: number[], index: number): number | undefined {
  const mapped = lines[index];
  if (mapped === undefined) return undefined;
  const probe = outputLine.replace(/&#\d+;|\\/g, '').trim().slice(0, 40);
  if (probe.length >= 8) {
    const sourceLines = doc.source.body.split('\n');
    const until = Math.min(sourceLines.length, lines[index + 1] ?? mapped + 20, mapped + 50);
    for (let line = mapped; line <= until; line++) if (sourceLines[line - 1]?.includes(probe)) return line;
  }
  return mapped;
}

/** Leaves an article out of the import, with an `article-skipped` entry saying why. */
export function skip(doc: Doc, reason: string): void {
  doc.skipped = reason;
  doc.output = undefined;
  doc.entries.push({ file: doc.path, line: 1, class: 'article-skipped', message: `Left out: ${reason}` });
}

function render(doc: Doc, decide: (slot: LinkSlot) => LinkDecision): { text: string; lines: number[] } {
  return renderWithLines(doc.body!.applied, decide, doc.body!.lineOf);
}

/** Trims the body's leading blank lines and adds the provenance line. `shift` is how many lines the text moved. */
function finalizeBody(text: string, doc: Doc): { text: string; shift: number } {
  const leading = /^(?:[ \t]*\n)*/.exec(text)?.[0] ?? '';
  const shift = -(leading.match(/\n/g)?.length ?? 0);
  let body = text.slice(leading.length).replace(/\s+$/, '');
  const provenance = `Imported from \`${doc.path.replace(/`/g, '')}\`${doc.url ? ` ([original article](${destination(doc.url)}))` : ''}; changes were made${doc.license ? `. Licensed under ${doc.license}` : ''}.`;
  const h2s = [...body.matchAll(/^##[ \t]+(.+?)[ \t#]*$/gm)];
  const lastH2 = h2s.at(-1)?.[1]?.trim();
  body += lastH2 && /^related information$/i.test(lastH2) ? `\n\n${provenance}\n` : `\n\n## Related information\n\n${provenance}\n`;
  return { text: body, shift };
}

function imageMarkdown(doc: Doc, alt: string, url: string, line: number, report: (line: number, reportClass: ReportClass, message: string) => void): string {
  const text = alt.replace(/\s+/g, ' ').trim();
  const escapedAlt = text.replace(/[\\[\]<>{}*_`|]/g, (char) => `\\${char}`);
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed)) return `![${escapedAlt}](${destination(trimmed)})`;
  if (!trimmed || /^data:/i.test(trimmed)) return escapedAlt ? `*Image: ${escapedAlt}*` : '';
  if (doc.url) {
    const absolute = new URL(trimmed, doc.url).href;
    report(line, 'media-missing', `Image \`${trimmed}\` is not imported, it shows the public copy ${absolute}`);
    return `![${escapedAlt}](${destination(absolute)})`;
  }
  report(line, 'media-missing', `Image \`${trimmed}\` is not imported, its alt text replaces it`);
  return escapedAlt ? `*Image: ${escapedAlt}*` : '';
}

function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

// --- the whole import: links, frontmatter, validation ------------------------------------------------------------------

/** The index links are resolved against: every article that is not left out, by path, public URL and KB number. */
export function buildIndex(targets: readonly (LinkTarget & { kb?: string })[]): MutableLinkIndex {
  const byPath = new Map<string, LinkTarget>();
  const byUrl = new Map<string, LinkTarget>();
  const byKb = new Map<string, LinkTarget>();
  for (const target of targets) {
    byPath.set(target.path.toLowerCase(), target);
    const normalized = target.url ? normalizeUrl(target.url) : undefined;
    if (normalized && !byUrl.has(normalized)) byUrl.set(normalized, target);
    if (target.kb && !byKb.has(target.kb)) byKb.set(target.kb, target);
  }
  return { byPath, byUrl, byKb };
}

/** A link index that articles can leave. */
export interface MutableLinkIndex extends LinkIndex {
  byPath: Map<string, LinkTarget>;
  byUrl: Map<string, LinkTarget>;
  byKb: Map<string, LinkTarget>;
}

/** Removes left-out articles from the index, so links to them become public URLs or text. */
export function removeFromIndex(index: MutableLinkIndex, ids: ReadonlySet<string>): void {
  for (const map of [index.byPath, index.byUrl, index.byKb]) for (const [key, target] of map) if (ids.has(target.id)) map.delete(key);
}

/** What other articles need to know about an article to link to it. */
export function targetOf(doc: Doc): LinkTarget & { kb?: string } {
  return { ...doc.target, kb: doc.kb };
}

export function finish(doc: Doc, index: LinkIndex, taxonomy: Taxonomy, options: FinishOptions): void {
  for (let attempt = 0; ; attempt++) {
    const failedLine = finishOnce(doc, index, taxonomy, options);
    if (failedLine === undefined) return;
    if (attempt >= MAX_MDX_RETRIES || doc.hardLines.has(failedLine.line)) {
      skip(doc, failedLine.reason);
      return;
    }
    // A line MDX still rejects: escape everything on it that MDX reads as code, and convert again.
    doc.hardLines.add(failedLine.line);
    doc.entries.push({ file: doc.path, line: failedLine.line, class: 'mdx-escaped', message: `What MDX reads as code on this line (\`<\`, \`{\`, \`}\`, a leading \`import\`) became character references: ${failedLine.reason}` });
    prepare(doc);
  }
}

/** Renders and validates an article; returns the source line of an MDX error to escape, if that is what failed. */
function finishOnce(doc: Doc, index: LinkIndex, taxonomy: Taxonomy, options: FinishOptions): { line: number; reason: string } | undefined {
  const { today } = options;
  doc.linkEntries = [];
  doc.output = undefined;
  doc.checked = undefined;
  const links: string[] = [];
  const { text, lines } = render(doc, (slot) => {
    const resolved = resolveLink(slot, doc.target, index);
    if (resolved.problem) doc.linkEntries.push({ file: doc.path, line: slot.line, class: resolved.problem.class, message: resolved.problem.message });
    if (resolved.target && resolved.target.id !== doc.id && resolved.decision.kind === 'link' && resolved.decision.url.startsWith('/articles/')) links.push(resolved.target.id);
    return resolved.decision;
  });
  doc.links = [...new Set(links)];
  const finalized = finalizeBody(text, doc);
  const { shift } = finalized;
  const body = redactSecrets(finalized.text, (offset, kind) => {
    const line = lines[finalized.text.slice(0, offset).split('\n').length - shift - 1] ?? 1;
    doc.linkEntries.push({ file: doc.path, line, class: 'secret-redacted', message: `A ${kind} was replaced by \`REDACTED\`` });
  });
  const errors = extractErrors(body, doc.title);
  const frontmatter = {
    title: doc.title,
    description: describe(doc),
    product: doc.product,
    area: doc.area,
    errors,
    state: doc.state,
    visibility: doc.visibility,
    locale: 'en',
    updated: doc.updated,
    reviewed: options.reviewed === 'import' ? today : doc.updated,
    owner: doc.owner,
    related: doc.links.slice(0, MAX_RELATED),
    runbooks: [],
  };
  const head = `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n`;
  const output = head + body;
  const file = new VFile({ path: articlePath(doc), value: output });
  const article = validateArticle(file, { taxonomy, rules: 'all', today });
  // An overdue review is a reason to review the article, not to leave it out: `kb check` keeps reporting it.
  doc.reviewDue = file.messages.some((message) => message.ruleId === 'review-overdue');
  const fatal = file.messages.find((message) => message.fatal && message.ruleId !== 'review-overdue');
  if (fatal && (fatal.ruleId === 'mdx-syntax' || fatal.ruleId === 'mdx-code')) {
    const bodyLine = (fatal.line ?? 1) - (head.match(/\n/g)?.length ?? 0);
    const sourceLine = sourceLineOf(doc, text.split('\n')[bodyLine - shift - 1] ?? '', lines, bodyLine - shift - 1);
    const reason = `${fatal.reason} (${fatal.ruleId})`;
    if (sourceLine !== undefined) return { line: sourceLine, reason };
    skip(doc, reason);
    return undefined;
  }
  if (!article || fatal) {
    skip(doc, fatal ? `${fatal.reason} (${fatal.ruleId ?? 'kb'}, converted line ${fatal.line ?? 1})` : 'invalid frontmatter');
    return undefined;
  }
  doc.output = output;
  doc.checked = { article, facts: (file.data as ArticleFileData).kbFacts ?? { headings: [], links: [], code: '' } };
  return undefined;
}

/** Runs the collection rules of `kb check` (links and anchors across articles, duplicates) over every written article. */
export function collectionFailures(docs: readonly Doc[]): { id: string; reason: string }[] {
  const live = docs.filter((doc) => !doc.skipped && doc.output !== undefined && doc.checked);
  const files = new Map<string, VFile>();
  for (const doc of live) {
    const file = new VFile({ path: articlePath(doc), value: doc.output });
    (file.data as ArticleFileData).kbFacts = doc.checked!.facts;
    files.set(file.path, file);
  }
  validateCollection(live.map((doc) => doc.checked!.article), files, { rules: 'all' });
  return live.flatMap((doc) => {
    const fatal = files.get(articlePath(doc))!.messages.find((message) => message.fatal);
    return fatal ? [{ id: doc.id, reason: `${fatal.reason} (${fatal.ruleId ?? 'kb'}, converted line ${fatal.line ?? 1})` }] : [];
  });
}

function describe(doc: Doc): string {
  const candidates = [doc.description, doc.body?.firstParagraph, doc.title].map((value) => cleanInline(value ?? ''));
  const text = candidates.find((value) => value.length >= 10) ?? `${doc.title} (imported article)`;
  if (text.length <= 300) return text;
  const cut = text.slice(0, 299);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200)).replace(/[\s,;:.]+$/, '')}…`;
}

/** Frontmatter text as one plain line: no HTML tags or docfx markers. */
function cleanInline(text: string): string {
  return text.replace(/<[^>]+>/g, '').replace(/\[!\w+\]/g, '').replace(/\s+/g, ' ').trim();
}

function articlePath(doc: Doc): string {
  return `articles/en/${doc.product}/${doc.slug}.mdx`;
}

/** The content folder of an import: taxonomy of the written articles, the articles, attribution and report. */
export function assemble(docs: readonly Doc[], products: ProductGroup[], options: ImportOptions, today: string): ImportResult {
  const written = docs.filter((doc) => !doc.skipped && doc.output !== undefined);
  const finalTaxonomy = buildTaxonomy(products, written, options, false);
  const entries = sortEntries(docs.flatMap((doc) => [...doc.entries, ...doc.linkEntries]));
  const summary: ImportSummary = {
    found: docs.length,
    imported: written.length,
    skipped: docs.length - written.length,
    validated: written.filter((doc) => doc.state === 'validated').length,
    undated: written.filter((doc) => !doc.dated).length,
    reviewDue: written.filter((doc) => doc.reviewDue).length,
    products: finalTaxonomy.products.length,
  };
  const report: ImportReport = { source: options.sourceName ?? '', today, summary, counts: countByClass(entries), entries };
  const files = new Map<string, string>();
  files.set('taxonomy.yaml', taxonomyYaml(finalTaxonomy));
  for (const doc of [...written].sort((a, b) => (a.id < b.id ? -1 : 1))) files.set(articlePath(doc), doc.output!);
  files.set('ATTRIBUTION.md', attributionText(options, today, summary));
  files.set('import-report.json', `${JSON.stringify(report, null, 2)}\n`);
  return { files, report, taxonomy: finalTaxonomy };
}

// --- taxonomy, attribution -------------------------------------------------------------------------------------------

export function buildTaxonomy(groups: ProductGroup[], docs: readonly Doc[], options: ImportOptions, all: boolean): Taxonomy {
  const areasOf = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const doc of docs) {
    areasOf.set(doc.product, (areasOf.get(doc.product) ?? new Set()).add(doc.area));
    counts.set(doc.product, (counts.get(doc.product) ?? 0) + 1);
  }
  const usedAreas = new Set(docs.map((doc) => doc.area));
  const products = groups
    .filter((group) => all || counts.has(group.id))
    .map((group) => ({
      id: group.id,
      name: group.name,
      names: {},
      description: `Imported from \`${group.folder || './'}\`${group.merged ? ' and its smaller subfolders' : ''} (${counts.get(group.id) ?? 0} ${(counts.get(group.id) ?? 0) === 1 ? 'article' : 'articles'}).`,
      areas: importedAreas.map((area) => area.id).filter((area) => areasOf.get(group.id)?.has(area)),
    }))
    .map((product) => (product.areas.length > 0 ? product : { ...product, areas: ['general'] }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const areas = importedAreas.filter((area) => all || usedAreas.has(area.id) || products.some((product) => product.areas.includes(area.id)));
  return taxonomySchema.parse({
    provider: { name: options.provider ?? 'Imported knowledge base' },
    areas: areas.map((area) => ({ id: area.id, name: area.name, names: { ...area.names } })),
    products,
    severities: [],
  });
}

function taxonomyYaml(taxonomy: Taxonomy): string {
  const data = {
    provider: taxonomy.provider,
    areas: taxonomy.areas.map((area) => ({ id: area.id, name: area.name, names: area.names })),
    products: taxonomy.products.map((product) => ({ id: product.id, name: product.name, description: product.description, areas: product.areas })),
  };
  return `# Products and areas generated by \`kb import\` from the source's folders.\n${stringify(data, { lineWidth: 0 })}`;
}

function attributionText(options: ImportOptions, today: string, summary: ImportSummary): string {
  const source = options.sourceName ? `\`${options.sourceName}\`` : 'the source knowledge base';
  const notice = options.attribution?.trim() || `The articles in this folder were imported from ${source}. Their authors keep their rights: check the source's licence before you publish them.`;
  return [
    '# Attribution',
    '',
    notice,
    '',
    '## Changes were made',
    '',
    `On ${today}, \`kb import\` converted ${summary.imported} of ${summary.found} articles from ${source} into this content format: frontmatter mapped to the`,
    'knowledge center\'s schema, docfx extensions (callouts, `:::image`, `[!INCLUDE]`, zones) and raw HTML rewritten as Markdown,',
    'characters that MDX reads as code escaped, links rewritten to the imported articles or to their public URLs, include files and',
    'images not copied, and a provenance line added to every article. `import-report.json` lists every change that lost content.',
    '',
  ].join('\n');
}
