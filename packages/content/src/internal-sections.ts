// The audience filter. `<Internal>` marks blocks only engineers see; every public output (HTML, heading ids, footnotes,
// definitions, alt text, search text, the case form's index) comes from the tree this module filters, never from a
// text pattern. What `<Internal>` may wrap is strict, so the filter never has to guess (CONTRIBUTING.md, "Internal
// sections"): an opening `<Internal>` and a closing `</Internal>`, each alone on its line, around whole blocks, at the
// top level of the body, in a list item or in a block quote; never nested, never inside a heading, paragraph, table,
// link, image, definition or footnote. Anything else that spells `<Internal` outside code is refused with its place.
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { parseArticleMarkdown } from './article-markdown.ts';
import type { Audience } from './publication.ts';

const OPEN = '<Internal>';
const CLOSE = '</Internal>';
/** Every spelling a reader could take for the tag: any case, spaces, a closing slash. */
const TAG_LIKE = /<\s*\/?\s*internal\b/gi;
/** What may stand before a tag on its line: indentation, block quote and list markers. */
const LINE_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*$/;
/** Containers an `<Internal>` section may sit in: it is then one of their blocks. */
const CONTAINERS = new Set(['root', 'listItem', 'blockquote']);

/** Whether a node is an `<Internal>` element, block or inline. */
function isInternal(node: Nodes): boolean {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Internal';
}

/** The words for the construct an `<Internal>` sits in, for messages. */
const placeNames: Partial<Record<Nodes['type'], string>> = {
  heading: 'a heading',
  tableCell: 'a table cell',
  table: 'a table',
  link: 'a link',
  linkReference: 'a link',
  image: 'an image',
  imageReference: 'an image',
  definition: 'a link definition',
  footnoteDefinition: 'a footnote definition',
  emphasis: 'emphasis',
  strong: 'strong emphasis',
  delete: 'strikethrough',
  paragraph: 'a paragraph',
};

const expected = 'expected `<Internal>` and `</Internal>` each alone on a line around whole blocks';

/** One placement problem: where, why. */
interface Problem {
  offset: number;
  reason: string;
}

/**
 * Reports every `<Internal>` the audience filter could not apply exactly (rule `internal-placement`) and every
 * reference outside internal sections to a definition that exists only inside one (rule `internal-reference`).
 * `tree` is `source` parsed with positions (see `parseArticleMarkdown`).
 */
export function checkInternalSections(file: VFile, source: string, tree: Root): void {
  const problems: Problem[] = [];
  const allowed: Array<[number, number]> = [];
  const sections: Array<[number, number]> = [];
  const skipped: Array<[number, number]> = [];
  const codeBlocks: Array<[number, number]> = [];
  const internalNodes = new Set<Nodes>();
  const lineStart = (offset: number) => source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (offset: number) => (source.indexOf('\n', offset) === -1 ? source.length : source.indexOf('\n', offset));

  const walk = (node: Nodes, ancestors: Parents[]) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    // Code shows `<Internal>` as text; only its content is code: a fence's info string is not (`~~~<Internal>`).
    if (node.type === 'code' && start !== undefined && end !== undefined) {
      const content: [number, number] = [/^[ \t>]*(?:`{3,}|~{3,})/.test(source.slice(lineStart(start), lineEnd(start))) ? lineEnd(start) : start, end];
      skipped.push(content);
      codeBlocks.push(content);
    }
    if ((node.type === 'inlineCode' || node.type === 'yaml') && start !== undefined && end !== undefined) skipped.push([start, end]);
    if (isInternal(node) && start !== undefined && end !== undefined) {
      const parent = ancestors.at(-1);
      const nested = ancestors.some((ancestor) => isInternal(ancestor));
      const inside = [...ancestors].reverse().find((ancestor) => placeNames[ancestor.type]);
      const opening = source.slice(start, start + OPEN.length) === OPEN && source.slice(start + OPEN.length, lineEnd(start)).trim() === '' && LINE_PREFIX.test(source.slice(lineStart(start), start));
      const closeAt = end - CLOSE.length;
      const closing = source.slice(closeAt, end) === CLOSE && source.slice(end, lineEnd(end)).trim() === '' && /^[ \t>]*$/.test(source.slice(lineStart(closeAt), closeAt));
      const count = problems.length;
      if (nested) problems.push({ offset: start, reason: `Unexpected \`<Internal>\` inside another \`<Internal>\`, ${expected}, never nested` });
      else if (node.type === 'mdxJsxTextElement' || !parent || !CONTAINERS.has(parent.type) || inside) {
        problems.push({ offset: start, reason: `Unexpected \`<Internal>\` inside ${inside ? placeNames[inside.type] : 'a line of text'}, ${expected}` });
      } else if (!opening) {
        const written = source.slice(start, lineEnd(start)).trim();
        problems.push({
          offset: start,
          reason: written.startsWith(OPEN) ? `Unexpected text after \`<Internal>\` on its line, ${expected}` : `Unexpected \`${tagAt(source, start)}\`, ${expected}`,
        });
      } else if (!closing) {
        const tag = source.lastIndexOf('</', end);
        const at = tag >= start ? tag : start;
        problems.push({ offset: at, reason: `Unexpected \`${source.slice(at, end).slice(0, 40)}\` closing \`<Internal>\`, ${expected}` });
      } else {
        allowed.push([start, start + OPEN.length], [closeAt, end]);
        sections.push([start, end]);
        internalNodes.add(node);
      }
      // One message per misplaced section: the tags inside it are not reported again.
      if (problems.length > count) skipped.push([start, end]);
    }
    if ('children' in node) for (const child of node.children) walk(child, [...ancestors, node]);
  };
  walk(tree, []);

  // Whatever the parser made of it: a tag-like text anywhere else (alt text, a URL, a title, across table cells) is
  // refused, so no construct can carry a section the filter does not see.
  const inRange = (ranges: Array<[number, number]>, offset: number) => ranges.some(([from, to]) => offset >= from && offset < to);
  const reported = new Set(problems.map((problem) => problem.offset));
  for (const match of source.matchAll(TAG_LIKE)) {
    // A tag alone on a line of a code block is a section an unclosed fence swallowed: it would ship as code.
    if (inRange(codeBlocks, match.index) && /^[ \t>]*<\s*\/?\s*internal\b[^>\n]*>[ \t]*$/i.test(source.slice(lineStart(match.index), lineEnd(match.index)))) {
      problems.push({ offset: match.index, reason: `Unexpected \`${tagAt(source, match.index)}\` alone on a line of a code block, it would show as code: close the code block above it, or write it in inline code` });
      continue;
    }
    if (inRange(allowed, match.index) || inRange(skipped, match.index) || reported.has(match.index)) continue;
    const deepest = deepestAt(tree, match.index);
    const inside = deepest.find((ancestor) => placeNames[ancestor.type]);
    const where = inside ? ` inside ${placeNames[inside.type]}` : '';
    problems.push({ offset: match.index, reason: `Unexpected \`${tagAt(source, match.index)}\`${where}, ${expected}` });
  }

  // The tree must agree with the source: a node written inside a section but placed outside it (Sätteri lifts link
  // definitions to the top) would reach customers. Refuse it rather than trust either reading.
  const lifted = (node: Nodes, inside: boolean) => {
    const within = inside || internalNodes.has(node);
    const start = node.position?.start.offset;
    if (!within && start !== undefined && sections.some(([from, to]) => start > from && start < to)) {
      const what = node.type === 'definition' ? 'link definition' : node.type === 'footnoteDefinition' ? 'footnote definition' : `\`${node.type}\``;
      problems.push({ offset: start, reason: `Unexpected ${what} inside \`<Internal>\`, it applies to the whole page and would reach customers: move it out of \`<Internal>\`` });
      return;
    }
    if ('children' in node) for (const child of node.children) lifted(child, within);
  };
  lifted(tree, false);

  for (const problem of problems.sort((a, b) => a.offset - b.offset)) {
    file.message(problem.reason, { place: pointAt(source, problem.offset), ruleId: 'internal-placement', source: 'kb' }).fatal = true;
  }
  if (problems.length === 0) checkReferences(file, tree);
}

/** The tag written at `offset`, up to its `>` (at most 40 characters). */
function tagAt(source: string, offset: number): string {
  const close = source.indexOf('>', offset);
  const line = source.indexOf('\n', offset);
  const end = close !== -1 && (line === -1 || close < line) ? close + 1 : line === -1 ? source.length : line;
  return source.slice(offset, Math.min(end, offset + 40));
}

/** The nodes containing `offset`, innermost first. */
function deepestAt(tree: Root, offset: number): Nodes[] {
  const chain: Nodes[] = [];
  let node: Nodes | undefined = tree;
  while (node) {
    chain.unshift(node);
    const children: RootContent[] = 'children' in node ? node.children : [];
    node = children.find((child) => (child.position?.start.offset ?? Infinity) <= offset && offset < (child.position?.end.offset ?? -Infinity));
  }
  return chain;
}

/** Footnote and link references outside internal sections must not need a definition that only engineers see. */
function checkReferences(file: VFile, tree: Root): void {
  const definitions = new Map<string, boolean>();
  const references: Array<{ node: Nodes; identifier: string }> = [];
  const walk = (node: Nodes, internal: boolean) => {
    const inside = internal || isInternal(node);
    if (node.type === 'definition' || node.type === 'footnoteDefinition') {
      const key = `${node.type === 'footnoteDefinition' ? '^' : ''}${node.identifier.toLowerCase()}`;
      definitions.set(key, (definitions.get(key) ?? true) && inside);
    }
    if (!inside && (node.type === 'linkReference' || node.type === 'imageReference' || node.type === 'footnoteReference')) {
      references.push({ node, identifier: `${node.type === 'footnoteReference' ? '^' : ''}${node.identifier.toLowerCase()}` });
    }
    if ('children' in node) for (const child of node.children) walk(child, inside);
  };
  walk(tree, false);
  for (const reference of references) {
    if (definitions.get(reference.identifier) !== true) continue;
    const label = `[${reference.identifier}]`;
    file.message(`Unexpected reference \`${label}\` to a definition inside \`<Internal>\`, customers would see it broken: move the definition out of \`<Internal>\`, or the reference in`, {
      place: reference.node.position?.start,
      ruleId: 'internal-reference',
      source: 'kb',
    }).fatal = true;
  }
}

function pointAt(source: string, offset: number): Point {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The tree `audience` reads: for `public`, without any `<Internal>` element and without any other MDX node (validated
 * content has none; whatever slipped through is dropped, not shown); for `internal`, the tree as it is. Returns a new
 * tree for `public`; the input is not changed.
 */
export function treeForAudience(tree: Root, audience: Audience): Root {
  if (audience === 'internal') return tree;
  const keep = (node: RootContent) => !node.type.startsWith('mdx');
  const filter = <T extends Nodes>(node: T): T => {
    if (!('children' in node)) return node;
    return { ...node, children: (node.children as RootContent[]).filter(keep).map(filter) } as T;
  };
  return filter(tree);
}

/**
 * The body without its `<Internal>` sections: the Markdown of what the public build shows, as written. Parsed, not
 * matched: each section the parser sees is cut out, from `<Internal>` to `</Internal>`. A body that does not parse has no
 * public part (`''`): validation refuses it before any build.
 */
export function withoutInternalSections(body: string): string {
  let tree: Root;
  try {
    tree = parseArticleMarkdown(body);
  } catch {
    return '';
  }
  const cuts: Array<[number, number]> = [];
  const walk = (node: Nodes) => {
    if (node.type.startsWith('mdx')) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      // No position, no exact cut: nothing of this body is public.
      if (start === undefined || end === undefined) throw new Error('unpositioned');
      cuts.push([start, end]);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  try {
    walk(tree);
  } catch {
    return '';
  }
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    out += body.slice(at, start);
    at = end;
  }
  return out + body.slice(at);
}
