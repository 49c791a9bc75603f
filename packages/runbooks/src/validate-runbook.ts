import path from 'node:path';
import type { VFile } from 'vfile';
import { checkMdx, reportError } from '@nimbus/content';
import { findSecrets } from '@nimbus/redact';
import { plainText, pointAt } from './_mdast.ts';
import { runbookComponents, type Runbook } from './runbook.ts';
import { KEBAB, code } from './_runbook-shared.ts';
import type { ValidateRunbookOptions } from './runbook-options.ts';
import { readFrontmatter } from './_runbook-frontmatter.ts';
import { readBody } from './_runbook-body.ts';

// The options and review periods live beside the parts that use them; they are part of this module's API.
export { runbookReviewGraceDays, runbookReviewPeriodDays, type ValidateRunbookOptions } from './runbook-options.ts';

/** The runbook id of a file path: its kebab-case name without `.mdx`; undefined when the name is not one. */
export function runbookIdOf(filePath: string): string | undefined {
  const name = path.basename(filePath);
  const id = name.replace(/\.mdx$/, '');
  return name.endsWith('.mdx') && KEBAB.test(id) ? id : undefined;
}

/**
 * Validates one runbook file: frontmatter (each problem at its key), MDX (no code), sections, steps, the step
 * graph and parameters. Problems are added to `file.messages`, sorted by position; the runbook is returned only
 * when there is no error, so a broken runbook never half-renders. Plugs into any checker that reports VFiles.
 */
export function validateRunbookFile(file: VFile, options: ValidateRunbookOptions = {}): Runbook | undefined {
  const source = String(file.value);
  const first = file.messages.length;
  const id = runbookIdOf(file.path);
  if (!id) reportError(file, `Unexpected runbook file name ${code(path.basename(file.path))}, expected \`<kebab-case-id>.mdx\``, { line: 1, column: 1 }, 'runbook-path');

  const tree = checkMdx(file, { allowedComponents: runbookComponents });
  const frontmatter = readFrontmatter(file, options);
  const body = tree ? readBody(file, source, tree, frontmatter) : undefined;
  for (const secret of findSecrets(source)) {
    reportError(file, `Unexpected secret (${secret.kind}) in a runbook, remove it and rotate it`, pointAt(source)(secret.index), 'secret');
  }

  const added = file.messages.splice(first).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  file.messages.push(...added);
  if (!id || !frontmatter || !body || added.some((message) => message.fatal)) return undefined;
  const { sections, steps } = body;
  return {
    ...frontmatter.data,
    id,
    path: file.path,
    summary: plainText(sections.whenToUse.children.filter((node) => node.type === 'paragraph').slice(0, 1)),
    sections,
    steps,
  };
}
