import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

/**
 * Components content may use. `<Internal>…</Internal>` marks a section only engineers see: the public build
 * renders nothing for it and keeps its text out of the search index.
 */
export const contentComponents = ['Internal'] as const;

/** Options of {@link checkMdx}. */
export interface MdxCheckOptions {
  /** JSX components content may use; everything else is reported. Default: {@link contentComponents}. */
  allowedComponents?: readonly string[];
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx);

/**
 * Parses a file as MDX and reports syntax errors and code: content must not run code at build time,
 * so ESM, JS expressions and components outside the allow-list are errors.
 * Returns the syntax tree when the file parses.
 */
export function checkMdx(file: VFile, options: MdxCheckOptions = {}): Root | undefined {
  const allowed = new Set<string>(options.allowedComponents ?? contentComponents);
  let tree: Root;
  try {
    tree = parser.parse(file);
  } catch (error) {
    const cause = error instanceof VFileMessage ? error : undefined;
    const message = file.message(`MDX syntax error: ${cause?.reason ?? String(error)}`, {
      place: cause?.place ?? positionInReason(String(cause?.reason ?? error)),
      ruleId: 'mdx-syntax',
      source: 'kb',
    });
    message.fatal = true;
    message.note = 'A bare `{` or `<` in prose starts code in MDX: put it in `inline code` or escape it as `\\{` / `&lt;`.';
    return undefined;
  }
  visit(tree, (node) => {
    const report = (reason: string) => {
      const message = file.message(reason, { place: node.position, ruleId: 'mdx-code', source: 'kb' });
      message.fatal = true;
    };
    if (node.type === 'mdxjsEsm') report('Unexpected `import`/`export` in content, content must not run code');
    else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      report('Unexpected JS expression `{…}` in content, write `\\{` for a literal brace or use inline code');
    } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && !allowed.has(node.name ?? '')) {
      report(`Unexpected component \`<${node.name ?? ''}>\`, expected one of the allowed components${allowed.size ? ` (${[...allowed].join(', ')})` : ' (none are allowed)'}`);
    }
  });
  return tree;
}

// Some micromark errors carry their position only in the text, like "… (32:1-32:10)".
function positionInReason(reason: string): { line: number; column: number } {
  const match = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : { line: 1, column: 1 };
}

const INTERNAL_SECTION = /<Internal(?:\s[^>]*)?>[\s\S]*?<\/Internal>/g;

/** The body without its `<Internal>` sections: what the public build may index. */
export function withoutInternalSections(body: string): string {
  return body.replace(INTERNAL_SECTION, '');
}
