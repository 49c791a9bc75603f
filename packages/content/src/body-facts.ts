import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';

/** What the rules need to know about an article body, gathered in one walk of its tree. */
export interface BodyFacts {
  /** Headings with the anchor id the internal site gives them (GitHub-style slugs, like Astro's). */
  headings: { depth: number; text: string; slug: string; position?: Position }[];
  /** Anchor ids of the headings the public site shows: the tree without `<Internal>` sections, slugged alone. */
  publicSlugs?: string[];
  /** Every link, image and definition target; `internal` when it sits in an `<Internal>` section. */
  links: { url: string; position?: Position; internal?: boolean }[];
  /** Text of inline code and code blocks, joined by newlines. */
  code: string;
  /** Where inline code and code blocks are in the file, as `[start, end)` offsets: examples, not prose. */
  codeRanges?: Array<[number, number]>;
}

/** The text a heading's anchor id is made from, on the page and in the rules alike. */
export function headingText(heading: Heading): string {
  return toString(heading);
}

/** Walks a parsed body once and collects headings (their slugs for both audiences), links and code. */
export function collectBodyFacts(tree: Root): BodyFacts {
  const internalSlugger = new GithubSlugger();
  const publicSlugger = new GithubSlugger();
  const facts: BodyFacts = { headings: [], publicSlugs: [], links: [], code: '', codeRanges: [] };
  const code: string[] = [];
  const walk = (node: Nodes, internal: boolean) => {
    const inside = internal || ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Internal');
    if (node.type === 'heading') {
      const text = headingText(node);
      facts.headings.push({ depth: node.depth, text, slug: internalSlugger.slug(text), position: node.position });
      if (!inside) facts.publicSlugs!.push(publicSlugger.slug(text));
    } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      facts.links.push(inside ? { url: node.url, position: node.position, internal: true } : { url: node.url, position: node.position });
    } else if (node.type === 'inlineCode' || node.type === 'code') {
      code.push(node.value);
      const { start, end } = node.position ?? {};
      if (start?.offset !== undefined && end?.offset !== undefined) facts.codeRanges!.push([start.offset, end.offset]);
    }
    if ('children' in node) for (const child of node.children) walk(child, inside);
  };
  walk(tree, false);
  facts.code = code.join('\n');
  return facts;
}
