import type { VFile } from 'vfile';
import { parseFrontmatter } from './frontmatter.ts';
import { taxonomySchema, type Taxonomy } from './taxonomy.ts';
import { reportError } from './report-error.ts';
import { describeIssue } from './zod-issue.ts';

/** Parses and validates `taxonomy.yaml`; problems are added to `file.messages` at their key. */
export function validateTaxonomy(file: VFile): Taxonomy | undefined {
  const parsed = parseFrontmatter({ yaml: String(file.value), firstLine: 1, closingLine: 1 });
  for (const problem of parsed.problems) reportError(file, `Invalid YAML: ${problem.reason}`, problem.place, 'taxonomy-yaml');
  if (parsed.problems.length > 0) return undefined;
  const result = taxonomySchema.safeParse(parsed.data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) reportError(file, describeIssue(issue, { schema: 'taxonomy' }), parsed.locate(issue.path), 'taxonomy-schema');
  return undefined;
}
