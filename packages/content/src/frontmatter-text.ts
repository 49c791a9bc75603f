import type { VFile } from 'vfile';
import { findFrontmatter } from './frontmatter.ts';

// Bidirectional controls reorder what a reader sees (a title can read differently than it is, "Trojan Source");
// other control characters have no place in a title, a description or a list of errors. Tabs stay: YAML allows them.
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Reports every bidirectional control or control character in the frontmatter at its place (rule `frontmatter-text`). */
export function checkFrontmatterText(file: VFile): void {
  const block = findFrontmatter(String(file.value));
  if (!block) return;
  block.yaml.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(HIDDEN)) {
      const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const what = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(match[0]) ? 'bidirectional control' : 'control character';
      file.message(`Unexpected ${what} ${code} in the frontmatter, it hides or reorders what readers see: delete it`, {
        place: { line: block.firstLine + index, column: match.index + 1 },
        ruleId: 'frontmatter-text',
        source: 'kb',
      }).fatal = true;
    }
  });
}
