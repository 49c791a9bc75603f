import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readCases, withLinkedCases, type CaseIndex, type LinkedCase } from '@nimbus/case-index';
import { KbError, kbErrors } from './error-catalog.ts';
import type { KbIO } from './io.ts';

// KCS: reuse is review. The cases engineers linked to an article (`linkedArticles`, the ledger of the case export)
// teach the ranking the words customers use for that article. Shared by `kb link`, `kb report` and `kb suggest`.

/** The `--linked-cases` option of every ranking command. */
export const linkedCasesArg = {
  type: 'string',
  description:
    "Case export whose engineer-linked cases (`linkedArticles`) teach the ranking customers' words (default: cases/cases.jsonl of $KB_CONTENT_DIR or ./content, when it exists; `off` to rank on the articles alone)",
} as const;

/**
 * Reads the linked cases `--linked-cases` names (or the content folder's case export when there is one): only those
 * with `linkedArticles`, with their ids so that none is later ranked with its own words. Undefined when learning is
 * off or there is nothing to learn from.
 */
export async function loadLinkedCases(io: Pick<KbIO, 'env' | 'cwd'>, arg: string | undefined): Promise<LinkedCase[] | undefined> {
  if (arg === 'off' || arg === 'false') return undefined;
  const file = arg ? path.resolve(io.cwd, arg) : path.resolve(io.cwd, io.env.KB_CONTENT_DIR ?? 'content', 'cases', 'cases.jsonl');
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    if (arg) throw new KbError(kbErrors.NotFound, `Cannot read linked cases from ${arg} (no such file)`);
    return undefined;
  }
  const learned: LinkedCase[] = [];
  // Bad records are `kb check`'s and `kb link`'s to report; here they are only not learned from.
  for await (const item of readCases(file)) {
    if (item.type !== 'case' || item.case.linkedArticles.length === 0) continue;
    const { id, subject, body, linkedArticles } = item.case;
    learned.push({ id, subject, body, linkedArticles });
  }
  return learned.length > 0 ? learned : undefined;
}

/** The index with the linked cases learned, or as it is when there are none (see `withLinkedCases`). */
export function learnFromLedger(index: CaseIndex, cases: readonly LinkedCase[] | undefined): CaseIndex {
  return cases && cases.length > 0 ? withLinkedCases(index, cases) : index;
}
