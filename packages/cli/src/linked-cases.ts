import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readCases, withLinkedCases, type CaseIndex, type LinkedCase } from '@nimbus/case-index';
import { UserError } from './errors.ts';
import type { KbIO } from './io.ts';

// KCS: reuse is review. The cases engineers linked to an article (`linkedArticles`, the ledger of the case export)
// teach the ranking the words customers use for that article. Shared by `kb link`, `kb report` and `kb suggest`.

/** The `--linked-cases` option of every ranking command. */
export const linkedCasesArg = {
  type: 'string',
  description:
    'Case export whose engineer-linked cases (`linkedArticles`) teach the ranking customers\' words (default: cases/cases.jsonl of $KB_CONTENT_DIR or ./content, when it exists; `off` to rank on the articles alone)',
} as const;

/** A linked case as the ranking learns it, with the id that keeps a case from learning from itself. */
export type LearnedCase = LinkedCase & { id: string };

/**
 * Reads the linked cases `--linked-cases` names (or the content folder's case export when there is one): only those
 * with `linkedArticles`. Undefined when learning is off or there is nothing to learn from.
 */
export async function loadLinkedCases(io: Pick<KbIO, 'env' | 'cwd'>, arg: string | undefined): Promise<LearnedCase[] | undefined> {
  if (arg === 'off' || arg === 'false') return undefined;
  const file = arg ? path.resolve(io.cwd, arg) : path.resolve(io.cwd, io.env.KB_CONTENT_DIR ?? 'content', 'cases', 'cases.jsonl');
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    if (arg) throw new UserError(`Cannot read linked cases from ${arg} (no such file)`);
    return undefined;
  }
  const learned: LearnedCase[] = [];
  // Bad records are `kb check`'s and `kb link`'s to report; here they are only not learned from.
  for await (const item of readCases(file)) {
    if (item.type !== 'case' || item.case.linkedArticles.length === 0) continue;
    const { id, subject, body, linkedArticles } = item.case;
    learned.push({ id, subject, body, linkedArticles });
  }
  return learned.length > 0 ? learned : undefined;
}

/** Picks the index a case is ranked with: the one with the ledger learned, unless the case is itself in the ledger. */
export type IndexForCase = (caseId: string | undefined) => CaseIndex;

/**
 * The index with the linked cases learned, as a chooser: a case that is itself one of the linked cases is ranked on
 * the articles alone, so its own words never vote for the article it was linked to.
 */
export function ledgerIndexes(index: CaseIndex, cases: readonly LearnedCase[] | undefined): { indexFor: IndexForCase; learnedFrom: number } {
  if (!cases || cases.length === 0) return { indexFor: () => index, learnedFrom: 0 };
  const learned = withLinkedCases(index, cases);
  if (!learned.linked || learned.linked.cases === 0) return { indexFor: () => index, learnedFrom: 0 };
  const ids = new Set(cases.map((item) => item.id));
  return { indexFor: (caseId) => (caseId !== undefined && ids.has(caseId) ? index : learned), learnedFrom: learned.linked.cases };
}
