import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { parseArticleMarkdown } from './article-markdown.ts';
import { unsafeUrlReason, unsafeUrlScheme } from './link-safety.ts';

/**
 * Components content may use. `<Internal>…</Internal>` marks a section only engineers see: the public build
 * renders nothing for it and keeps its text out of the search index.
 */
export const contentComponents = ['Internal'] as const;

/** Options of {@link checkMdx}. */
export interface MdxCheckOptions {
  /**
   * JSX components content may use, with quoted string attributes; everything else is reported.
   * Default: {@link contentComponents}, which take no attributes at all.
   */
  allowedComponents?: readonly string[];
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx);
// Articles are parsed with GFM everywhere, as the site renders them (tables, footnotes): micromark, which words the
// errors, reads them as Sätteri does.
const articleParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkMdx);
// Plain CommonMark knows raw HTML (comments, `<!…>`, unquoted attributes) that MDX only fails on.
const htmlParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * Parses a file as MDX and reports syntax errors and code: content must not run code at build time,
 * so ESM, JS expressions (attribute values too), raw HTML and components outside the allow-list are errors.
 * Returns the syntax tree when the file parses.
 */
export function checkMdx(file: VFile, options: MdxCheckOptions = {}): Root | undefined {
  const allowed = new Set<string>(options.allowedComponents ?? contentComponents);
  // Fast path: Sätteri (Rust, the parser the site renders with) is ~15× faster than micromark on a large knowledge
  // base. Anything it refuses or finds code in is parsed again by micromark, for its precise messages and positions
  // (attributes carry their own only there, which runbooks, the callers with their own components, read).
  if (!options.allowedComponents) {
    const fast = fastParse(file);
    if (fast && codeProblems(fast, allowed, options).length === 0) return fast;
  }
  let tree: Root;
  try {
    tree = (options.allowedComponents ? parser : articleParser).parse(file);
  } catch (error) {
    const cause = error instanceof VFileMessage ? error : undefined;
    const place = cause?.place ?? positionInReason(String(cause?.reason ?? error));
    // Raw HTML and autolinks MDX cannot parse (`<!-- -->`, `<img src=x>`, `<https://…>`) get a message that says what
    // they are and what to write instead, not what MDX would accept there (`{/* */}`, `src={…}`).
    const known = htmlOrAutolinkAt(String(file.value), 'start' in place ? place.start : place, allowed);
    if (known) {
      file.message(known.reason, { place: known.place, ruleId: known.ruleId, source: 'kb' }).fatal = true;
      return undefined;
    }
    const message = file.message(`MDX syntax error: ${cause?.reason ?? String(error)}`, { place, ruleId: 'mdx-syntax', source: 'kb' });
    message.fatal = true;
    message.note = 'A bare `{` or `<` in prose starts code in MDX: put it in `inline code` or escape it as `\\{` / `&lt;`.';
    return undefined;
  }
  for (const problem of codeProblems(tree, allowed, options)) {
    file.message(problem.reason, { place: problem.place, ruleId: 'mdx-code', source: 'kb' }).fatal = true;
  }
  return tree;
}

/** ESM, expressions, components outside the allow-list and their attributes: each with its place. */
function codeProblems(tree: Root, allowed: ReadonlySet<string>, options: MdxCheckOptions): Array<{ reason: string; place: Position | undefined }> {
  const problems: Array<{ reason: string; place: Position | undefined }> = [];
  // The article components take no attributes; components a caller allows may have quoted string ones.
  const bare = options.allowedComponents ? new Set<string>() : allowed;
  visit(tree, (node) => {
    const report = (reason: string, place: Position | undefined = node.position) => {
      problems.push({ reason, place });
    };
    if (node.type === 'mdxjsEsm') report('Unexpected `import`/`export` in content, content must not run code');
    else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      report('Unexpected JS expression `{…}` in content, write `\\{` for a literal brace or use inline code');
    } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      if (!allowed.has(name)) {
        report(isHtmlName(name) ? htmlElementReason(name, allowed) : `Unexpected component \`<${name}>\`, expected one of the allowed components${allowed.size ? ` (${[...allowed].join(', ')})` : ' (none are allowed)'}`);
        return;
      }
      for (const attribute of node.attributes) {
        const place = attribute.position ?? node.position;
        if (attribute.type === 'mdxJsxExpressionAttribute') {
          report(`Unexpected JS expression \`{…}\` in the attributes of \`<${name}>\`, content must not run code${bare.has(name) ? `: write \`<${name}>\`` : ''}`, place);
        } else if (bare.has(name)) {
          report(`Unexpected attribute \`${attribute.name}\` on \`<${name}>\`, it takes none: write \`<${name}>\``, place);
        } else if (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string') {
          report(`Unexpected JS expression \`{…}\` as the value of \`${attribute.name}\` on \`<${name}>\`, content must not run code: write \`${attribute.name}="…"\``, place);
        }
      }
    }
  });
  return problems;
}

/** Sätteri's syntax tree of a file, parsed as the site renders it, or undefined when it refuses the file. */
function fastParse(file: VFile): Root | undefined {
  try {
    return parseArticleMarkdown(String(file.value));
  } catch {
    return undefined;
  }
}

// JSX reads a lowercase name as an HTML element (`div`, `svg:script`), a capitalized or dotted one as a component.
const isHtmlName = (name: string) => /^[a-z]/.test(name) && !name.includes('.');

function htmlElementReason(name: string, allowed: ReadonlySet<string>): string {
  const component = [...allowed].find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (component) return `Unexpected HTML element \`<${name}>\`, did you mean the component \`<${component}>\`?`;
  if (name === 'a') return 'Unexpected HTML element `<a>`, write a Markdown link `[text](https://…)` instead';
  if (name === 'img') return 'Unexpected HTML element `<img>`, write a Markdown image `![description](https://…)` instead';
  return `Unexpected HTML element \`<${name}>\`, content is Markdown: write Markdown instead, and put markup meant as text in inline code`;
}

/** What MDX failed on, when it is raw HTML or an autolink: a reason, the place of its `<`, and a rule. */
interface KnownFailure {
  reason: string;
  place: Point;
  ruleId: string;
}

/**
 * The raw HTML or autolink (in CommonMark's sense) at the place where MDX failed: `mdx-code` for HTML,
 * `link-unsafe` or `mdx-syntax` for an autolink. Undefined when MDX failed on something else, like a bare `{`.
 */
function htmlOrAutolinkAt(source: string, at: Point, allowed: ReadonlySet<string>): KnownFailure | undefined {
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const offsetOf = (point: Point) => (lineStarts[point.line - 1] ?? source.length) + point.column - 1;
  const pointAt = (offset: number): Point => {
    const line = lineStarts.findLastIndex((lineStart) => lineStart <= offset);
    return { line: line + 1, column: offset - lineStarts[line]! + 1 };
  };
  const htmlAt = (tagStart: number): KnownFailure | undefined => {
    const tag = source.slice(tagStart, tagStart + 100);
    const place = pointAt(tagStart);
    if (tag.startsWith('<!--')) return { reason: 'Unexpected HTML comment, content must not hide text: delete it, or put notes for engineers in `<Internal>`', place, ruleId: 'mdx-code' };
    if (/^<[!?]/.test(tag)) return { reason: `Unexpected HTML \`${/^<[!?][\w[-]{0,20}/.exec(tag)?.[0]}\`, content is Markdown: delete it, and put markup meant as text in inline code`, place, ruleId: 'mdx-code' };
    const name = /^<\/?([A-Za-z][\w:.-]*)/.exec(tag)?.[1] ?? '';
    return isHtmlName(name) ? { reason: htmlElementReason(name, allowed), place, ruleId: 'mdx-code' } : undefined;
  };
  const around = (node: { position?: Position }) => node.position !== undefined && contains(node.position.start, node.position.end, at);

  let found: KnownFailure | undefined;
  visit(htmlParser.parse(source), (node) => {
    if (!node.position || !around(node)) return SKIP;
    const { start, end } = node.position;
    if (node.type === 'link' && source[offsetOf(start)] === '<') {
      const scheme = unsafeUrlScheme(node.url);
      const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
      const text = cut(source.slice(offsetOf(start) + 1, offsetOf(end) - 1));
      found = scheme === undefined
        ? { reason: `Unexpected autolink \`<${text}>\`, MDX reads \`<\` as a tag: write \`[${text}](${cut(node.url)})\``, place: start, ruleId: 'mdx-syntax' }
        : { reason: unsafeUrlReason(scheme), place: start, ruleId: 'link-unsafe' };
      return EXIT;
    }
    if (node.type === 'html') {
      // The tag the failure is in: the last `<` of the node up to the failing place.
      const tagStart = source.lastIndexOf('<', offsetOf(at));
      if (tagStart >= offsetOf(start)) found = htmlAt(tagStart);
      return EXIT;
    }
    // Failing in the text of an inline element (`<style>body{…}</style>`): the element's opening tag before it.
    if ('children' in node && !node.children.some((child) => child.type !== 'text' && around(child))) {
      const tags = node.children.flatMap((child) => (child.type === 'html' && child.position && offsetOf(child.position.start) <= offsetOf(at) ? [{ value: child.value, start: child.position.start }] : []));
      const index = tags.findLastIndex((tag) => /^<[a-z](?:[^>]*[^/>])?>$/.test(tag.value));
      const name = /^<([\w:-]+)/.exec(tags[index]?.value ?? '')?.[1];
      if (name && !tags.slice(index).some((tag) => tag.value.startsWith(`</${name}`))) {
        found = htmlAt(offsetOf(tags[index]!.start));
        return EXIT;
      }
    }
    return undefined;
  });
  return found;
}

const contains = (start: Point, end: Point, at: Point) =>
  (at.line > start.line || (at.line === start.line && at.column >= start.column)) && (at.line < end.line || (at.line === end.line && at.column <= end.column));

// Some micromark errors carry their position only in the text, like "… (32:1-32:10)".
function positionInReason(reason: string): { line: number; column: number } {
  const match = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : { line: 1, column: 1 };
}
