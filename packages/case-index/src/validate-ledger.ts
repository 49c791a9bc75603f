import type { VFile } from 'vfile';
// The narrow entry point: the whole of @nimbus/content (Markdown parser, schemas) is not needed to point at a line.
import { secondLocation } from '@nimbus/content/report-error';

/**
 * Checks a link ledger (JSON Lines of `LedgerEntry`) kept in the repository: every line parses and has a case id,
 * and every linked or suggested article still exists. Problems are added to `file.messages` at their line.
 */
export function validateLedger(file: VFile, articleIds: ReadonlySet<string>): void {
  const lines = String(file.value).split('\n');
  const seen = new Map<string, number>();
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    const fail = (reason: string, ruleId: string, column = 1, cause?: ReturnType<typeof secondLocation>) => {
      const message = file.message(reason, { place: { line, column }, ruleId, source: 'kb', ...(cause ? { cause } : {}) });
      message.fatal = true;
    };
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      fail('Unexpected text, expected one JSON object per line', 'ledger-record');
      return;
    }
    const record = entry as { case?: unknown; linkedArticles?: unknown; links?: unknown };
    if (typeof record !== 'object' || record === null || typeof record.case !== 'string' || record.case === '') {
      fail('Missing `case`, every ledger line names the case it links', 'ledger-record');
      return;
    }
    const first = seen.get(record.case);
    if (first !== undefined) {
      const cause = secondLocation(file.path, `The first entry for case \`${record.case}\``, { line: first, column: 1 }, 'ledger-record');
      fail(`Unexpected second entry for case \`${record.case}\`, line ${first} has it already`, 'ledger-record', 1, cause);
    }
    else seen.set(record.case, line);
    const linked = Array.isArray(record.linkedArticles) ? record.linkedArticles : [];
    const suggested = Array.isArray(record.links) ? record.links.map((link) => (link as { article?: unknown })?.article) : [];
    for (const id of new Set([...linked, ...suggested])) {
      if (typeof id === 'string' && !articleIds.has(id)) {
        fail(`Unknown article \`${id}\` for case \`${record.case}\`: it was renamed or removed; run \`kb link --ledger\` again`, 'ledger-unknown-article', text.indexOf(`"${id}"`) + 1);
      }
    }
  });
}
