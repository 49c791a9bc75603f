import type { CaseIndex } from './build-index.ts';
import type { Evidence, RankedResult } from './rank.ts';

// Isomorphic: the link records shared by `kb link` (contract output and ledger) and the internal site.

/** One line of `kb link --format jsonl` (DESIGN.md contract 3). */
export interface LinkLine {
  id: string;
  results: Array<{ article: string; score: number }>;
}

/** The contract line of one case: article paths relative to the indexed folder, best first. */
export function linkLine(caseId: string, results: readonly RankedResult[]): LinkLine {
  return { id: caseId, results: results.map((result) => ({ article: result.path, score: result.score })) };
}

/** One suggested link in the ledger. */
export interface LedgerLink {
  /** Article id (`<product>/<slug>`, or the path without extension for plain Markdown). */
  article: string;
  /** Path relative to the indexed folder. */
  path: string;
  kind: RankedResult['kind'];
  score: number;
  confidence: number;
  /** Version of the article the link was made against (content digest). */
  version?: string;
  evidence: Evidence;
}

/** One case in the link ledger: what the index suggested and what the engineer linked. */
export interface LedgerEntry {
  /** Case id. */
  case: string;
  /** When the case was opened, to read trends from a ledger alone. */
  createdAt?: string;
  /** Article ids the engineer linked explicitly (`linkedArticles` of the case). */
  linkedArticles: string[];
  /** Suggested links, best first. */
  links: LedgerLink[];
}

/** The ledger entry of one case. */
export function ledgerEntry(
  index: CaseIndex,
  supportCase: { id: string; createdAt?: string; linkedArticles?: readonly string[] },
  results: readonly RankedResult[],
): LedgerEntry {
  const entry: LedgerEntry = {
    case: supportCase.id,
    linkedArticles: [...(supportCase.linkedArticles ?? [])],
    links: results.map((result) => {
      const link: LedgerLink = {
        article: result.id,
        path: result.path,
        kind: result.kind,
        score: result.score,
        confidence: result.confidence,
        evidence: result.evidence,
      };
      const version = index.docs[result.doc]?.version;
      if (version) link.version = version;
      return link;
    }),
  };
  if (supportCase.createdAt) entry.createdAt = supportCase.createdAt;
  return entry;
}
