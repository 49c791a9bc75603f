import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/** What the rules need to know about an article body, gathered in one walk of its tree. */
export interface BodyFacts {
  /** Headings with the anchor id the site gives them (GitHub-style slugs, like Astro's). */
  headings: { depth: number; text: string; slug: string; position?: Position }[];
  /** Every link and image target. */
  links: { url: string; position?: Position }[];
  /** Text of inline code and code blocks, joined by newlines. */
  code: string;
}

/** Walks a parsed body once and collects headings, links and code. */
export function collectBodyFacts(tree: Root): BodyFacts {
  const slugger = new GithubSlugger();
  const facts: BodyFacts = { headings: [], links: [], code: '' };
  const code: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') {
      const text = toString(node);
      facts.headings.push({ depth: node.depth, text, slug: slugger.slug(text), position: node.position });
    } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      facts.links.push({ url: node.url, position: node.position });
    } else if (node.type === 'inlineCode' || node.type === 'code') {
      code.push(node.value);
    }
  });
  facts.code = code.join('\n');
  return facts;
}
