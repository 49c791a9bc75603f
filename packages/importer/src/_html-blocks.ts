// HTML blocks of a Markdown body as Markdown: what MDX cannot take as HTML becomes lists, headings, fenced code and
// GFM tables. Inline tags inside them are the converter's (`inlineTag`, `pairTag`), reached through the host.
import type { Piece } from './_edits.ts';
import type { LineReporter } from './_docfx.ts';
import { decodeEntities, KNOWN_TAGS, tokenizeHtml, VOID_CONTENT_TAGS, type HtmlToken } from './_html.ts';
import { joinBlock, matchingClose, SEP, trimPieces, type OpenTag } from './_body-pieces.ts';
import { escapeText, longestRun } from './_body-text.ts';

/** What converting an HTML block needs from the body converter. */
export interface HtmlBlockHost {
  source: string;
  /** The container prefix (`> `, list indentation) of the line at `offset`. */
  prefixAt(offset: number): string;
  /** 1-based source line of `offset`. */
  lineOf(offset: number): number;
  report: LineReporter;
  /** An inline tag as Markdown pieces (emphasis, code, links, `<sup>`…). */
  inlineTag(token: HtmlToken, stack: OpenTag[], out: (Piece | typeof SEP)[] | undefined, mode: { inTable: boolean }): Piece[];
  /** A tag whose opening and closing become one Markdown pair (`<summary>` as bold). */
  pairTag(token: HtmlToken, stack: OpenTag[], out: (Piece | typeof SEP)[]): Piece[];
}

/** An HTML block as Markdown: lists, headings, paragraphs, tables and `<pre>` become their Markdown forms, other tags inline Markdown or escaped text. */
export function htmlBlock(host: HtmlBlockHost, start: number, end: number): Piece[] {
  const raw = host.source.slice(start, end);
  const tokens = tokenizeHtml(raw).map((token) => ({ ...token, start: token.start + start, end: token.end + start }));
  const prefix = host.prefixAt(start);
  const out: (Piece | typeof SEP)[] = [];
  const stack: OpenTag[] = [];
  const lists: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'text') {
      out.push(...flowText(token.raw, prefix, lists.length > 0));
      continue;
    }
    if (token.kind === 'comment') continue;
    if (token.kind === 'other' || !KNOWN_TAGS.has(token.name)) {
      out.push(escapeText(token.raw));
      continue;
    }
    const { name } = token;
    if (token.kind === 'open' && (name === 'table' || name === 'pre')) {
      const close = matchingClose(tokens, index);
      const inner = tokens.slice(index + 1, close);
      out.push(SEP, ...(name === 'table' ? htmlTable(host, inner, prefix, token) : [preBlock(inner, prefix)]), SEP);
      index = close;
      continue;
    }
    if (VOID_CONTENT_TAGS.has(name) && token.kind === 'open' && !token.selfClosing) {
      index = matchingClose(tokens, index);
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      out.push(SEP);
      if (token.kind === 'open') out.push(`${'#'.repeat(Math.max(2, Number(name[1])))} `);
      continue;
    }
    switch (name) {
      case 'ul':
      case 'ol':
        if (token.kind === 'open') lists.push(name);
        else lists.pop();
        if (lists.length === 0) out.push(SEP);
        continue;
      case 'li':
        if (token.kind === 'open') out.push(`\n${prefix}${'  '.repeat(Math.max(0, lists.length - 1))}${lists.at(-1) === 'ol' ? '1.' : '-'} `);
        continue;
      case 'p':
      case 'div':
      case 'section':
      case 'center':
      case 'blockquote':
      case 'details':
      case 'dl':
      case 'dt':
      case 'dd':
      case 'br':
        out.push(lists.length > 0 ? ' ' : SEP);
        continue;
      case 'hr':
        out.push(SEP, '---', SEP);
        continue;
      case 'summary':
        if (token.kind === 'open') out.push(SEP);
        out.push(...host.pairTag(token, stack, out));
        if (token.kind === 'close') out.push(SEP);
        continue;
      default:
        out.push(...host.inlineTag(token, stack, out, { inTable: false }));
    }
  }
  return joinBlock(out, prefix);
}

/** Text between block tags, escaped; in a list item it stays on the item's line. */
function flowText(raw: string, prefix: string, inList: boolean): Piece[] {
  if (inList) return [escapeText(raw.replace(/[ \t]*\n[ \t>]*/g, ' '))];
  const lines = raw.split('\n');
  return [escapeText(lines.map((line, index) => (index === 0 ? line : `${prefix}${line.replace(/^[ \t>]*/, '')}`)).join('\n'))];
}

/** A `<pre>` block as a fenced code block, longer fences than any backtick run inside. */
function preBlock(tokens: HtmlToken[], prefix: string): string {
  const code = decodeEntities(tokens.filter((token) => token.kind === 'text').map((token) => token.raw).join(''))
    .split('\n')
    .map((line) => line.replace(/^[ \t]*>[ \t]?/, ''));
  while (code.length > 0 && code[0]!.trim() === '') code.shift();
  while (code.length > 0 && code.at(-1)!.trim() === '') code.pop();
  const fence = '`'.repeat(Math.max(3, longestRun(code.join('\n'), '`') + 1));
  return [fence, ...code, fence].join(`\n${prefix}`);
}

/** An HTML table as a GFM table: one row per `<tr>`, cells flattened to one line each. */
function htmlTable(host: HtmlBlockHost, tokens: HtmlToken[], prefix: string, table: HtmlToken): Piece[] {
  const rows: (Piece | typeof SEP)[][][] = [];
  let row: (Piece | typeof SEP)[][] | undefined;
  let cell: (Piece | typeof SEP)[] | undefined;
  let simplified = false;
  const stack: OpenTag[] = [];
  let nested = 0;
  for (const token of tokens) {
    if (token.kind === 'open' && (token.attrs.colspan || token.attrs.rowspan)) simplified = true;
    if (token.name === 'table') {
      simplified = true;
      nested += token.kind === 'open' ? 1 : -1;
      continue;
    }
    if (nested > 0 && (token.name === 'tr' || token.name === 'td' || token.name === 'th')) {
      if (cell && token.kind === 'close') cell.push(' ');
      continue;
    }
    if (token.name === 'tr') {
      if (token.kind === 'open') rows.push((row = []));
      else row = undefined;
      cell = undefined;
      continue;
    }
    if (token.name === 'td' || token.name === 'th') {
      if (token.kind === 'open') {
        if (!row) rows.push((row = []));
        row.push((cell = []));
      } else cell = undefined;
      continue;
    }
    if (!cell) continue;
    if (token.kind === 'text') cell.push(escapeText(token.raw.replace(/\s*\n[ \t>]*/g, ' ')).replace(/\|/g, '\\|'));
    else if (token.kind === 'comment') continue;
    else if (token.kind === 'other' || !KNOWN_TAGS.has(token.name)) cell.push(escapeText(token.raw).replace(/\|/g, '\\|'));
    else if (token.name === 'br' || token.name === 'p' || token.name === 'div') cell.push(token.name === 'br' ? '; ' : ' ');
    else if (token.name === 'li') cell.push(token.kind === 'open' ? ' • ' : '');
    else cell.push(...host.inlineTag(token, stack, cell, { inTable: true }));
  }
  if (simplified) host.report(host.lineOf(table.start), 'html-simplified', 'HTML table with merged or nested cells became a simple Markdown table');
  const width = Math.max(1, ...rows.map((cells) => cells.length));
  const line = (cells: (Piece | typeof SEP)[][]) => {
    const pieces: Piece[] = ['|'];
    for (let column = 0; column < width; column++) {
      const content = trimPieces((cells[column] ?? []).filter((piece): piece is Piece => piece !== SEP));
      pieces.push(' ', ...(content.length > 0 ? content : [' ']), ' |');
    }
    return pieces;
  };
  const [header = [], ...body] = rows;
  const delimiter = `|${' --- |'.repeat(width)}`;
  const lines: Piece[][] = [line(header), [delimiter], ...body.map(line)];
  return lines.flatMap((pieces, index) => (index === 0 ? pieces : [`\n${prefix}`, ...pieces]));
}
