// Converts one Markdown body to MDX our checker and Astro's compiler accept, by editing the source at the positions
// a CommonMark parse reports. MDX differs from CommonMark in exactly the places handled here: no HTML (tags become
// Markdown or escaped text), no indented code (it becomes fenced), no autolinks, and `<`, `{`, `}` start code.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import type { Definition, Heading, Html, Link, LinkReference, Nodes, Paragraph, Parents, Root } from 'mdast';
import { applyEdits, formatDestination, type Applied, type Edit, type LinkSlot, type Piece } from './_edits.ts';
import { KNOWN_TAGS, scriptDigits, tokenizeHtml, type HtmlToken } from './_html.ts';
import { escapeLabel, type LineReporter } from './_docfx.ts';
import { htmlBlock, type HtmlBlockHost } from './_html-blocks.ts';
import { openBalance, popTag, SEP, type OpenTag } from './_body-pieces.ts';
import { CODE_LANGUAGES, characterReference, collectDefinitions, escapeText, hardEscapeLines, inUrlRun, isEscaped, longestRun, MDX_SPECIAL, normalizeLabel, plainText, tableStart } from './_body-text.ts';

const parser = unified().use(remarkParse);

/** What the body converter needs from the import around it. */
export interface BodyContext {
  report: LineReporter;
  /** Markdown for an image (a remote image, or its alt text when the file is not available). */
  image(alt: string, url: string, line: number): string;
  /** A link whose target is decided once every article is known. */
  link(url: string, line: number): LinkSlot;
}

/** A converted body: output pieces plus what the frontmatter mapping needs. */
export interface ConvertedBody {
  /** The edited body, with link targets still to decide. */
  applied: Applied;
  /** 1-based source line of an offset in the converted source. */
  lineOf(offset: number): number;
  /** Plain text of the first level-1 heading, which the page title replaces. */
  heading?: string;
  /** Plain text of the first real paragraph (not a metadata line such as "Original KB number"). */
  firstParagraph?: string;
  /** HTML anchors (`<a name="x">`) and the plain text of the heading they mark. */
  anchors: Map<string, string>;
  /** Every heading of the output as an ATX line (`## text`), in order: enough to compute their anchor ids. */
  headings: string[];
}

/**
 * Converts a body (`source` is the whole file with frontmatter lines blanked). `hardLines` are 1-based source lines
 * whose `<`, `{` and `}` are all turned into character references first (the fallback when a line still fails).
 */
export function convertBody(source: string, context: BodyContext, hardLines: ReadonlySet<number> = new Set()): ConvertedBody {
  const text = hardLines.size > 0 ? hardEscapeLines(source, hardLines) : source;
  return new BodyConverter(text, context).run();
}

class BodyConverter {
  private readonly edits: Edit[] = [];
  private readonly lineStarts: number[] = [0];
  private readonly definitions = new Map<string, Definition>();
  private readonly anchors = new Map<string, string>();
  private pendingAnchors: string[] = [];
  private heading?: string;
  private firstParagraph?: string;
  private readonly headingRanges: { depth: number; start: number; end: number }[] = [];
  private readonly source: string;
  private readonly context: BodyContext;

  constructor(source: string, context: BodyContext) {
    this.source = source;
    this.context = context;
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
  }

  run(): ConvertedBody {
    const tree = parser.parse(this.source) as Root;
    collectDefinitions(tree, this.definitions);
    this.walkBlocks(tree);
    return {
      applied: applyEdits(this.source, this.edits),
      lineOf: (offset) => this.lineOf(offset),
      heading: this.heading,
      firstParagraph: this.firstParagraph,
      anchors: this.anchors,
      headings: this.headingLines(),
    };
  }

  /** The converted text of each heading, rendered on its own so its anchor id can be computed without the whole body. */
  private headingLines(): string[] {
    return this.headingRanges.map(({ depth, start, end }) => {
      const inner = this.edits.filter((edit) => edit.start >= start && edit.end <= end).map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }));
      const text = applyEdits(this.source.slice(start, end), inner)
        .pieces.map((piece) => (typeof piece === 'string' ? piece : piece.part === 'open' ? '[' : '](#)'))
        .join('')
        .replace(/\s*\n[ \t>]*/g, ' ');
      return `${'#'.repeat(depth)} ${text}`;
    });
  }

  // --- positions -------------------------------------------------------------------------------------------------

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** What a new line needs in front to stay in the same container: `>` markers kept, everything else as spaces. */
  private prefixAt(offset: number): string {
    const lineStart = this.lineStarts[this.lineOf(offset) - 1] ?? 0;
    return this.source.slice(lineStart, offset).replace(/[^>\t]/g, ' ');
  }

  private replace(start: number, end: number, ...pieces: Piece[]): Edit {
    const edit: Edit = { start, end, pieces };
    this.edits.push(edit);
    return edit;
  }

  // --- blocks ----------------------------------------------------------------------------------------------------

  private walkBlocks(parent: Parents): void {
    const children = parent.children as Nodes[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index]!;
      if (node.type === 'html') {
        index = this.flowHtml(children, index);
        continue;
      }
      this.block(node, parent);
    }
  }

  private block(node: Nodes, parent: Parents): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'heading':
        this.headingNode(node, parent);
        return;
      case 'paragraph':
        this.paragraph(node, parent);
        return;
      case 'code':
        if (!/^(?:`{3,}|~{3,})/.test(this.source.slice(start, start + 3))) this.indentedCode(start, end, node.value);
        else if (node.lang) this.codeLanguage(start, node.lang);
        return;
      case 'definition':
        this.replace(start, end);
        return;
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'root':
        this.walkBlocks(node);
        return;
      default:
        if ('children' in node) this.walkBlocks(node as Parents);
    }
  }

  private headingNode(node: Heading, parent: Parents): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const plain = plainText(node);
    if (node.depth === 1 && this.heading === undefined && parent.type === 'root') {
      // The page shows the title as its only h1; the source's h1 is that title.
      this.heading = plain;
      this.replace(start, end);
      for (const name of this.pendingAnchors) this.anchors.set(name, plain);
      this.pendingAnchors = [];
      return;
    }
    for (const name of this.pendingAnchors) this.anchors.set(name, plain);
    this.pendingAnchors = [];
    const first = node.children[0]?.position?.start.offset;
    const last = node.children.at(-1)?.position?.end.offset;
    if (first !== undefined && last !== undefined) this.headingRanges.push({ depth: Math.max(2, node.depth), start: first, end: last });
    if (node.depth === 1) {
      if (this.source[start] === '#') this.replace(start, start, '#');
      else {
        const underline = this.source.lastIndexOf('\n', end - 1);
        if (underline > start) this.replace(underline + 1, end, this.source.slice(underline + 1, end).replace(/=/g, '-'));
      }
    }
    this.inline(node, { tableFrom: Infinity, stack: [], block: node, heading: plain });
  }

  private paragraph(node: Paragraph, parent: Parents): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    if (this.firstParagraph === undefined && parent.type === 'root') {
      const plain = plainText(node).replace(/\[!\w+\]/g, '').trim();
      if (plain.length >= 10 && !/^_?(?:original (?:kb|product)|applies to|app(?:lies)? version|original publish)/i.test(plain) && !/^\*\*(?:note|tip|important|warning|caution):\*\*/i.test(this.source.slice(start, end))) {
        this.firstParagraph = plain;
      }
    }
    // MDX reads `import`/`export` at the start of a top-level paragraph as ESM.
    if (node.position?.start.column === 1 && /^(?:import|export)\s/.test(this.source.slice(start, start + 7))) {
      this.replace(start, start + 1, `&#${this.source.charCodeAt(start)};`);
    }
    this.inline(node, { tableFrom: tableStart(this.source, start, end), stack: [], block: node });
  }

  /** docfx code languages (`azurecli`, `PowerShell`, `output`) as the highlighter knows them. */
  private codeLanguage(start: number, lang: string): void {
    const known = CODE_LANGUAGES[lang.toLowerCase()] ?? lang.toLowerCase();
    if (known === lang) return;
    const at = this.source.indexOf(lang, start);
    const lineEnd = this.source.indexOf('\n', start);
    if (at !== -1 && (lineEnd === -1 || at < lineEnd)) this.replace(at, at + lang.length, known);
  }

  private indentedCode(start: number, end: number, value: string): void {
    const prefix = this.prefixAt(start);
    const lines = value.split('\n');
    const fence = '`'.repeat(Math.max(3, longestRun(value, '`') + 1));
    this.replace(start, end, [fence, ...lines, fence].join(`\n${prefix}`).replace(/[ \t]+\n/g, '\n'));
  }

  // --- flow HTML -------------------------------------------------------------------------------------------------

  /** Converts an HTML block, merging the blocks that follow while a `<table>` or list is still open. Returns the last index used. */
  private flowHtml(children: Nodes[], index: number): number {
    const first = children[index]!;
    const start = first.position?.start.offset ?? 0;
    let end = first.position?.end.offset ?? start;
    let last = index;
    let balance = openBalance(this.source.slice(start, end));
    while (balance > 0 && last + 1 < children.length) {
      last++;
      end = children[last]!.position?.end.offset ?? end;
      balance = openBalance(this.source.slice(start, end));
    }
    const pieces = htmlBlock(this.htmlHost(), start, end);
    this.replace(start, end, ...pieces);
    return last;
  }

  /** This converter as the HTML block converter sees it. */
  private htmlHost(): HtmlBlockHost {
    return {
      source: this.source,
      prefixAt: (offset) => this.prefixAt(offset),
      lineOf: (offset) => this.lineOf(offset),
      report: this.context.report,
      inlineTag: (token, stack, out, mode) => this.inlineTag(token, stack, out, mode),
      pairTag: (token, stack, out) => this.pairTag(token, stack, out),
    };
  }

  // --- inline ----------------------------------------------------------------------------------------------------

  private inline(parent: Parents, state: InlineState): void {
    for (const node of parent.children as Nodes[]) this.inlineNode(node, state);
  }

  private inlineNode(node: Nodes, state: InlineState): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'text':
        this.escapeRange(start, end);
        return;
      case 'inlineCode':
        if (start >= state.tableFrom) this.escapeTablePipes(start, end);
        return;
      case 'break':
        return;
      case 'html':
        this.inlineHtml(node, state);
        return;
      case 'image':
        this.replace(start, end, this.context.image(node.alt ?? '', node.url, this.lineOf(start)));
        return;
      case 'imageReference': {
        const definition = this.definitions.get(normalizeLabel(node.identifier));
        this.replace(start, end, definition ? this.context.image(node.alt ?? '', definition.url, this.lineOf(start)) : escapeText(this.source.slice(start, end)));
        return;
      }
      case 'link':
        this.link(node, start, end, node.url, state);
        return;
      case 'linkReference': {
        const definition = this.definitions.get(normalizeLabel(node.identifier));
        if (definition) this.link(node, start, end, definition.url, state);
        else this.inline(node, state);
        return;
      }
      default:
        if ('children' in node) this.inline(node as Parents, state);
    }
  }

  private link(node: Link | LinkReference, start: number, end: number, url: string, state: InlineState): void {
    const slot = this.context.link(url, this.lineOf(start));
    if (this.source[start] === '<') {
      // An autolink (`<https://…>`): MDX reads `<` as JSX, so it becomes an ordinary link.
      const label = toString(node);
      this.replace(start, end, { slot, part: 'open' }, escapeLabel(label).replace(/[<>{}*_`]/g, (char) => `\\${char}`), { slot, part: 'close' });
      return;
    }
    const lastChild = node.children.at(-1);
    let labelEnd = lastChild?.position?.end.offset ?? start + 1;
    while (labelEnd < end && this.source[labelEnd] !== ']') labelEnd++;
    this.replace(start, start + 1, { slot, part: 'open' });
    this.replace(labelEnd, end, { slot, part: 'close' });
    this.inline(node, state);
  }

  private escapeRange(start: number, end: number): void {
    const slice = this.source.slice(start, end);
    if (!MDX_SPECIAL.test(slice)) return;
    for (let index = start; index < end; index++) {
      const char = this.source[index];
      if (char !== '<' && char !== '{' && char !== '}') continue;
      const escaped = isEscaped(this.source, index);
      if (inUrlRun(this.source, index)) this.replace(escaped ? index - 1 : index, index + 1, characterReference(char));
      else if (!escaped) this.replace(index, index, '\\');
    }
  }

  /** In a GFM table row, a `|` inside inline code still splits the cell unless it is escaped. */
  private escapeTablePipes(start: number, end: number): void {
    for (let index = start; index < end; index++) {
      if (this.source[index] === '|' && !isEscaped(this.source, index)) this.replace(index, index, '\\');
    }
  }

  private inlineHtml(node: Html, state: InlineState): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const tokens = tokenizeHtml(this.source.slice(start, end)).map((token) => ({ ...token, start: token.start + start, end: token.end + start }));
    const inTable = start >= state.tableFrom;
    for (const token of tokens) {
      if (token.kind === 'comment') {
        // `text <!-- x --> text` would leave two spaces.
        const spaceAround = this.source[token.start - 1] === ' ' && this.source[token.end] === ' ';
        this.replace(token.start, token.end + (spaceAround ? 1 : 0));
      } else if (token.kind === 'text' || token.kind === 'other' || !KNOWN_TAGS.has(token.name)) {
        this.escapeRange(token.start, token.end);
      } else if (token.name === 'br') {
        this.replace(token.start, token.end, this.lineBreak(token, state, inTable));
      } else if (token.name === 'a' && token.kind === 'open' && token.attrs.href === undefined && (token.attrs.name ?? token.attrs.id)) {
        const name = (token.attrs.name ?? token.attrs.id)!;
        if (state.heading !== undefined) this.anchors.set(name, state.heading);
        else this.pendingAnchors.push(name);
        state.stack.push({ name: 'a', start: token.start, end: token.end });
        this.replace(token.start, token.end);
      } else if (token.name === 'li' || token.name === 'p') {
        this.replace(token.start, token.end, token.kind === 'open' && token.name === 'li' ? '• ' : ' ');
      } else {
        const edit = this.replace(token.start, token.end);
        edit.pieces = this.inlineTag(token, state.stack, undefined, { inTable, edit });
      }
    }
  }

  /** `<br>`: a hard break in prose, `; ` in a table cell, nothing at the edges of a paragraph. */
  private lineBreak(token: HtmlToken, state: InlineState, inTable: boolean): string {
    if (inTable) {
      const before = this.source.slice(0, token.start).trimEnd().at(-1);
      const after = this.source.slice(token.end).trimStart()[0];
      const textBefore = this.source.slice(0, token.start).trimEnd();
      return before === undefined || /[|:;.,]$|:\*\*$/.test(textBefore) || after === '|' || after === '<' ? ' ' : '; ';
    }
    const blockStart = state.block.position?.start.offset ?? 0;
    const blockEnd = state.block.position?.end.offset ?? 0;
    const before = this.source.slice(blockStart, token.start);
    const after = this.source.slice(token.end, blockEnd);
    if (before.trim() === '' || /^(?:\s|<\/?br\s*\/?>)*$/i.test(after) || /<\/?br\s*\/?>\s*$/i.test(before)) return '';
    if (state.block.type === 'heading') return ' ';
    const newline = after.indexOf('\n');
    if ((newline === -1 ? after : after.slice(0, newline)).trim() === '') return '\\';
    // A break in the middle of a line: continue on a new line, escaped so the rest cannot start a new block.
    const leading = after.length - after.trimStart().length;
    if (leading > 0) this.replace(token.end, token.end + leading);
    const next = after.slice(leading);
    const ordered = /^(\d{1,9})[.)](?:\s|$)/.exec(next);
    if (ordered) this.replace(token.end + leading + (ordered[1]?.length ?? 0), token.end + leading + (ordered[1]?.length ?? 0), '\\');
    const guard = /^(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|>|=+\s*$|`{3}|~{3})/.test(next) ? '\\' : '';
    return `\\\n${this.prefixAt(blockStart).replace(/[^>]/g, ' ')}${guard}`;
  }

  /**
   * Inline tags outside and inside tables: emphasis pairs, links, images, scripts; everything else is dropped and
   * keeps its content. `out` is the output so far (flow mode), `edit` the edit of this tag (source mode).
   */
  private inlineTag(token: HtmlToken, stack: OpenTag[], out: (Piece | typeof SEP)[] | undefined, mode: { inTable: boolean; edit?: Edit }): Piece[] {
    const { name } = token;
    switch (name) {
      case 'b':
      case 'strong':
      case 'i':
      case 'em':
      case 'summary':
        return out ? this.pairTag(token, stack, out) : this.pairEdit(token, stack, mode.edit!);
      case 'sup':
      case 'sub':
        if (token.kind === 'open') {
          stack.push(out ? { name, start: out.length, end: out.length } : { name, edit: mode.edit, start: token.start, end: token.end });
          return [];
        }
        return this.closeScript(token, stack, out, name);
      case 'a': {
        if (token.kind === 'open') {
          const href = token.attrs.href;
          if (href === undefined) {
            stack.push({ name, start: token.start, end: token.end });
            return [];
          }
          const slot = this.context.link(href, this.lineOf(token.start));
          stack.push({ name, slot, start: token.start, end: token.end });
          return [{ slot, part: 'open' }];
        }
        const open = popTag(stack, 'a');
        return open?.slot ? [{ slot: open.slot, part: 'close' }] : [];
      }
      case 'img': {
        if (token.kind !== 'open') return [];
        const image = this.context.image(token.attrs.alt ?? token.attrs.title ?? '', token.attrs.src ?? '', this.lineOf(token.start));
        return [mode.inTable ? image.replace(/\|/g, '\\|') : image];
      }
      case 'iframe':
      case 'video': {
        if (token.kind !== 'open' || !token.attrs.src) return [];
        this.context.report(this.lineOf(token.start), 'embed-linked', `Embedded ${name} \`${token.attrs.src}\` became a link`);
        return [`[Video](${formatDestination(token.attrs.src)})`];
      }
      default:
        return [];
    }
  }

  /** Emphasis from `<b>`/`<i>` in flow HTML: kept only when the Markdown delimiters would really emphasise. */
  private pairTag(token: HtmlToken, stack: OpenTag[], out: (Piece | typeof SEP)[]): Piece[] {
    const marker = token.name === 'i' || token.name === 'em' ? '*' : '**';
    if (token.kind === 'open') {
      stack.push({ name: token.name, start: out.length, end: out.length });
      return [''];
    }
    const open = popTag(stack, token.name);
    if (!open) return [];
    const inner = out.slice(open.start + 1).filter((piece): piece is string => typeof piece === 'string').join('');
    if (inner.trim() === '' || /^\s|\s$/.test(inner)) return [];
    out[open.start] = marker;
    return [marker];
  }

  /** Emphasis from inline `<b>`/`<i>` in Markdown prose: decided when the closing tag is seen. */
  private pairEdit(token: HtmlToken, stack: OpenTag[], edit: Edit): Piece[] {
    const marker = token.name === 'i' || token.name === 'em' ? '*' : '**';
    if (token.kind === 'open') {
      stack.push({ name: token.name, edit, start: token.start, end: token.end });
      return [];
    }
    const open = popTag(stack, token.name);
    if (!open?.edit) return [];
    const before = this.source[open.start - 1] ?? ' ';
    const first = this.source[open.end] ?? ' ';
    const last = this.source[token.start - 1] ?? ' ';
    const after = this.source[token.end] ?? ' ';
    const punctuation = /[\p{P}\p{S}]/u;
    const leftOk = !/\s/.test(first) && (!punctuation.test(first) || /\s/.test(before) || punctuation.test(before));
    const rightOk = !/\s/.test(last) && (!punctuation.test(last) || /\s/.test(after) || punctuation.test(after));
    if (open.end >= token.start || !leftOk || !rightOk) return [];
    open.edit.pieces = [marker];
    return [marker];
  }

  private closeScript(token: HtmlToken, stack: OpenTag[], out: (Piece | typeof SEP)[] | undefined, name: 'sup' | 'sub'): Piece[] {
    const open = popTag(stack, name);
    if (!open) return [];
    if (out) {
      const inner = out.slice(open.start).filter((piece): piece is string => typeof piece === 'string').join('');
      const digits = scriptDigits(inner, name);
      if (digits) out.splice(open.start, out.length - open.start, digits);
      return [];
    }
    const digits = scriptDigits(this.source.slice(open.end, token.start), name);
    if (digits && open.edit) {
      open.edit.end = token.end;
      open.edit.pieces = [digits];
    }
    return [];
  }
}

interface InlineState {
  /** Offset from which the block is a GFM table (Infinity when it is none). */
  tableFrom: number;
  stack: OpenTag[];
  block: Paragraph | Heading;
  /** Plain text of the heading being converted, for anchors inside it. */
  heading?: string;
}
