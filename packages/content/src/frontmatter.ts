import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Point } from 'unist';

/** A YAML frontmatter block cut out of a source file, with enough context to map YAML offsets back to the file. */
export interface FrontmatterBlock {
  /** The YAML text between the `---` fences. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  firstLine: number;
  /** 1-based line of the closing `---` fence. */
  closingLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Finds the leading `---` fenced block; `undefined` when the file has none. Reads only as far as the closing fence. */
export function findFrontmatter(source: string): FrontmatterBlock | undefined {
  const lines: string[] = [];
  const lineEnd = /\r?\n/g;
  let start = 0;
  for (;;) {
    const end = lineEnd.exec(source);
    const line = source.slice(start, end ? end.index : source.length);
    if (lines.length === 0 && !FENCE.test(line.replace(/^\uFEFF/, ''))) return undefined;
    if (lines.length > 0 && FENCE.test(line)) return { yaml: lines.slice(1).join('\n'), firstLine: 2, closingLine: lines.length + 1 };
    lines.push(line);
    if (!end) return undefined;
    start = end.index + end[0].length;
  }
}

/**
 * Where a frontmatter key of `source` is, parsed only when first asked: rules that report nothing never pay for a
 * second YAML parse. Line 1 when the file has no frontmatter.
 */
export function frontmatterLocator(source: string): (path: ReadonlyArray<PropertyKey>) => Point {
  let locate: ((path: ReadonlyArray<PropertyKey>) => Point) | undefined;
  return (path) => {
    if (!locate) {
      const block = findFrontmatter(source);
      locate = block ? parseFrontmatter(block).locate : () => ({ line: 1, column: 1 });
    }
    return locate(path);
  };
}

/** A problem found while reading YAML, positioned in the source file. */
export interface YamlProblem {
  reason: string;
  place: Point;
}

/** Parsed frontmatter that can point at its own keys. */
export interface ParsedFrontmatter {
  data: unknown;
  problems: YamlProblem[];
  /** Position of the key (or item) at `path`, or of its nearest existing parent; the closing fence when none exists. */
  locate(path: ReadonlyArray<PropertyKey>): Point;
}

/** Parses a frontmatter block with YAML 1.2 (dates stay strings), keeping positions for every key. */
export function parseFrontmatter(block: FrontmatterBlock): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(block.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPoint = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    // No `offset`: the YAML text has normalised line ends, so its offsets are not the file's.
    return { line: line + block.firstLine - 1, column: col };
  };
  const fallback: Point = { line: block.closingLine, column: 1 };
  const problems: YamlProblem[] = [...doc.errors, ...doc.warnings].map((error) => ({
    reason: error.message.split('\n')[0] ?? error.message,
    place: toPoint(error.pos[0]),
  }));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // `yaml` parses an alias to a missing anchor (or an alias bomb) fine and only fails when it resolves it.
      problems.push({ reason: error instanceof Error ? error.message : String(error), place: toPoint(firstAliasOffset(doc) ?? 0) });
    }
  }
  return {
    data,
    problems,
    locate(path) {
      const offset = locateOffset(doc, path);
      return offset === undefined ? fallback : toPoint(offset);
    },
  };
}

function locateOffset(doc: Document, path: ReadonlyArray<PropertyKey>): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair || !isPair(pair)) return best;
      best = (pair.key as Node).range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function firstAliasOffset(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node)) {
        found = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
