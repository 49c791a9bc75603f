// Node types of MDX trees, and small helpers over them. Importing remark-mdx's types registers the JSX node
// types on mdast's content maps.
import type {} from 'remark-mdx';
import type { Paragraph, Parent, RootContent } from 'mdast';
import type { Point } from 'unist';
import { toString } from 'mdast-util-to-string';

export type JsxElement = Extract<RootContent, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;
export type JsxAttribute = JsxElement['attributes'][number];

/** Whether `node` is a JSX element (flow or text), optionally of one of `names`. */
export function isJsx(node: { type: string }, names?: readonly string[]): node is JsxElement {
  if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return false;
  return names === undefined || names.includes((node as JsxElement).name ?? '');
}

/** A paragraph that holds one JSX element and nothing but whitespace: `<Expected>…</Expected>` on one line. */
export function soleJsxOf(node: RootContent): JsxElement | undefined {
  if (node.type !== 'paragraph') return undefined;
  const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = meaningful;
  return meaningful.length === 1 && only && isJsx(only) ? only : undefined;
}

/** Children of a part element as block content: a one-line element's inline children are wrapped in a paragraph. */
export function blockChildren(element: JsxElement): RootContent[] {
  if (element.type === 'mdxJsxFlowElement') return element.children as RootContent[];
  const paragraph: Paragraph = { type: 'paragraph', children: element.children, position: element.position };
  return element.children.length > 0 ? [paragraph] : [];
}

/** Plain text of Markdown nodes, blocks separated by a blank line. */
export function plainText(nodes: readonly RootContent[]): string {
  return nodes
    .map((node) => toString(node))
    .map((text) => text.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Maps offsets of a source text to 1-based line and column. */
export function pointAt(source: string): (offset: number) => Point {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1, offset };
  };
}

/** The value of a string attribute; `null` for a bare attribute (`escalate`); undefined when absent. */
export type AttributeValue = string | null | undefined;

/** Whether `node` has children. */
export function isParent(node: { type: string }): node is Parent {
  return Array.isArray((node as Parent).children);
}
