import type { Root } from 'mdast';
import { mdxToMdast } from 'satteri';

/**
 * The parser options of an article body, for validation and rendering alike: an anchor, a table cell or a footnote
 * that validation sees is exactly the one the page shows. GFM (tables, footnotes, strikethrough, task lists,
 * autolinked URLs) and smart punctuation, as the site renders.
 */
export const articleParseFeatures = { gfm: true, frontmatter: true, smartPunctuation: true } as const;

/** Options of {@link parseArticleMarkdown}. */
export interface ParseArticleOptions {
  /** Record positions (default `true`); rendering does not need them. */
  position?: boolean;
}

/**
 * The syntax tree (mdast) of an article file or body, parsed by Sätteri with {@link articleParseFeatures}. Throws
 * when the source is not MDX; validation reports that with a position first (`mdx-syntax`).
 */
export function parseArticleMarkdown(source: string, options: ParseArticleOptions = {}): Root {
  return mdxToMdast(source, { features: articleParseFeatures, position: options.position ?? true }) as Root;
}
