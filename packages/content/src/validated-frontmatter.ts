import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { findFrontmatter, parseFrontmatter } from './frontmatter.ts';
import { reportError } from './report-error.ts';
import { describeIssue } from './zod-issue.ts';

/** Frontmatter that passed its schema, and a way to point at its keys. */
export interface ValidatedFrontmatter<T> {
  data: T;
  /** The YAML as written, before the schema normalised it (e.g. a scalar the schema turns into a list). */
  raw: unknown;
  locate(path: ReadonlyArray<PropertyKey>): Point;
}

/**
 * Reads the leading YAML block of a file and validates it against `schema`, reporting every problem at its key:
 * `frontmatter-missing`, `frontmatter-yaml`, `frontmatter-schema`. Returns `undefined` when any was reported.
 * `describe` words a schema issue (default: {@link describeIssue}).
 */
export function readValidatedFrontmatter<S extends z.ZodType>(
  file: VFile,
  schema: S,
  describe: (issue: z.core.$ZodIssue) => string = describeIssue,
): ValidatedFrontmatter<z.output<S>> | undefined {
  const block = findFrontmatter(String(file.value));
  if (!block) {
    reportError(file, 'Missing frontmatter, expected a `---` fenced YAML block at the top of the file', { line: 1, column: 1 }, 'frontmatter-missing');
    return undefined;
  }
  const parsed = parseFrontmatter(block);
  for (const problem of parsed.problems) reportError(file, `Invalid YAML: ${problem.reason}`, problem.place, 'frontmatter-yaml');
  if (parsed.problems.length > 0) return undefined;
  const result = schema.safeParse(parsed.data ?? {}, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      // An unexpected key is reported at that key, not at the mapping holding it.
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      reportError(file, describe(issue), parsed.locate(path), 'frontmatter-schema');
    }
    return undefined;
  }
  return { data: result.data, raw: parsed.data, locate: parsed.locate };
}
