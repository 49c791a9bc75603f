// The converter's output pieces (runs joined with paragraph breaks, trimmed) and its stack of open HTML tags.
import type { Edit, LinkSlot, Piece } from './_edits.ts';
import type { HtmlToken } from './_html.ts';

/** Marks a paragraph break in flow output; `joinBlock` turns runs of them into one blank line. */
export const SEP = Symbol('paragraph break');

/** Joins flow output: runs of paragraph breaks become one blank line (with the container prefix), none at the edges. */
export function joinBlock(out: (Piece | typeof SEP)[], prefix: string): Piece[] {
  const segments: Piece[][] = [[]];
  for (const piece of out) {
    if (piece === SEP) segments.push([]);
    else segments.at(-1)!.push(piece);
  }
  const kept = segments.map(trimSegment).filter((segment) => segment.some((piece) => typeof piece !== 'string' || piece !== ''));
  return kept.flatMap((segment, index) => (index === 0 ? segment : [`\n${prefix}\n${prefix}`, ...segment]));
}

/** A segment without blank pieces and without the whitespace and blank lines at its two ends. */
export function trimSegment(segment: Piece[]): Piece[] {
  const copy = segment.filter((piece) => piece !== '');
  while (copy.length > 0 && typeof copy[0] === 'string') {
    const trimmed = copy[0].replace(/^(?:[ \t]*\n[ \t>]*)+/, '').replace(/^[ \t]+/, '');
    if (trimmed === '') copy.shift();
    else {
      copy[0] = trimmed;
      break;
    }
  }
  while (copy.length > 0 && typeof copy.at(-1) === 'string') {
    const trimmed = (copy.at(-1) as string).replace(/(?:\n[ \t>]*)+$/, '').replace(/[ \t]+$/, '');
    if (trimmed === '') copy.pop();
    else {
      copy[copy.length - 1] = trimmed;
      break;
    }
  }
  return copy;
}

/** Inline pieces on one line: trimmed, runs of whitespace as one space. */
export function trimPieces(pieces: Piece[]): Piece[] {
  return trimSegment(pieces).map((piece) => (typeof piece === 'string' ? piece.replace(/\s{2,}/g, ' ') : piece)).map((piece, index, all) =>
    typeof piece === 'string' && index > 0 && typeof all[index - 1] === 'string' && (all[index - 1] as string).endsWith(' ') ? piece.replace(/^ +/, '') : piece,
  );
}

export interface OpenTag {
  name: string;
  edit?: Edit;
  slot?: LinkSlot;
  start: number;
  end: number;
}

/** Removes and returns the innermost open tag called `name`, leaving the others on the stack. */
export function popTag(stack: OpenTag[], name: string): OpenTag | undefined {
  for (let index = stack.length - 1; index >= 0; index--) {
    if (stack[index]!.name === name) return stack.splice(index, 1)[0];
  }
  return undefined;
}

/** Index of the token that closes the tag opened at `openIndex`, or -1. */
export function matchingClose(tokens: HtmlToken[], openIndex: number): number {
  const name = tokens[openIndex]!.name;
  let depth = 0;
  for (let index = openIndex; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.name !== name) continue;
    if (token.kind === 'open' && !token.selfClosing) depth++;
    else if (token.kind === 'close' && --depth === 0) return index;
  }
  return tokens.length;
}

// `<table>` and lists span blank lines, which end a CommonMark HTML block: count what is still open.
/** How many more tables and lists `raw` opens than it closes (an HTML block that continues). */
export function openBalance(raw: string): number {
  const opens = (raw.match(/<(?:table|ul|ol)\b/gi) ?? []).length;
  const closes = (raw.match(/<\/(?:table|ul|ol)\s*>/gi) ?? []).length;
  return opens - closes;
}
