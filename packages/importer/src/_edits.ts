// The converter never re-serialises a syntax tree: it edits the source text at the positions the parser reports,
// so everything it does not touch (tables, lists, spacing) stays byte-for-byte as the author wrote it.

/** A link whose target is decided only when every article of the import is known. */
export interface LinkSlot {
  /** The link target as written in the source. */
  url: string;
  /** 1-based line of the link in the source file. */
  line: number;
}

/** What a {@link LinkSlot} became: a link to `url`, or its text only. */
export type LinkDecision = { kind: 'link'; url: string } | { kind: 'text' };

/** A piece of output: literal text, or one half of a link whose target is decided later. */
export type Piece = string | { slot: LinkSlot; part: 'open' | 'close' };

/** Replaces `source[start, end)` with `pieces` (an insertion when `start === end`). */
export interface Edit {
  start: number;
  end: number;
  pieces: Piece[];
}

/**
 * Applies non-overlapping edits to `source`. Edits are sorted by position; an edit that overlaps one already applied
 * is dropped (the outer edit wins), which lets a converter replace a whole span without undoing inner escapes first.
 */
export function applyEdits(source: string, edits: readonly Edit[]): Applied {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || (a.edit.end - a.edit.start) - (b.edit.end - b.edit.start) || a.index - b.index);
  const pieces: Piece[] = [];
  const origins: number[] = [];
  const sourceSlice: boolean[] = [];
  const push = (piece: Piece, origin: number, fromSource: boolean) => {
    pieces.push(piece);
    origins.push(origin);
    sourceSlice.push(fromSource);
  };
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor) continue;
    if (edit.start > cursor) push(source.slice(cursor, edit.start), cursor, true);
    for (const piece of edit.pieces) push(piece, edit.start, false);
    cursor = edit.end;
  }
  if (cursor < source.length) push(source.slice(cursor), cursor, true);
  return { pieces, origins, sourceSlice };
}

/** Edited text as pieces, with the source offset each piece comes from. */
export interface Applied {
  pieces: Piece[];
  /** Source offset of each piece: where its slice starts, or where its edit starts. */
  origins: number[];
  /** Whether each piece is an unchanged slice of the source (so its lines are the source's lines). */
  sourceSlice: boolean[];
}

/**
 * Renders applied edits and maps every output line to the source line it comes from
 * (`lineOf` turns a source offset into a 1-based line).
 */
export function renderWithLines(applied: Applied, decide: (slot: LinkSlot) => LinkDecision, lineOf: (offset: number) => number): { text: string; lines: number[] } {
  let text = '';
  const lines: number[] = [lineOf(0)];
  const decided = new Map<LinkSlot, LinkDecision>();
  applied.pieces.forEach((piece, index) => {
    const origin = applied.origins[index] ?? 0;
    let rendered: string;
    if (typeof piece === 'string') rendered = piece;
    else {
      let decision = decided.get(piece.slot);
      if (!decision) decided.set(piece.slot, (decision = decide(piece.slot)));
      rendered = decision.kind === 'text' ? '' : piece.part === 'open' ? '[' : `](${formatDestination(decision.url)})`;
    }
    let sourceLine = lineOf(origin);
    for (let at = rendered.indexOf('\n'); at !== -1; at = rendered.indexOf('\n', at + 1)) {
      if (applied.sourceSlice[index]) sourceLine = lineOf(origin + at + 1);
      lines.push(sourceLine);
    }
    text += rendered;
  });
  return { text, lines };
}

/** A link destination as Markdown writes it: bare when it can be, in `<…>` when it has spaces or parentheses. */
export function formatDestination(url: string): string {
  if (url === '') return '<>';
  if (/[\s()<>]/.test(url) || /\\$/.test(url)) return `<${url.replace(/[<>]/g, (c) => encodeURIComponent(c)).replace(/\n/g, ' ')}>`;
  return url;
}
