import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { mdxToHast } from 'satteri';
import type { Audience, Locale } from '@nimbus/content';
import { localizeHref } from './i18n.ts';

/** What a page needs to render an article body. */
export interface ArticleHtmlOptions {
  /** `public` drops `<Internal>` sections entirely; `internal` shows them marked. */
  audience: Audience;
  /** The page's locale: links to other articles stay in it. */
  locale: Locale;
}

type Node = Root | RootContent;
type Parent = Root | Element;

// Articles are restricted MDX (kb check rejects code, expressions and every component but <Internal>), so a body
// is plain Markdown plus one marker. Compiling it with Sätteri (Rust) straight to HTML costs a fraction of a
// millisecond, where one MDX module per article through Vite dominated the build (issue 6).
const features = { gfm: true, frontmatter: true, smartPunctuation: true } as const;

/** The HTML of an article body as a page of `locale` for `audience` shows it. */
export function renderArticleHtml(source: string, options: ArticleHtmlOptions): string {
  const tree = mdxToHast(source, { position: false, features }) as Root;
  transformChildren(tree, options, new GithubSlugger());
  return toHtml(tree);
}

function transformChildren(parent: Parent, options: ArticleHtmlOptions, slugger: GithubSlugger): void {
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) children.push(...transformNode(child, options, slugger));
  parent.children = children as Parent['children'] as never;
}

function transformNode(node: Node, options: ArticleHtmlOptions, slugger: GithubSlugger): RootContent[] {
  if (node.type === 'root') return [];
  if (isMdx(node)) {
    // Only <Internal> exists (validated before any build); anything else, or any expression, is never emitted.
    if (!('name' in node) || node.name !== 'Internal' || options.audience !== 'internal') return [];
    const section = internalSection(node.children as ElementContent[]);
    transformChildren(section, options, slugger);
    return [section];
  }
  // Raw HTML cannot appear in MDX (it is JSX there); if it ever did, it is dropped rather than passed through.
  if (node.type === 'raw') return [];
  if (node.type !== 'element') return [node];
  if (/^h[1-6]$/.test(node.tagName)) node.properties.id = slugger.slug(toString(node));
  if (node.tagName === 'a') decorateLink(node, options);
  if (node.tagName === 'pre') decorateCodeBlock(node);
  transformChildren(node, options, slugger);
  return [node];
}

function isMdx(node: Node): boolean {
  return node.type.startsWith('mdx');
}

/** The marked box engineers see around an internal section (styled in global.css). */
function internalSection(children: ElementContent[]): Element {
  const badge: Element = { type: 'element', tagName: 'p', properties: { className: ['badge', 'visibility-internal'] }, children: [{ type: 'text', value: 'Internal only' }] };
  return { type: 'element', tagName: 'aside', properties: { className: ['internal-section'], ariaLabel: 'Internal only' }, children: [badge, ...children] };
}

function decorateLink(link: Element, options: ArticleHtmlOptions): void {
  const href = typeof link.properties.href === 'string' ? link.properties.href : '';
  link.properties.href = localizeHref(href, options.locale);
  // Outside links open as usual but tell the browser not to pass our page along.
  if (/^https?:/i.test(href)) link.properties.rel = ['noopener', 'noreferrer'];
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
