import type { z } from 'zod';

const code = (value: unknown): string => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

export interface DescribeIssueOptions {
  /** What the schema describes, for unknown keys: "not part of the article schema". Default `article`. */
  schema?: string;
  /** The keys the schema knows, listed after an unknown key when given. */
  knownKeys?: readonly string[];
  /** Refinements that word their own place (the runbook schema's) are kept as they are; others get `for <key>`. */
  customNamesPlace?: boolean;
}

/**
 * Turns a zod issue into one readable sentence: what was found, what was expected. The one wording for every schema
 * of the knowledge center (articles, taxonomy, vocabulary, runbooks).
 */
export function describeIssue(issue: z.core.$ZodIssue, options: DescribeIssueOptions = {}): string {
  const key = issue.path.length > 0 ? code(issue.path.join('.')) : 'frontmatter';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `Missing ${key}, expected ${issue.expected}`
        : `Unexpected ${describeType(input)} for ${key}, expected ${issue.expected}`;
    case 'invalid_value':
      if (input === undefined) return `Missing ${key}, expected one of ${issue.values.map(code).join(', ')}`;
      return `Unexpected ${code(input)} for ${key}, expected one of ${issue.values.map(code).join(', ')}`;
    case 'unrecognized_keys': {
      const known = options.knownKeys ? ` (${options.knownKeys.join(', ')})` : '';
      return `Unexpected key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(code).join(', ')}, not part of the ${options.schema ?? 'article'} schema${known}`;
    }
    case 'invalid_union': {
      // A union of alternatives (e.g. a date as text or as a Date): the first branch's issue is the useful one,
      // worded the same way at its full path.
      const first = issue.errors[0]?.[0];
      return first ? describeIssue({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue, options) : `Unexpected value for ${key}`;
    }
    case 'custom':
      return options.customNamesPlace ? issue.message : `${issue.message} for ${key}`;
    default:
      return `${issue.message} for ${key}`;
  }
}

/** A YAML value in words for messages: `list`, `mapping`, `null`, or its type and value (`number \`3\``). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value} ${code(value)}`;
}
