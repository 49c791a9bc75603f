// Fits the learned rerank (packages/case-index/src/rerank-learned.ts) on pseudo-queries made from the articles alone —
// no labeled report is read here — and prints the model as the constant `DEFAULT_RERANK_MODEL` holds. Reproducible:
// deterministic folds, deterministic fit.
//
// A pseudo-query is an article's Symptoms section worded as a report: its first sentence is the subject (at most 20
// words), the sentences after it the body (at most 120 words). So that the query does not simply find its own words,
// the article is indexed WITHOUT them when its query is run: its Symptoms section is cut from the body and its
// symptom fields are dropped (a report describes what the customer sees; the article must be found by its title,
// summary, cause and resolution). Articles are split in 4 folds (sorted by path, i mod 4); the queries of fold f run
// against an index where only fold f's articles are stripped, so three quarters of the competitors are whole.
// The first stage is the shipped one (`rank`, top 50, deduplicated); each (query, candidate) pair gets the features of
// `rerankFeatures`. The model is linear, fitted listwise: minimise Σ −log softmax(w·x)[article] + ½ λ ‖w‖², λ = 1,
// over the queries whose article is among the candidates, by Newton's method.
//
// Run: KB_CORPUS=<corpus> nice -n 10 npx node bench/case-index/fit-rerank.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildIndex,
  extractSignatures,
  parseDocumentSources,
  plainWords,
  rank,
  readDocumentSources,
  RERANK_FEATURES,
  type CaseIndex,
  type IndexDocument,
  type RerankModel,
} from '@nimbus/case-index';
import { corpusRoot } from '../corpus-root.ts';
import { isNonEnglish } from './labeled.ts';

export const FOLDS = 4;
export const DEPTH = 50;
export const RIDGE = 1;
const SUBJECT_WORDS = 20;
const BODY_WORDS = 120;
const MIN_PLAIN_WORDS = 6;

/** One pseudo-query: the article it comes from and the report made of its Symptoms section. */
export interface PseudoQuery {
  doc: number;
  fold: number;
  subject: string;
  body: string;
}

/** A ranked list to learn from: the candidates' features and which of them is the article. */
export interface TrainingList {
  fold: number;
  features: Float64Array[];
  gold: number;
  /** Position of the article in the first stage (0-based). */
  firstStage: number;
}

const cut = (text: string, words: number) => text.split(/\s+/).filter(Boolean).slice(0, words).join(' ');

/** Where a pseudo-query comes from: the Symptoms section, or the summary (description) and the body's first paragraph. */
export type PseudoSource = 'symptoms' | 'summary';

/** The text with its error signatures cut out: a report that describes what happens without quoting the code. */
function withoutCodes(text: string): string {
  let out = text;
  for (const signature of extractSignatures(text)) out = out.split(signature.text).join(' ');
  return out;
}

/** FNV-1a of a string: a deterministic coin per (article, word). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The words of the article's titles a pseudo-query leaves out: each with probability `share` (a fixed coin per
 * article and word), so the query does not repeat the article's name as an article's own text does and a customer
 * does not.
 */
export function droppedTitleWords(document: IndexDocument, share: number): Set<string> {
  const dropped = new Set<string>();
  if (share <= 0) return dropped;
  plainWords(`${document.title}\n${document.altTitle ?? ''}`, (word) => {
    if ((hash(`${document.path}\0${word}`) % 1000) / 1000 < share) dropped.add(word);
  });
  return dropped;
}

/** The text without its whitespace-separated tokens that hold a dropped word. */
function withoutWords(text: string, dropped: ReadonlySet<string>): string {
  if (dropped.size === 0) return text;
  return text
    .split(/\s+/)
    .filter((token) => {
      let keep = true;
      plainWords(token, (word) => {
        if (dropped.has(word)) keep = false;
      });
      return keep;
    })
    .join(' ');
}

/** A subject and body from sentences: the first sentence, then the rest, cut to length; undefined when too little is left. */
function asReport(first: string, rest: string, dropped: ReadonlySet<string>): { subject: string; body: string } | undefined {
  const subject = cut(withoutWords(withoutCodes(first), dropped), SUBJECT_WORDS);
  const body = cut(withoutWords(withoutCodes(rest), dropped), BODY_WORDS);
  let count = 0;
  plainWords(`${subject}\n${body}`, () => count++);
  // Reports with a code are not reranked (the gate): a pseudo-query must not have one left.
  if (count < MIN_PLAIN_WORDS || extractSignatures(`${subject}\n${body}`).length > 0) return undefined;
  return { subject, body };
}

/** The body's first paragraph of prose (no heading, no metadata line such as "_Original KB number:_"). */
export function firstParagraph(body: string): string | undefined {
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (!text || /^#/.test(text) || /^[_*]/.test(text) || /^[|>`-]/.test(text)) continue;
    return text;
  }
  return undefined;
}

/** The pseudo-query of a document from one source, or undefined when the document has none usable. */
export function pseudoQuery(document: IndexDocument, source: PseudoSource, titleDrop = 0): { subject: string; body: string } | undefined {
  const dropped = droppedTitleWords(document, titleDrop);
  if (source === 'summary') {
    const paragraph = firstParagraph(document.body);
    if (!document.description || !paragraph || isNonEnglish(paragraph)) return undefined;
    return asReport(document.description, paragraph, dropped);
  }
  const symptoms = document.symptomText;
  if (!symptoms || !document.body.includes(symptoms) || isNonEnglish(symptoms)) return undefined;
  const sentences = symptoms.split(/(?<=[.!?])\s+|\n+/).map((sentence) => sentence.trim()).filter(Boolean);
  if (sentences.length === 0) return undefined;
  return asReport(sentences[0]!, sentences.slice(1).join(' '), dropped);
}

/** The document without the words its pseudo-query is made of. */
export function stripped(document: IndexDocument, source: PseudoSource): IndexDocument {
  if (source === 'summary') {
    const { description: _description, ...rest } = document;
    const paragraph = firstParagraph(document.body);
    return { ...rest, body: paragraph ? document.body.replace(paragraph, ' ') : document.body };
  }
  const { symptomText, symptoms: _symptoms, ...rest } = document;
  return { ...rest, body: symptomText ? document.body.replace(symptomText, ' ') : document.body };
}

/** Fold of each document: sorted by path, i mod FOLDS. */
export function foldsOf(documents: readonly IndexDocument[]): number[] {
  const order = documents.map((document, i) => ({ path: document.path, i })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const folds = new Array<number>(documents.length);
  order.forEach(({ i }, position) => {
    folds[i] = position % FOLDS;
  });
  return folds;
}

const ZERO: RerankModel = Object.fromEntries(RERANK_FEATURES.map((name) => [name, 0])) as RerankModel;

/** Runs every pseudo-query of `source` on its fold's stripped index and collects the candidates' features. */
export function trainingLists(documents: readonly IndexDocument[], source: PseudoSource, log: (line: string) => void = () => {}, titleDrop = 0): TrainingList[] {
  const folds = foldsOf(documents);
  const queries: PseudoQuery[] = [];
  documents.forEach((document, doc) => {
    const query = pseudoQuery(document, source, titleDrop);
    if (query) queries.push({ doc, fold: folds[doc]!, ...query });
  });
  log(`${source} pseudo-queries (title words dropped: ${titleDrop}): ${queries.length} of ${documents.length} articles`);
  const lists: TrainingList[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const index: CaseIndex = buildIndex(documents.map((document, doc) => (folds[doc] === fold ? stripped(document, source) : document)));
    let found = 0;
    let asked = 0;
    for (const query of queries) {
      if (query.fold !== fold) continue;
      asked++;
      const goldId = index.docs[query.doc]!.id;
      let captured: { candidates: readonly number[]; features: readonly Float64Array[] } | undefined;
      rank(index, { subject: query.subject, body: query.body }, { top: DEPTH, evidence: false, rerankModel: ZERO, onRerankFeatures: (candidates, features) => (captured = { candidates, features }) });
      if (!captured) continue;
      const gold = captured.candidates.findIndex((doc) => index.docs[doc]!.id === goldId);
      if (gold < 0) continue;
      found++;
      lists.push({ fold, features: [...captured.features], gold, firstStage: gold });
    }
    log(`fold ${fold}: ${found} of ${asked} pseudo-queries have their article in the first stage's top ${DEPTH}`);
  }
  return lists;
}

/** Solves a small linear system (Gaussian elimination, partial pivoting). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const divisor = a[col]![col]! || 1e-12;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / divisor;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** The penalised listwise loss, its gradient and Hessian at `w`. */
function objective(lists: readonly TrainingList[], w: readonly number[], ridge: number, withDerivatives: boolean) {
  const n = w.length;
  let loss = 0;
  for (let k = 0; k < n; k++) loss += 0.5 * ridge * w[k]! * w[k]!;
  const gradient = w.map((value) => ridge * value);
  const hessian = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? ridge : 0)));
  for (const list of lists) {
    const values = list.features.map((row) => row.reduce((sum, x, k) => sum + w[k]! * x, 0));
    const best = Math.max(...values);
    const exps = values.map((value) => Math.exp(value - best));
    const total = exps.reduce((a, b) => a + b, 0);
    loss += best + Math.log(total) - values[list.gold]!;
    if (!withDerivatives) continue;
    const p = exps.map((value) => value / total);
    const mean = new Array<number>(n).fill(0);
    list.features.forEach((row, c) => row.forEach((x, k) => (mean[k]! += p[c]! * x)));
    const gold = list.features[list.gold]!;
    for (let k = 0; k < n; k++) gradient[k]! += mean[k]! - gold[k]!;
    list.features.forEach((row, c) => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) hessian[i]![j]! += p[c]! * (row[i]! - mean[i]!) * (row[j]! - mean[j]!);
    });
  }
  return { loss, gradient, hessian };
}

/** Listwise softmax fit with a ridge penalty, by Newton's method with backtracking: the weights in RERANK_FEATURES order. */
export function fitSoftmax(lists: readonly TrainingList[], ridge = RIDGE): number[] {
  const n = RERANK_FEATURES.length;
  let w = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < 100; iteration++) {
    const { loss, gradient, hessian } = objective(lists, w, ridge, true);
    const step = solve(hessian, gradient);
    // The loss is convex; halve the Newton step until it decreases (far from the optimum a full step overshoots).
    let scale = 1;
    let next = w.map((value, k) => value - step[k]!);
    while (scale > 1e-6 && objective(lists, next, ridge, false).loss > loss) {
      scale /= 2;
      next = w.map((value, k) => value - scale * step[k]!);
    }
    w = next;
    if (Math.max(...step.map((value) => Math.abs(value * scale))) < 1e-7) break;
  }
  return w;
}

export const asModel = (weights: readonly number[]): RerankModel =>
  Object.fromEntries(RERANK_FEATURES.map((name, k) => [name, Math.round(weights[k]! * 1000) / 1000])) as RerankModel;

/** MRR@10 of the lists under weights (zero weights: the first stage's order). */
export function listMrr(lists: readonly TrainingList[], weights: readonly number[]): number {
  let sum = 0;
  for (const list of lists) {
    const values = list.features.map((row) => row.reduce((total, x, k) => total + weights[k]! * x, 0));
    const gold = values[list.gold]!;
    // Ties keep the first stage's order: a candidate before the article with an equal value stays before it.
    let position = 0;
    values.forEach((value, c) => {
      if (value > gold || (value === gold && c < list.gold)) position++;
    });
    if (position < 10) sum += 1 / (position + 1);
  }
  return sum / Math.max(1, lists.length);
}

/** Training lists of every source, cached in a file when `cache` is given (the fit can then be re-run without the builds). */
export async function cachedLists(documents: readonly IndexDocument[], source: PseudoSource, cache: string | undefined, log: (line: string) => void, titleDrop = 0): Promise<TrainingList[]> {
  const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
  type Stored = Omit<TrainingList, 'features'> & { features: number[][] };
  if (cache && existsSync(cache)) return (JSON.parse(readFileSync(cache, 'utf8')) as Stored[]).map((list) => ({ ...list, features: list.features.map((row) => Float64Array.from(row)) }));
  const lists = trainingLists(documents, source, log, titleDrop);
  if (cache) writeFileSync(cache, JSON.stringify(lists.map((list) => ({ ...list, features: list.features.map((row) => [...row]) }))));
  return lists;
}

/** Per held-out fold: MRR@10 of the first stage and of the model fitted on the other folds. */
export function heldOutFolds(lists: readonly TrainingList[]): Array<{ fold: number; lists: number; firstStage: number; learned: number }> {
  const zero = RERANK_FEATURES.map(() => 0);
  return Array.from({ length: FOLDS }, (_, fold) => {
    const weights = fitSoftmax(lists.filter((list) => list.fold !== fold));
    const test = lists.filter((list) => list.fold === fold);
    return { fold, lists: test.length, firstStage: listMrr(test, zero), learned: listMrr(test, weights) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = process.env.KB_CORPUS ?? corpusRoot();
  const documents = (await parseDocumentSources(await readDocumentSources(path.join(corpus, 'articles')))).documents;
  const sources = (process.env.FIT_SOURCES ?? 'symptoms').split(',') as PseudoSource[];
  const titleDrop = Number(process.env.FIT_TITLE_DROP ?? 0);
  const lists: TrainingList[] = [];
  for (const source of sources) {
    const file = process.env.FIT_CACHE ? `${process.env.FIT_CACHE}.${source}${titleDrop ? `.drop${titleDrop}` : ''}.json` : undefined;
    lists.push(...(await cachedLists(documents, source, file, console.log, titleDrop)));
  }
  for (const row of heldOutFolds(lists)) console.log(`held-out fold ${row.fold} (${row.lists} lists): MRR@10 first stage ${row.firstStage.toFixed(3)} → learned ${row.learned.toFixed(3)}`);
  const model = asModel(fitSoftmax(lists));
  console.log(`\nDEFAULT_RERANK_MODEL (${sources.join(' + ')}, ${lists.length} lists): ${JSON.stringify(model)}`);
}
