// Text-level helpers of the body converter: what MDX reads as code and how to escape it, code languages, GFM
// table starts, link definitions and plain text of nodes.
import type { Definition, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Characters that start something other than text in MDX prose. */
export const MDX_SPECIAL = /[<{}]/;

export const CODE_LANGUAGES: Record<string, string> = {
  azurecli: 'bash',
  'azurecli-interactive': 'bash',
  azurepowershell: 'powershell',
  'azurepowershell-interactive': 'powershell',
  output: 'text',
  'c#': 'csharp',
  'c++': 'cpp',
  vb: 'vb',
  aspx: 'html',
  'aspx-csharp': 'html',
  'aspx-vb': 'html',
  kusto: 'kusto',
  dos: 'bat',
  vbscript: 'vb',
  vbs: 'vb',
  tsql: 'sql',
  dotnetcli: 'bash',
  'powershell-interactive': 'powershell',
};

/** Escapes `<`, `{` and `}` that are not escaped yet, so MDX reads them as text. */
export function escapeText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char !== '<' && char !== '{' && char !== '}') out += char;
    else if (inUrlRun(text, index)) out = (isEscaped(text, index) ? out.slice(0, -1) : out) + characterReference(char);
    else out += isEscaped(text, index) ? char : `\\${char}`;
  }
  return out;
}

// GFM turns `https://…` in prose into a link that runs up to the next space, swallowing a backslash escape, so a
// `<` or `{` in such a run becomes a character reference instead.
/** Whether `index` sits inside a bare URL of `text`. */
export function inUrlRun(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return /(?:https?|ftp):\/\/|www\./i.test(text.slice(start, index));
}

/** The numeric character reference of `char`, e.g. `&#x3C;`. */
export function characterReference(char: string): string {
  return char === '<' ? '&lt;' : `&#${char.charCodeAt(0)};`;
}

/** Whether the character at `index` is backslash-escaped. */
export function isEscaped(text: string, index: number): boolean {
  let count = 0;
  for (let position = index - 1; position >= 0 && text[position] === '\\'; position--) count++;
  return count % 2 === 1;
}

/** Length of the longest run of `char` in `text`. */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

export const DELIMITER_ROW = /^[ \t]*(?:>[ \t]*)*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Offset where a GFM table starts inside a paragraph (a row with `|` followed by a delimiter row), or Infinity. */
export function tableStart(source: string, start: number, end: number): number {
  const text = source.slice(start, end);
  if (!text.includes('|') || !text.includes('-')) return Infinity;
  const lines = text.split('\n');
  let offset = start;
  for (let index = 0; index + 1 < lines.length; index++) {
    const next = lines[index + 1]!;
    if (lines[index]!.includes('|') && DELIMITER_ROW.test(next) && next.includes('-') && (next.includes('|') || lines[index]!.trim().startsWith('|'))) return offset;
    offset += lines[index]!.length + 1;
  }
  return Infinity;
}

/** Collects the link definitions of a tree by normalised label. */
export function collectDefinitions(node: Nodes, definitions: Map<string, Definition>): void {
  if (node.type === 'definition') {
    const key = normalizeLabel(node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
    return;
  }
  if ('children' in node) for (const child of node.children as Nodes[]) collectDefinitions(child, definitions);
}

/** A link label as CommonMark compares them: case-folded, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Plain text of a node, without HTML tags, whitespace collapsed. */
export function plainText(node: Nodes): string {
  const parts: string[] = [];
  const visit = (current: Nodes) => {
    if (current.type === 'html') return;
    if (current.type === 'image') {
      parts.push(current.alt ?? '');
      return;
    }
    if ('value' in current && typeof current.value === 'string') parts.push(current.value);
    if ('children' in current) for (const child of current.children as Nodes[]) visit(child);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

// Fallback for a line the MDX parser still rejects: every `<`, `{`, `}` outside inline code becomes a character reference,
// and so does the first letter of a leading `import`/`export` (MDX reads those as ESM).
/** `source` with every `<`, `{` and `}` on the given 1-based lines turned into character references. */
export function hardEscapeLines(source: string, lines: ReadonlySet<number>): string {
  return source
    .split('\n')
    .map((line, index) => {
      if (!lines.has(index + 1)) return line;
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, position) => (position % 2 === 1 ? part : part.replace(/[<{}]/g, (char) => `&#${char.charCodeAt(0)};`)))
        .join('')
        .replace(/^([ \t>]*)([ie])(?=(?:mport|xport)\b)/, (_whole, lead: string, letter: string) => `${lead}&#${letter.charCodeAt(0)};`);
    })
    .join('\n');
}
