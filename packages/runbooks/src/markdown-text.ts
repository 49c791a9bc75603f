import type { RootContent } from 'mdast';

/**
 * Markdown nodes as one line of Markdown: inline code, emphasis and links are kept; blocks are joined with a space
 * and list items with `; `. Enough for the items of a case note.
 */
export function inlineMarkdown(nodes: readonly RootContent[], fill: (text: string) => string = (text) => text): string {
  const render = (node: RootContent): string => {
    switch (node.type) {
      case 'text':
        return fill(node.value).replace(/\s*\n\s*/g, ' ');
      case 'inlineCode':
        return `\`${fill(node.value)}\``;
      case 'strong':
        return `**${node.children.map(render).join('')}**`;
      case 'emphasis':
        return `*${node.children.map(render).join('')}*`;
      case 'link':
        return `[${node.children.map(render).join('')}](${node.url})`;
      case 'break':
        return ' ';
      case 'code':
        return `\`${fill(node.value).replace(/\n/g, '; ')}\``;
      case 'list':
        return node.children.map(render).join('; ');
      case 'paragraph':
      case 'heading':
        return node.children.map(render).join('');
      case 'listItem':
      case 'blockquote':
        return node.children.map((child) => render(child as RootContent)).join(' ');
      default:
        return 'children' in node ? (node.children as RootContent[]).map(render).join(' ') : '';
    }
  };
  return nodes.map(render).filter(Boolean).join(' ').replace(/ {2,}/g, ' ').trim();
}

/** The items of the first list in `nodes` (each as one line of Markdown), or the paragraphs when there is no list. */
export function itemsOf(nodes: readonly RootContent[], fill?: (text: string) => string): string[] {
  const list = nodes.find((node) => node.type === 'list');
  if (list && list.type === 'list') return list.children.map((item) => inlineMarkdown(item.children as RootContent[], fill)).filter(Boolean);
  return nodes.filter((node) => node.type === 'paragraph').map((node) => inlineMarkdown([node], fill)).filter(Boolean);
}

/** Options of {@link nodesToText}. */
export interface TextOptions {
  /** Fills `{name}` placeholders in text and code. Default: leaves them. */
  fill?: (text: string) => string;
  /** Severity definitions that `<Severities />` stands for (from `taxonomy.yaml`). */
  severities?: ReadonlyArray<{ id: string; name: string; impact: string; response: string }>;
}

/**
 * Markdown nodes as plain text for a terminal: paragraphs on one line, `- ` list items, code indented by four
 * spaces, `<Severities />` as one line per severity. Blocks are separated by a blank line.
 */
export function nodesToText(nodes: readonly RootContent[], options: TextOptions = {}): string {
  const fill = options.fill ?? ((text: string) => text);
  const block = (node: RootContent, indent: string): string => {
    switch (node.type) {
      case 'code':
        return fill(node.value).split('\n').map((line) => `${indent}    ${line}`).join('\n');
      case 'list':
        return node.children
          .map((item, index) => {
            const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
            const [first, ...rest] = item.children.map((child) => block(child as RootContent, `${indent}  `).trimStart());
            return [`${indent}${marker}${first ?? ''}`, ...rest.map((text) => `${indent}  ${text}`)].join('\n');
          })
          .join('\n');
      case 'blockquote':
        return node.children.map((child) => `${indent}> ${block(child as RootContent, '')}`).join('\n');
      case 'mdxJsxFlowElement':
        if (node.name === 'Severities') {
          return (options.severities ?? []).map((severity) => `${indent}${severity.id} ${severity.name}: ${severity.impact} (first response: ${severity.response})`).join('\n') || `${indent}(see the severities in content/taxonomy.yaml)`;
        }
        return node.children.map((child) => block(child as RootContent, indent)).join('\n\n');
      default:
        return `${indent}${inlineMarkdown([node], fill)}`;
    }
  };
  return nodes.map((node) => block(node, '')).filter((text) => text.trim() !== '').join('\n\n');
}
