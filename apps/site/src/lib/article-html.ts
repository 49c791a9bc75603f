import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Nodes as MdastNodes } from 'mdast';
import { toHast, type Handler } from 'mdast-util-to-hast';
import { headingText, parseArticleMarkdown, treeForAudience, type Audience, type Locale } from '@nimbus/content';
import { localizeHref } from './i18n.ts';

/** What a page needs to render an article body. */
export interface ArticleHtmlOptions {
  /** `public` renders the tree without `<Internal>` sections; `internal` shows them marked. */
  audience: Audience;
  /** The page's locale: links to other articles stay in it. */
  locale: Locale;
}

type Parent = Root | Element;

// Articles are restricted MDX (kb check rejects code, expressions and every component but <Internal>), so a body is
// plain Markdown plus one marker. It is parsed once by Sätteri (Rust) with the options validation used, filtered for
// the audience as a Markdown tree, and only then turned into HTML: heading ids, footnotes, definitions and alt text
// all come from the filtered tree, so nothing of an internal section can reach a public page through them.

/** `<Internal>` as the marked box engineers see (styled in global.css); every other MDX node renders nothing. */
const mdxHandlers: Record<string, Handler> = {
  mdxJsxFlowElement: (state, node: Extract<MdastNodes, { type: 'mdxJsxFlowElement' }>) => (node.name === 'Internal' ? internalSection(state.all(node)) : undefined),
  mdxJsxTextElement: () => undefined,
  mdxFlowExpression: () => undefined,
  mdxTextExpression: () => undefined,
  mdxjsEsm: () => undefined,
};

/** The HTML of an article body as a page of `locale` for `audience` shows it. */
export function renderArticleHtml(source: string, options: ArticleHtmlOptions): string {
  const tree = treeForAudience(parseArticleMarkdown(source, { position: false }), options.audience);
  slugHeadings(tree);
  // Raw HTML cannot appear in MDX (it is JSX there); without allowDangerousHtml it would be dropped, not passed through.
  const hast = toHast(tree, { handlers: mdxHandlers }) as Root;
  transformChildren(hast, options);
  return toHtml(hast);
}

/** Gives every heading of the (filtered) tree the id the rules checked anchors against (see `collectBodyFacts`). */
function slugHeadings(tree: MdastNodes): void {
  const slugger = new GithubSlugger();
  const walk = (node: MdastNodes) => {
    if (node.type === 'heading') {
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: slugger.slug(headingText(node)) } };
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
}

function transformChildren(parent: Parent, options: ArticleHtmlOptions): void {
  for (const child of parent.children as RootContent[]) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'a') decorateLink(child, options);
    if (child.tagName === 'pre') decorateCodeBlock(child);
    transformChildren(child, options);
  }
}

/** The marked box engineers see around an internal section (styled in global.css). */
function internalSection(children: ElementContent[]): Element {
  const badge: Element = { type: 'element', tagName: 'p', properties: { className: ['badge', 'visibility-internal'] }, children: [{ type: 'text', value: 'Internal only' }] };
  return { type: 'element', tagName: 'aside', properties: { className: ['internal-section'], ariaLabel: 'Internal only' }, children: [badge, ...children] };
}

function decorateLink(link: Element, options: ArticleHtmlOptions): void {
  const href = typeof link.properties.href === 'string' ? link.properties.href : '';
  link.properties.href = localizeHref(href, options.locale);
  // Outside links (a protocol-relative `//host` too) open as usual but tell the browser not to pass our page along.
  if (/^(?:https?:|[/\\]{2})/i.test(href)) link.properties.rel = ['noopener', 'noreferrer'];
}

/** Code blocks scroll sideways: keyboard users must be able to focus them; the language shows as a label. */
function decorateCodeBlock(pre: Element): void {
  pre.properties.tabIndex = 0;
  pre.properties.className = ['code-block'];
  const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const language = code?.properties.className && Array.isArray(code.properties.className)
    ? String(code.properties.className.find((name) => String(name).startsWith('language-')) ?? '').slice('language-'.length)
    : '';
  if (language) pre.properties.dataLanguage = language;
}
