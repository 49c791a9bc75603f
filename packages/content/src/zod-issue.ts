import type { z } from 'zod';

const code = (value: unknown): string => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** Turns a zod issue into one readable sentence: what was found, what was expected. */
export function describeIssue(issue: z.core.$ZodIssue): string {
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
    case 'unrecognized_keys':
      return `Unexpected key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(code).join(', ')}, not part of the article schema`;
    case 'invalid_union': {
      // A union of alternatives (e.g. a date as text or as a Date): the first branch's message is the useful one.
      const first = issue.errors[0]?.[0];
      return first ? `${first.message} for ${key}` : `Unexpected value for ${key}`;
    }
    default:
      return `${issue.message} for ${key}`;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value} ${code(value)}`;
}
