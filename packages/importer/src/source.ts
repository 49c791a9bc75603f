import { parse } from 'yaml';

/** A Markdown file of the knowledge base being imported. */
export interface SourceFile {
  /** Path relative to the source folder, with `/` separators. @example "support/azure/vm/rdp-fails.md" */
  path: string;
  /** The file's text. */
  text: string;
}

/** A source file split into frontmatter and body, with line ends normalised. */
export interface ReadSource {
  path: string;
  /** Frontmatter fields; empty when there is none. */
  data: Record<string, unknown>;
  /** Why the frontmatter could not be read as YAML, if it could not. */
  yamlProblem?: string;
  /**
   * The whole file with the frontmatter lines blanked out (empty lines, so line numbers stay the source's),
   * `\n` line ends and no byte-order mark.
   */
  body: string;
}

/** Splits a source file into frontmatter and body. Never throws: unreadable YAML is read line by line. */
export function readSource(file: SourceFile): ReadSource {
  const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return { path: file.path, data: {}, body: text };
  const closing = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (closing === -1) return { path: file.path, data: {}, body: text };
  const yaml = lines.slice(1, closing).join('\n');
  const body = [...lines.slice(0, closing + 1).map(() => ''), ...lines.slice(closing + 1)].join('\n');
  try {
    const data = parse(yaml, { uniqueKeys: false, prettyErrors: false }) as unknown;
    return { path: file.path, data: isRecord(data) ? data : {}, body };
  } catch (error) {
    return { path: file.path, data: readLines(yaml), yamlProblem: error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error), body };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Fallback for frontmatter that is not YAML: `key: value` per line, quotes removed.
function readLines(yaml: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of yaml.split('\n')) {
    const match = /^([\w.-]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) data[match[1]] = match[2].trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return data;
}

/** A frontmatter field as one trimmed line of text, or `undefined` when it is missing or not text. */
export function textField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).replace(/\s+/g, ' ').trim();
    return text || undefined;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/** `ms.date`-style dates (`7/21/2020`, `2020-07-21`) as `YYYY-MM-DD`; `undefined` when the value is no real day. */
export function isoDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let year: number, month: number, day: number;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  if (us) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
