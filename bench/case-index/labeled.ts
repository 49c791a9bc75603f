// The labeled dev reports of the corpus and the retrieval measures scored on them: recall@1, recall@5, MRR@10, per
// `kind` and `method`, over reports and macro-averaged by gold article (each gold article counts once, however many
// reports point at it).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withLinkedCases, type CaseIndex, type LinkedCase } from '@nimbus/case-index';

/** One labeled report of `cases-dev*.jsonl` (only the fields the bench reads). */
export interface LabeledCase {
  id: string;
  subject: string;
  body: string;
  /** Gold article paths relative to the corpus `articles/` folder. */
  gold: string[];
  method: string;
  /** `symptom` or `error-string` in cases-dev2; cases-dev has none (its reports quote errors: `error-string`). */
  kind: string;
  /** Whether the report is written mostly in another language than English. */
  nonEnglish: boolean;
}

/** Whether a text is mostly not English: CJK characters, or many letters outside ASCII. */
export function isNonEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const nonAscii = letters.filter((letter) => letter.charCodeAt(0) > 127).length;
  return cjk >= 4 || nonAscii / letters.length > 0.3;
}

/** Reads a labeled case file. */
export async function readLabeledCases(file: string): Promise<LabeledCase[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const raw = JSON.parse(line) as { id: string; subject: string; body: string; gold: string[]; method?: string; kind?: string };
      return {
        id: raw.id,
        subject: raw.subject,
        body: raw.body,
        gold: raw.gold.map((gold) => gold.replace(/^corpus\/articles\//, '')),
        method: raw.method ?? '?',
        kind: raw.kind ?? 'error-string',
        nonEnglish: isNonEnglish(`${raw.subject}\n${raw.body}`),
      };
    });
}

/** R@1, R@5, MRR@10. */
export interface Quality {
  n: number;
  r1: number;
  r5: number;
  mrr: number;
}

/** Position (0-based) of the first gold article in a ranking of paths, or -1 in none of the first 10. */
export function goldPosition(gold: readonly string[], paths: readonly string[]): number {
  return paths.slice(0, 10).findIndex((item) => gold.includes(item));
}

/** The measures over per-report positions, optionally weighted (macro by gold article gives each article weight 1). */
export function quality(positions: ReadonlyArray<{ position: number; weight?: number }>): Quality {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  let total = 0;
  for (const { position, weight = 1 } of positions) {
    total += weight;
    if (position === 0) r1 += weight;
    if (position >= 0 && position < 5) r5 += weight;
    if (position >= 0) mrr += weight / (position + 1);
  }
  const round = (value: number) => Math.round((value / Math.max(1e-9, total)) * 1000) / 1000;
  return { n: positions.length, r1: round(r1), r5: round(r5), mrr: round(mrr) };
}

/** Every slice the bench reports: all reports, macro by gold article, per kind, per method, non-English. */
export function slices(cases: readonly LabeledCase[], positions: readonly number[]): Record<string, Quality> {
  const rows = cases.map((item, index) => ({ item, position: positions[index]! }));
  const perArticle = new Map<string, number>();
  for (const { item } of rows) perArticle.set(item.gold[0]!, (perArticle.get(item.gold[0]!) ?? 0) + 1);
  const out: Record<string, Quality> = {
    all: quality(rows),
    'macro by article': quality(rows.map(({ item, position }) => ({ position, weight: 1 / perArticle.get(item.gold[0]!)! }))),
  };
  for (const kind of [...new Set(cases.map((item) => item.kind))].sort()) out[`kind ${kind}`] = quality(rows.filter(({ item }) => item.kind === kind));
  for (const method of [...new Set(cases.map((item) => item.method))].sort()) out[`method ${method}`] = quality(rows.filter(({ item }) => item.method === method));
  const foreign = rows.filter(({ item }) => item.nonEnglish);
  if (foreign.length > 0) out['not English'] = quality(foreign);
  return out;
}

/** Both dev files' reports as the experiments read them: per file, all together, and which file each came from. */
export interface DevReports {
  files: Array<{ name: string; cases: LabeledCase[] }>;
  all: LabeledCase[];
  fileOf: number[];
  /** The index with a ledger learned from every other report whose gold articles differ (leave-one-article-out). */
  heldOutLedger(item: LabeledCase): CaseIndex;
}

export async function readDevReports(corpus: string, index: CaseIndex): Promise<DevReports> {
  const files = await Promise.all(['cases-dev.jsonl', 'cases-dev2.jsonl'].map(async (name) => ({ name, cases: await readLabeledCases(path.join(corpus, name)) })));
  const all = files.flatMap((file) => file.cases);
  const docNumber = new Map(index.docs.map((doc, i) => [doc.path, i]));
  const asLinked = (item: LabeledCase): LinkedCase => ({
    subject: item.subject,
    body: item.body,
    linkedArticles: item.gold.map((gold) => index.docs[docNumber.get(gold) ?? -1]?.id).filter((id): id is string => id !== undefined),
  });
  return {
    files,
    all,
    fileOf: all.map((item) => (files[0]!.cases.includes(item) ? 0 : 1)),
    heldOutLedger: (item) => withLinkedCases(index, all.filter((other) => !other.gold.some((gold) => item.gold.includes(gold))).map(asLinked)),
  };
}

/**
 * An experiment's fused order: each candidate's lexical score relative to the best, plus `weight` × its feature value
 * standardised over the candidates. `values[i]` belongs to `list[i]`; the list comes best lexical first.
 */
export function fuseStandardised(list: ReadonlyArray<{ path: string; lexical: number }>, values: readonly number[], weight: number): string[] {
  if (weight === 0 || list.length < 2) return list.map((candidate) => candidate.path);
  const top = list[0]!.lexical || 1;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) || 1;
  return list
    .map((candidate, i) => ({ path: candidate.path, score: candidate.lexical / top + (weight * (values[i]! - mean)) / sd }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.path);
}
