import type { VFile } from 'vfile';
import { credentialKinds, findRedactions, redactionLabels } from '@nimbus/redact';
import { findFrontmatter } from './frontmatter.ts';

/**
 * Rules `secret` (error) and `personal-data` (warning): one detector, the redactor's, so what it would take out of a
 * case cannot be published in an article either. Credentials count anywhere in the file; e-mail addresses, phone
 * numbers and IP addresses only in the text of the body, since commands, logs and the verbatim `errors` show examples.
 * `codeRanges` are the offsets of code in the file (empty when the body did not parse: everything counts as text).
 */
export function checkSecrets(file: VFile, codeRanges: ReadonlyArray<readonly [number, number]> = []): void {
  const source = String(file.value);
  const block = findFrontmatter(source);
  const bodyStart = block ? source.split('\n').slice(0, block.closingLine).join('\n').length + 1 : 0;
  const inCode = (offset: number) => codeRanges.some(([start, end]) => offset >= start && offset < end);
  for (const finding of findRedactions(source)) {
    const before = source.slice(0, finding.index).split('\n');
    const place = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    if ((credentialKinds as readonly string[]).includes(finding.kind)) {
      file.message(`Unexpected secret (${finding.kind}) in content, remove it and rotate it`, { place, ruleId: 'secret', source: 'kb' }).fatal = true;
    } else if (finding.index >= bodyStart && !inCode(finding.index)) {
      file.message(`Unexpected ${redactionLabels[finding.kind]} in the text, personal data must not be published: remove it, or show an example in inline code`, { place, ruleId: 'personal-data', source: 'kb' }).fatal = false;
    }
  }
}
