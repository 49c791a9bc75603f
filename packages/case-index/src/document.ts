import { parse as parseYaml } from 'yaml';
import { flatString } from './flat-string.ts';

// Isomorphic: no `node:` imports. Turns article sources into the documents the index ranks.

/** What a document is: a customer-facing article, or an L2 runbook. */
export type DocumentKind = 'article' | 'runbook';

/** One searchable document. Articles and runbooks share this shape, so runbooks plug into the same index. */
export interface IndexDocument {
  /** Stable id shared by translations: `<product>/<slug>` for our articles, the path without extension otherwise. */
  id: string;
  kind: DocumentKind;
  /** Path of the source file relative to the indexed folder; what `kb link` prints. @example "en/compute/ssh-connection-timed-out.mdx" */
  path: string;
  /** The customer's question, or the first `#` heading. */
  title: string;
  /** The first `#` heading, when it words the problem differently from the title. */
  altTitle?: string;
  /** One-line symptom summary. */
  description?: string;
  /** Exact error messages and codes the document resolves (an article's `errors`, a runbook's `triggers`). */
  errors?: readonly string[];
  /** What the customer observes, one line each. */
  symptoms?: readonly string[];
  /** The text of the body's Symptoms section (what the customer sees, in the article's words), when it has one. */
  symptomText?: string;
  /** Section headings of the body. */
  headings?: readonly string[];
  /** The body as plain text or Markdown. */
  body: string;
  /** Product id or folder. @example "compute" */
  product?: string;
  /** Support area id. @example "identity" */
  area?: string;
  /** Language. @example "zh-TW" */
  locale?: string;
  /** Version of the content the link was made against: a content digest or the `updated` day. */
  version?: string;
  /** `public` or `internal`; the public case form indexes public documents only. */
  visibility?: string;
  /** KCS state of an article. */
  state?: string;
  /** Day of the last content change. */
  updated?: string;
}

/** Options of {@link parseMarkdownArticle}. */
export interface ParseMarkdownOptions {
  /** Document kind. Default `'article'`. */
  kind?: DocumentKind;
  /** Version to record, such as a content digest. Default: the frontmatter's `updated` or `ms.date`, else none. */
  version?: string;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Frontmatter keys the index reads; the rest is never parsed. */
const WANTED_KEYS: ReadonlySet<string> = new Set([
  'title', 'description', 'errors', 'symptoms', 'triggers', 'product', 'area', 'locale', 'translationOf', 'visibility',
  'state', 'updated', 'ms.date',
]);

/** One scalar of the simple YAML subset, or `undefined` when it needs the full parser. */
function simpleScalar(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return '';
  const first = value[0]!;
  if (first === "'") {
    if (!value.endsWith("'") || value.length < 2) return undefined;
    const inner = value.slice(1, -1);
    return /(?<!')'(?!')/.test(inner.replace(/''/g, '')) ? undefined : inner.replace(/''/g, "'");
  }
  if (first === '"') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  if ('[{|>&*!%@`'.includes(first) || value.startsWith('- ') || value.startsWith('? ')) return undefined;
  if (/:\s|\s#/.test(value)) return undefined;
  return value;
}

/**
 * Reads the wanted keys of flat frontmatter (`key: scalar` and `key:` followed by `- scalar` items) without a YAML
 * parser: most files are like that, and a full parse of thousands of files costs more than indexing them.
 * Returns `undefined` as soon as a wanted key needs real YAML.
 */
function readSimpleFrontmatter(yaml: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  let listKey: string | undefined;
  for (const line of yaml.split(/\r?\n/)) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const item = /^\s*- (.*)$/.exec(line) ?? (/^\s*-$/.test(line) ? ['', ''] : null);
    if (item && listKey !== undefined) {
      if (listKey === '') continue;
      const value = simpleScalar(item[1]!);
      if (value === undefined) return undefined;
      (data[listKey] as string[]).push(value);
      continue;
    }
    const pair = /^([\w.-]+):(?:\s+(.*))?$/.exec(line);
    if (!pair) {
      // An indented continuation or nested map: only a problem when it belongs to a wanted key.
      if (/^\s/.test(line) && (listKey === '' || listKey === undefined)) continue;
      return undefined;
    }
    const key = pair[1]!;
    const wanted = WANTED_KEYS.has(key);
    const rawValue = pair[2] ?? '';
    if (rawValue.trim() === '') {
      listKey = wanted ? key : '';
      if (wanted) data[key] = [];
      continue;
    }
    listKey = '';
    if (!wanted) continue;
    const value = simpleScalar(rawValue);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  return data;
}

/** Reads frontmatter leniently: broken YAML still gives its `key: value` lines. */
export function readFrontmatter(source: string): { data: Record<string, unknown>; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) return { data: {}, body: source };
  const yaml = match[1] ?? '';
  const body = source.slice(match[0].length);
  const simple = readSimpleFrontmatter(yaml);
  if (simple) return { data: simple, body };
  try {
    const data: unknown = parseYaml(yaml, { prettyErrors: false, uniqueKeys: false, maxAliasCount: 50 });
    if (data && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown>, body };
  } catch {
    // Real-world frontmatter has unquoted colons and stray tabs; fall back to line-by-line reading below.
  }
  const data: Record<string, unknown> = {};
  for (const line of yaml.split(/\r?\n/)) {
    const pair = /^([\w.-]+):\s*(.*)$/.exec(line);
    if (pair && pair[2]) data[pair[1]!] = pair[2].replace(/^(['"])(.*)\1$/, '$2').trim();
  }
  return { data, body };
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  return undefined;
};
const list = (value: unknown): string[] | undefined => {
  if (Array.isArray(value)) return value.map(text).filter((item): item is string => item !== undefined);
  const single = text(value);
  return single ? [single] : undefined;
};

/**
 * Markdown reduced to the words a reader sees: link targets, images, HTML tags, include directives and table rules
 * go; code blocks and quotes stay, because that is where articles quote error messages.
 */
export function markdownToText(markdown: string): string {
  const text = markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\[!(?:INCLUDE|include)[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^>\n]*>/g, ' ')
    .replace(/^\s*>\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/gim, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '')
    .replace(/&nbsp;|&#\d+;|&[a-z]+;/g, ' ');
  // Kept in every index document: one flat string, not the tree of pieces the replacements built.
  return flatString(text);
}

const RELATED_HEADING = /^(?:related (?:information|articles)|相關資訊|相关信息)\s*:?$/i;

/**
 * Removes "Related information" / "See also" sections: they quote other articles' titles (and their error codes), so
 * they would make every neighbour of an article match its errors.
 */
export function dropRelatedSections(markdown: string): string {
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let skipLevel = 0;
  let fenced = false;
  for (const line of lines) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (skipLevel && level <= skipLevel) skipLevel = 0;
      if (!skipLevel && RELATED_HEADING.test(heading[2]!.replace(/[*_`]/g, '').trim())) skipLevel = level;
    }
    if (!skipLevel) kept.push(line);
  }
  return kept.join('\n');
}

const SYMPTOM_HEADING = /^(?:symptoms?|issue|problem|scenario|what happens|症狀|症状|問題|问题|現象|现象)\s*:?$/i;
/** Characters of a Symptoms section kept: its first paragraphs say what the customer sees. */
const MAX_SYMPTOM_CHARS = 3000;

/** The text under the body's first Symptoms (Issue, Problem…) heading, up to the next heading of that level. */
export function symptomSection(markdown: string): string | undefined {
  const kept: string[] = [];
  let level = 0;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      if (level && depth <= level) break;
      if (!level && SYMPTOM_HEADING.test(heading[2]!.replace(/[*_`]/g, '').trim())) {
        level = depth;
        continue;
      }
    }
    if (level) kept.push(line);
  }
  const text = markdownToText(kept.join('\n')).trim();
  return text ? text.slice(0, MAX_SYMPTOM_CHARS) : undefined;
}

/** Splits a Markdown body into its `#` headings and the rest. */
export function markdownHeadings(markdown: string): { h1: string | undefined; headings: string[] } {
  const headings: string[] = [];
  let h1: string | undefined;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const title = markdownToText(heading[2]!).replace(/[*_`]/g, '').trim();
    if (heading[1] === '#' && h1 === undefined) h1 = title;
    else headings.push(title);
  }
  return { h1, headings };
}

/**
 * Turns one Markdown or MDX file into an {@link IndexDocument}. The title is the frontmatter `title` or the first
 * `#` heading; our article fields (`errors`, `symptoms`, `product`…) are used when present.
 */
export function parseMarkdownArticle(source: string, path: string, options: ParseMarkdownOptions = {}): IndexDocument {
  const { data, body: fullBody } = readFrontmatter(source);
  const body = dropRelatedSections(fullBody);
  const { h1, headings } = markdownHeadings(body);
  const fileName = path.replace(/^.*\//, '').replace(/\.(?:md|mdx|markdown)$/i, '');
  const title = text(data.title) ?? h1 ?? fileName;
  const product = text(data.product);
  const slugMatch = /(?:^|\/)([^/]+)\/([^/]+)\.mdx?$/i.exec(path);
  const id =
    text(data.translationOf) ??
    (product && slugMatch && slugMatch[1] === product ? `${product}/${slugMatch[2]}` : path.replace(/\.(?:md|mdx|markdown)$/i, ''));
  const document: IndexDocument = {
    id,
    kind: options.kind ?? 'article',
    path,
    title,
    body: markdownToText(body),
    headings,
  };
  // The H1 often words the problem differently from the frontmatter title; both name the document.
  if (h1 && h1 !== title) document.altTitle = h1;
  const description = text(data.description);
  if (description) document.description = description;
  const symptomText = symptomSection(body);
  if (symptomText) document.symptomText = symptomText;
  // A runbook's `triggers` are its errors (alerts included) and symptoms.
  const triggers = data.triggers && typeof data.triggers === 'object' && !Array.isArray(data.triggers) ? (data.triggers as Record<string, unknown>) : undefined;
  const errors = list(data.errors) ?? (triggers ? [...(list(triggers.errors) ?? []), ...(list(triggers.alerts) ?? [])] : list(data.triggers));
  if (errors && errors.length > 0) document.errors = errors;
  const symptoms = list(data.symptoms) ?? (triggers ? list(triggers.symptoms) : undefined);
  if (symptoms && symptoms.length > 0) document.symptoms = symptoms;
  if (product) document.product = product;
  const area = text(data.area);
  if (area) document.area = area;
  const locale = text(data.locale);
  if (locale) document.locale = locale;
  const visibility = text(data.visibility);
  if (visibility) document.visibility = visibility;
  const state = text(data.state);
  if (state) document.state = state;
  const updated = text(data.updated) ?? text(data['ms.date']);
  if (updated) document.updated = updated;
  const version = options.version ?? updated;
  if (version) document.version = version;
  return document;
}
