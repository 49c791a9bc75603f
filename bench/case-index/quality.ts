// Linking quality on the corpus's labeled dev reports, as unseen reports meet it: the case index plain (articles only)
// and leave-one-article-out (whatever is learned from reports — the ledger of linked cases, the confidence calibration —
// learned without any report of the held-out gold article), with the repository vocabulary as `kb link` runs here, and
// beside plain BM25 and MiniSearch in the same run.
// Run alone for a quick look: `nice -n 10 npx node bench/case-index/quality.ts` (no index cache: every run builds);
// KB_RANK_OPTIONS='{"expansionWeight":0.6}' passes rank options for an ablation, KB_MISSES=1 lists the misses.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  buildIndex,
  compileSynonyms,
  calibrated,
  DEFAULT_GOOD_MATCH,
  DEFAULT_OVERLAP_WEIGHT,
  defaultCalibration,
  fitCalibration,
  parseDocumentSources,
  rank,
  readDocumentSources,
  scoreMargin,
  withLinkedCases,
  type CaseIndex,
  type Calibration,
  type CalibrationSample,
  type LinkedCase,
  type SynonymTable,
  type VocabularySource,
} from '@nimbus/case-index';
import { buildBaseline, readBaselineDocuments, searchBaseline } from './baseline.ts';
import { buildPlainBm25, searchPlainBm25 } from './bm25.ts';
import { goldPosition, readLabeledCases, slices, type LabeledCase, type Quality } from './labeled.ts';

/** A ranking system under test: a report → the article paths it ranks, best first. */
type System = (item: LabeledCase) => string[];

/** Quality of every system on one case file, per slice. */
export interface FileQuality {
  file: string;
  cases: number;
  systems: Record<string, Record<string, Quality>>;
  /** Per report: gold position per system, for the calibration and a look at the misses. */
  positions: Record<string, number[]>;
}

/** Everything the quality bench needs, built once. */
export interface QualityContext {
  index: CaseIndex;
  files: Array<{ name: string; cases: LabeledCase[] }>;
  bm25: ReturnType<typeof buildPlainBm25>;
  miniSearch: ReturnType<typeof buildBaseline>;
  /** The repository's search vocabulary (content/vocabulary.yaml), which `kb link` applies when run in the repository. */
  vocabulary: SynonymTable;
  buildMs: number;
}

/** Reads the corpus, builds the case index and both baselines. */
export async function prepareQuality(corpus: string): Promise<QualityContext> {
  const articlesDir = path.join(corpus, 'articles');
  const started = performance.now();
  const loaded = await parseDocumentSources(await readDocumentSources(articlesDir));
  const index = buildIndex(loaded.documents);
  const buildMs = performance.now() - started;
  const baselineDocuments = await readBaselineDocuments(articlesDir);
  const files = await Promise.all(['cases-dev.jsonl', 'cases-dev2.jsonl'].map(async (name) => ({ name, cases: await readLabeledCases(path.join(corpus, name)) })));
  const vocabularyFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content/vocabulary.yaml');
  const vocabulary = compileSynonyms(parseYaml(await readFile(vocabularyFile, 'utf8')) as VocabularySource);
  return { index, files, bm25: buildPlainBm25(baselineDocuments), miniSearch: buildBaseline(baselineDocuments), vocabulary, buildMs };
}

/** A labeled report as an engineer would have linked it: its text and its gold article ids. */
function asLinked(index: CaseIndex, item: LabeledCase): LinkedCase {
  const ids = item.gold.map((gold) => index.docs.find((doc) => doc.path === gold)?.id).filter((id): id is string => id !== undefined);
  return { subject: item.subject, body: item.body, linkedArticles: ids };
}

/**
 * The case index with the ledger learned from every labeled report whose gold shares no article with `item`'s:
 * nothing learned from reports of the held-out article.
 */
function leaveOneArticleOut(context: QualityContext, item: LabeledCase): CaseIndex {
  const all = context.files.flatMap((file) => file.cases);
  const others = all.filter((other) => !other.gold.some((gold) => item.gold.includes(gold)));
  return withLinkedCases(context.index, others.map((other) => asLinked(context.index, other)));
}

/** Runs every system on both case files. */
export function measureQuality(context: QualityContext): FileQuality[] {
  const { index } = context;
  const paths = (results: ReadonlyArray<{ path: string }>) => results.map((result) => result.path);
  const extra = JSON.parse(process.env.KB_RANK_OPTIONS ?? '{}') as Record<string, number>;
  const systems: Record<string, System> = {
    'case-index': (item) => paths(rank(index, { subject: item.subject, body: item.body }, { top: 10, evidence: false, ...extra })),
    'case-index + vocabulary': (item) => paths(rank(index, { subject: item.subject, body: item.body }, { top: 10, evidence: false, ...extra, synonyms: context.vocabulary })),
    'case-index, expansion 0.3': (item) => paths(rank(index, { subject: item.subject, body: item.body }, { top: 10, evidence: false, ...extra, expansionWeight: 0.3 })),
    'case-index + overlap rerank': (item) => paths(rank(index, { subject: item.subject, body: item.body }, { top: 10, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT, ...extra })),
    'case-index LOAO (+ledger)': (item) => paths(rank(leaveOneArticleOut(context, item), { subject: item.subject, body: item.body }, { top: 10, evidence: false, ...extra })),
    'case-index LOAO (+ledger) + overlap rerank': (item) =>
      paths(rank(leaveOneArticleOut(context, item), { subject: item.subject, body: item.body }, { top: 10, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT, ...extra })),
    'plain BM25': (item) => searchPlainBm25(context.bm25, `${item.subject}\n${item.body}`),
    MiniSearch: (item) => searchBaseline(context.miniSearch, item.subject, item.body),
  };
  return context.files.map(({ name, cases }) => {
    const result: FileQuality = { file: name, cases: cases.length, systems: {}, positions: {} };
    for (const [systemName, system] of Object.entries(systems)) {
      const positions = cases.map((item) => goldPosition(item.gold, system(item)));
      result.positions[systemName] = positions;
      result.systems[systemName] = slices(cases, positions);
    }
    return result;
  });
}

/** How well confidence is calibrated, leave-one-article-out on both dev files, with realistic wrong first results. */
export interface CalibrationResult {
  /** Coefficients fitted on every sample (what `defaultCalibration` should hold). */
  fitted: Calibration;
  /** Lowest threshold at which links are right ≥ 80 % of the time, with the model fitted without the report's article. */
  threshold: number | undefined;
  /**
   * Per threshold, model fitted without the report's article (held-out) and the shipped model: the share of answerable
   * reports linked, the share of gap reports (gold article removed from the index) wrongly linked, and how often a
   * link is right over both.
   */
  table: Array<{ threshold: number; heldOut: ThresholdRow; shipped: ThresholdRow }>;
  /** The shipped model at the shipped threshold (`DEFAULT_GOOD_MATCH`), on the same rankings. */
  shipped: { threshold: number } & ThresholdRow;
  reports: number;
}

/** What one threshold does. */
export interface ThresholdRow {
  /** Share of the answerable reports linked. */
  linked: number;
  /** Share of the gap reports (gold article removed) linked, always wrongly. */
  gapLinked: number;
  /** Share of all links (answerable and gap reports) that are right. */
  precision: number;
}

/** Options that remove a report's gold articles (and their translations) from the ranking: the report becomes a gap. */
function withoutGold(index: CaseIndex, item: LabeledCase) {
  const ids = new Set(index.docs.filter((doc) => item.gold.includes(doc.path)).map((doc) => doc.id));
  return { filter: (doc: { id: string; path: string }) => !ids.has(doc.id) && !item.gold.includes(doc.path) };
}

/**
 * Fits and checks the confidence model. Every dev report gives two first results of the leave-one-article-out
 * ranking: as it is (right or wrong) and with its gold article removed from the index (always wrong: the realistic
 * top hit of a content gap). A model fitted on answerable reports only has never seen a gap and links them.
 */
export function measureCalibration(
  context: QualityContext,
  { overlapWeight = DEFAULT_OVERLAP_WEIGHT, calibration = defaultCalibration }: { overlapWeight?: number; calibration?: Calibration } = {},
): CalibrationResult {
  const all = context.files.flatMap((file) => file.cases);
  // The ranking as `kb link` runs it (overlap rerank on): the margin is read from the scores the report really gets.
  const sampleOf = (item: LabeledCase, index: CaseIndex, gap: boolean) => {
    const results = rank(index, { subject: item.subject, body: item.body }, { top: 2, overlapWeight, calibration, ...(gap ? withoutGold(index, item) : {}) });
    const first = results[0];
    const sample: CalibrationSample = {
      coverage: first?.coverage ?? 0,
      margin: first ? scoreMargin(first.score, results[1]?.score ?? 0) : -1,
      correct: !gap && first !== undefined && item.gold.includes(first.path),
    };
    return { item, gap, sample, shipped: first?.confidence ?? 0 };
  };
  const samples = all.flatMap((item) => {
    const index = leaveOneArticleOut(context, item);
    return [sampleOf(item, index, false), sampleOf(item, index, true)];
  });
  const heldOut = samples.map(({ item, sample }) => {
    const training = samples.filter((other) => !other.item.gold.some((gold) => item.gold.includes(gold))).map((other) => other.sample);
    return calibrated(sample.coverage, sample.margin, fitCalibration(training));
  });
  const at = (probabilities: readonly number[], threshold: number): ThresholdRow => {
    const chosen = samples.filter((_, i) => probabilities[i]! >= threshold);
    const right = chosen.filter(({ sample }) => sample.correct).length;
    const answerable = samples.filter(({ gap }) => !gap).length;
    return {
      linked: chosen.filter(({ gap }) => !gap).length / answerable,
      gapLinked: chosen.filter(({ gap }) => gap).length / (samples.length - answerable),
      precision: chosen.length ? right / chosen.length : 1,
    };
  };
  const shippedProbabilities = samples.map(({ shipped }) => shipped);
  const table = Array.from({ length: 19 }, (_, i) => Math.round((0.05 + i * 0.05) * 100) / 100).map((threshold) => ({
    threshold,
    heldOut: at(heldOut, threshold),
    shipped: at(shippedProbabilities, threshold),
  }));
  const threshold = table.find((row) => row.heldOut.precision >= 0.8 && row.heldOut.linked > 0)?.threshold;
  return {
    fitted: fitCalibration(samples.map(({ sample }) => sample)),
    threshold,
    table,
    shipped: { threshold: DEFAULT_GOOD_MATCH, ...at(shippedProbabilities, DEFAULT_GOOD_MATCH) },
    reports: all.length,
  };
}

/** The calibration as Markdown. */
export function formatCalibration(result: CalibrationResult): string {
  const f = result.fitted;
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const cells = (row: ThresholdRow) => `${percent(row.linked)} | ${percent(row.gapLinked)} | ${percent(row.precision)}`;
  return [
    '',
    `Confidence calibration (${result.reports} dev reports, first result of the leave-one-article-out ranking with the overlap rerank, each report also as a gap with its gold article removed from the index): answerable reports linked, gap reports wrongly linked, and links right over both — model fitted without the report's article (held-out) / shipped model`,
    '',
    '| threshold | linked (held-out) | gaps linked (held-out) | right (held-out) | linked (shipped) | gaps linked (shipped) | right (shipped) |',
    '|--:|--:|--:|--:|--:|--:|--:|',
    ...result.table.filter((row) => row.threshold >= 0.2 && row.threshold <= 0.9).map((row) => `| ${row.threshold.toFixed(2)} | ${cells(row.heldOut)} | ${cells(row.shipped)} |`),
    '',
    `Lowest threshold right ≥ 80 % (held-out fits): ${result.threshold ?? 'none'}; shipped DEFAULT_GOOD_MATCH ${result.shipped.threshold}: ${percent(result.shipped.linked)} of answerable reports linked, ${percent(result.shipped.gapLinked)} of gaps linked, ${percent(result.shipped.precision)} right.`,
    `Fitted on all samples: { intercept: ${f.intercept.toFixed(2)}, coverage: ${f.coverage.toFixed(2)}, margin: ${f.margin.toFixed(2)} } (shipped: ${JSON.stringify(defaultCalibration)})`,
  ].join('\n');
}

/** The quality tables as Markdown, one per case file. */
export function formatQuality(results: readonly FileQuality[]): string {
  const lines: string[] = [];
  for (const file of results) {
    const systemNames = Object.keys(file.systems);
    const sliceNames = Object.keys(file.systems[systemNames[0]!]!);
    lines.push('', `${file.file} (${file.cases} reports) — R@1 / R@5 / MRR@10`, '');
    lines.push(`| slice | n | ${systemNames.join(' | ')} |`);
    lines.push(`|---|--:|${systemNames.map(() => '--:').join('|')}|`);
    for (const slice of sliceNames) {
      const n = file.systems[systemNames[0]!]![slice]!.n;
      const cells = systemNames.map((system) => {
        const q = file.systems[system]![slice]!;
        return `${q.r1.toFixed(2)} / ${q.r5.toFixed(2)} / **${q.mrr.toFixed(3)}**`;
      });
      lines.push(`| ${slice} | ${n} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
  const context = await prepareQuality(process.env.KB_CORPUS ?? corpus);
  console.log(`index: ${context.index.docs.length} articles in ${(context.buildMs / 1000).toFixed(1)} s`);
  const results = measureQuality(context);
  console.log(formatQuality(results));
  console.log(formatCalibration(measureCalibration(context)));
  if (process.env.KB_MISSES) {
    for (const file of results) {
      const cases = context.files.find((item) => item.name === file.file)!.cases;
      cases.forEach((item, i) => {
        const position = file.positions['case-index']![i]!;
        if (position !== 0) console.log(`${file.file} ${item.id} ${item.kind} pos=${position} bm25=${file.positions['plain BM25']![i]} | ${item.subject.slice(0, 70)} → ${item.gold[0]}`);
      });
    }
  }
}
