import type { VFile } from 'vfile';
import { findFrontmatter, parseFrontmatter, reportError } from '@nimbus/content';
import { closestMatches } from './closest.ts';

/**
 * Checks the `runbooks` list of an article file against the runbooks that exist: each unknown id is an
 * `unknown-runbook` error at its item. Returns the ids that exist.
 */
export function validateArticleRunbooks(file: VFile, runbookIds: Iterable<string>): string[] {
  const block = findFrontmatter(String(file.value));
  if (!block) return [];
  const parsed = parseFrontmatter(block);
  const listed = (parsed.data as { runbooks?: unknown } | undefined)?.runbooks;
  if (!Array.isArray(listed)) return [];
  const known = [...runbookIds];
  const found: string[] = [];
  listed.forEach((id, index) => {
    if (typeof id !== 'string') return;
    if (known.includes(id)) {
      found.push(id);
      return;
    }
    const close = closestMatches(id, known);
    reportError(file, `Unknown runbook \`${id}\`, no file \`${id}.mdx\` in the runbooks package${close.length ? ` (did you mean ${close.map((c) => `\`${c}\``).join(', ')}?)` : ''}`, parsed.locate(['runbooks', index]), 'unknown-runbook');
  });
  return found;
}
