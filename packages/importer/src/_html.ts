// A small, forgiving HTML tokenizer: knowledge-base HTML is a handful of inline tags and simple tables,
// and text that merely looks like a tag (`<ServerName>`) must come out as text, not vanish.
import { parseEntities } from 'parse-entities';

/** One token of an HTML fragment; offsets are relative to the tokenized text. */
export interface HtmlToken {
  kind: 'open' | 'close' | 'comment' | 'text' | 'other';
  /** Lower-case tag name (`''` for text and comments). */
  name: string;
  /** Attributes of an open tag, names lower-cased, values decoded. */
  attrs: Record<string, string>;
  selfClosing: boolean;
  raw: string;
  start: number;
  end: number;
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/y;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const OTHER = /<(?:![A-Za-z][^>]*>|\?[\s\S]*?\?>|!\[CDATA\[[\s\S]*?\]\]>)/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Splits `text` into tags, comments and text. A `<` that starts no valid tag stays in the text. */
export function tokenizeHtml(text: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let textStart = 0;
  let index = text.indexOf('<');
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ kind: 'text', name: '', attrs: {}, selfClosing: false, raw: text.slice(textStart, end), start: textStart, end });
  };
  while (index !== -1) {
    let token: HtmlToken | undefined;
    for (const [pattern, kind] of [[COMMENT, 'comment'], [TAG, 'tag'], [OTHER, 'other']] as const) {
      pattern.lastIndex = index;
      const match = pattern.exec(text);
      if (!match) continue;
      const raw = match[0];
      if (kind === 'tag') {
        const attrs: Record<string, string> = {};
        for (const attr of (match[3] ?? '').matchAll(ATTR)) {
          attrs[(attr[1] ?? '').toLowerCase()] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
        }
        token = { kind: match[1] ? 'close' : 'open', name: (match[2] ?? '').toLowerCase(), attrs, selfClosing: match[4] === '/', raw, start: index, end: index + raw.length };
      } else {
        token = { kind, name: '', attrs: {}, selfClosing: false, raw, start: index, end: index + raw.length };
      }
      break;
    }
    if (token) {
      flushText(index);
      tokens.push(token);
      textStart = token.end;
      index = text.indexOf('<', token.end);
    } else {
      index = text.indexOf('<', index + 1);
    }
  }
  flushText(text.length);
  return tokens;
}

/** Decodes the character references in attributes and `<pre>` blocks (every HTML named and numeric reference). */
export function decodeEntities(text: string): string {
  // Only terminated references (`&amp;`): a bare `&` in a knowledge base's prose is an ampersand, not a reference.
  return text.includes('&') ? parseEntities(text, { nonTerminated: false }) : text;
}

/**
 * Tags the converter turns into Markdown (or drops, keeping their content). Anything else that looks like a tag
 * (`<ServerName>`, `<time>`, `<path>`) is a placeholder in prose and stays as escaped text.
 */
export const KNOWN_TAGS = new Set([
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'div', 'dl', 'dt',
  'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'ins', 'kbd', 'li', 'mark', 'nobr', 'ol', 'p', 'pre', 's', 'section',
  'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'video', 'wbr',
]);

/** Tags whose content is dropped with them (they hold no prose). */
export const VOID_CONTENT_TAGS = new Set(['colgroup', 'col']);

const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const SUBSCRIPT: Record<string, string> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };

/** `<sup>2</sup>` → `²`: footnote markers in tables are digits; `undefined` when the content is not 1–3 digits. */
export function scriptDigits(content: string, tag: 'sup' | 'sub'): string | undefined {
  const digits = content.replace(/[\s*_]/g, '');
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  const map = tag === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
  return [...digits].map((digit) => map[digit] ?? digit).join('');
}
