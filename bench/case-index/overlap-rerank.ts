// PRE-REGISTERED EXPERIMENT (issue 13, symptom-only reports): rerank the case index's candidates by a second,
// idf-weighted word-overlap cosine. Written and committed BEFORE this script was first run; the figures are appended
// below the registration afterwards and the registration is not edited.
//
// Origin and selection bias: the lead comes from bench/case-index/embedding-experiment.ts, where this feature was the
// "no vectors" CONTROL, chosen after looking at several features on the same 73 dev reports (45 + 28). Its figure there
// (dev2 0.618 → 0.705) is therefore optimistic. Here the feature definitions, gate, fusion and grid are fixed up front;
// the weight (and, in the "any" rows, the variant) is chosen by NESTED leave-one-article-out. The bias that remains:
// the family of features was picked on these same reports, and there are no fresh reports to confirm on.
//
// === REGISTRATION ===
// Candidates: rank(index, { subject, body }, { top: 50, evidence: false }) — the shipped ranking, deduplicated by id;
//   "plain" = index of the articles; "ledger" = the same index with the ledger learned from every dev report sharing no
//   gold article with the report (withLinkedCases), as quality.ts's LOAO row.
// Words (unstemmed): lower-cased text, /\p{L}+(?:'\p{L}+)?/gu, length > 1, not in the package's stop words.
// Query vector: the report's distinct words; weight 2 for a word in the subject, 1 for one only in the body (body cut
//   to 20,000 characters); times idf. idf(w) = ln((N + 1) / (df(w) + 0.5)), df over the N articles (a word no article
//   has gets df 0). The query's norm is a per-report constant and cancels in the standardisation below.
// Document vectors: binary (each distinct word once) × idf, L2-normalised. Features, fixed before measuring:
//   F1 "lead"    — the lead exactly as run before minus GloVe's vocabulary filter: mean of cos(q, head) and
//                  cos(q, body), head = title, altTitle, description, symptoms list, Symptoms section; body = first
//                  20,000 characters of the body.
//   F2 "whole"   — one cosine against the whole article (head words ∪ body words, body cut as above).
//   F3 "stemmed" — one cosine of the index's own terms: query terms from tokenize() (same 2/1 weighting), document =
//                  every non-signature term the index holds for the article (all fields); needs no new index data.
//   F4 "head"    — one cosine against the head only (the title + symptoms fields).
// Fusion: over the candidates, s = lexical / lexical_best + w × (f − mean f) / sd f (population sd; sd 0 → 1);
//   stable sort by s. w = 0 is the shipped order.
// Gate: "gated" reranks only reports for which extractSignatures(subject + "\n" + body) finds no signature (what
//   buildQuery(...).signatures holds); "every" reranks every report.
// Weight grid: w ∈ {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0}.
// Nested LOAO: for each report, the configuration with the highest (MRR@10 on cases-dev + MRR@10 on cases-dev2) over
//   the reports that share no gold article with it, first of ties in grid order (smallest w, F1..F4); then applied to
//   it. Reported: per feature × gate (w nested), and "any" (feature and w nested) per gate; plain and ledger; per file,
//   per kind, macro by article. Fixed-weight rows are printed for reading only, never as a choice.
// Decision rule (fixed now): the stage holds if the gated "any" row with the ledger gives cases-dev2 MRR@10 clearly
//   above the shipped (≥ +0.03) and cases-dev ≥ 0.85; then the shipped configuration is the one the procedure picks
//   on all reports (the most common nested choice), and its nested figure is the honest estimate.
// Also printed: the per-case CPU cost of each feature over 50 candidates.
// === END OF REGISTRATION ===
//
// RESULT (first and only run of the registered grid, 2026-12-02 18:58 UTC, 3,152 articles, 45 + 28 reports, load
// average 7.5 on 2 cores; MRR@10, R@1 in brackets). Nested choices: gated ANY picked whole@0.15 for 70 of 73 reports
// (whole@0.1 for 3), plain and with the ledger alike.
//   | system (ledger = LOAO with the ledger)      | dev all      | dev2 all     | dev2 symptom | dev2 error-string |
//   | shipped, ledger                             | 0.885 (0.84) | 0.618 (0.54) | 0.384 (0.25) | 0.931 (0.92)      |
//   | ANY gated, ledger (feature + w nested)      | 0.885 (0.84) | 0.711 (0.68) | 0.495 (0.44) | 1.000 (1.00)      |
//   | F1 lead gated, ledger (w nested)            | 0.859 (0.80) | 0.688 (0.64) | 0.484 (0.44) | 0.958 (0.92)      |
//   | F2 whole gated, ledger (w nested)           | 0.885 (0.84) | 0.711 (0.68) | 0.495 (0.44) | 1.000 (1.00)      |
//   | F3 stemmed gated, ledger (w nested)         | 0.857 (0.80) | 0.668 (0.61) | 0.450 (0.38) | 0.958 (0.92)      |
//   | F4 head gated, ledger (w nested)            | 0.863 (0.80) | 0.594 (0.50) | 0.342 (0.19) | 0.931 (0.92)      |
//   | ANY every report, ledger                    | 0.814 (0.71) | 0.688 (0.64) | 0.484 (0.44) | 0.958 (0.92)      |
//   | F1 lead every report, ledger                | 0.818 (0.71) | 0.729 (0.71) | 0.526 (0.50) | 1.000 (1.00)      |
//   | F2 whole every report, ledger               | 0.850 (0.78) | 0.656 (0.57) | 0.460 (0.38) | 0.917 (0.83)      |
//   | F3 stemmed every report, ledger             | 0.870 (0.82) | 0.657 (0.61) | 0.447 (0.38) | 0.938 (0.92)      |
//   Plain (no ledger): shipped 0.900 / 0.618 / 0.383 / 0.931; ANY gated 0.900 / 0.711 / 0.495 / 1.000 (whole@0.15).
//   macro by article, ledger: dev 0.869 → 0.869, dev2 0.647 → 0.726.
// Decision (by the registered rule): HOLDS — dev2 +0.093, cases-dev unchanged at 0.885 ≥ 0.85. Shipped: F2 "whole",
// gated, w = 0.15 (packages/case-index/src/rerank-overlap.ts). Without the gate every variant costs cases-dev
// 0.015–0.07 (its reports quote codes; a second lexical similarity dilutes them), so the gate is part of the stage.
// The gate reranks 8/45 cases-dev and 14/28 cases-dev2 reports. Gold within the top 50 bounds what any rerank can do.
// Selection bias, plainly: the feature family (an unstemmed idf cosine) was suggested by looking at these reports; the
// weight is nested but 70/73 nested choices agree, so the nested figure is close to the in-sample one; the true gain on
// unseen reports is likely smaller than +0.09, and 14 reranked dev2 reports are few (one report moves MRR by ~0.036).
//
// Run: KB_CORPUS=<corpus> nice -n 10 npx node bench/case-index/overlap-rerank.ts
import path from 'node:path';
import {
  buildIndex,
  buildQuery,
  extractSignatures,
  parseDocumentSources,
  rank,
  readDocumentSources,
  SIGNATURE_PREFIX,
  tokenize,
  type CaseIndex,
  type IndexDocument,
} from '@nimbus/case-index';
import { stopwords } from '../../packages/case-index/src/_stopwords.ts';
import { corpusRoot } from '../corpus-root.ts';
import { fuseStandardised, goldPosition, readDevReports, slices, type LabeledCase, type Quality } from './labeled.ts';

const corpus = process.env.KB_CORPUS ?? corpusRoot();
const DEPTH = 50;
const BODY = 20_000;
const WEIGHTS = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0];
const FEATURES = ['lead', 'whole', 'stemmed', 'head'] as const;
type Feature = (typeof FEATURES)[number];

const started = performance.now();
const documents: IndexDocument[] = (await parseDocumentSources(await readDocumentSources(path.join(corpus, 'articles')))).documents;
const index = buildIndex(documents);
console.log(`index ${index.docs.length} docs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const N = documents.length;

// --- unstemmed words ------------------------------------------------------------------------------------------------
const WORD = /\p{L}+(?:'\p{L}+)?/gu;
const plainWords = (text: string) => (text.toLowerCase().match(WORD) ?? []).filter((word) => word.length > 1 && !stopwords.has(word));
const headText = (d: IndexDocument) => [d.title, d.altTitle, d.description, ...(d.symptoms ?? []), d.symptomText].filter(Boolean).join('\n');
const headSets = documents.map((d) => new Set(plainWords(headText(d))));
const bodySets = documents.map((d) => new Set(plainWords(d.body.slice(0, BODY))));
const df = new Map<string, number>();
for (let i = 0; i < N; i++) for (const word of new Set([...headSets[i]!, ...bodySets[i]!])) df.set(word, (df.get(word) ?? 0) + 1);
const idf = (frequency: number) => Math.log((N + 1) / (frequency + 0.5));
const wordIdf = (word: string) => idf(df.get(word) ?? 0);
const norm = (set: Iterable<string>, weightOf: (key: string) => number) => {
  let sum = 0;
  for (const key of set) sum += weightOf(key) ** 2;
  return Math.sqrt(sum) || 1;
};
const headNorm = headSets.map((set) => norm(set, wordIdf));
const bodyNorm = bodySets.map((set) => norm(set, wordIdf));
const wholeSets = documents.map((_, i) => new Set([...headSets[i]!, ...bodySets[i]!]));
const wholeNorm = wholeSets.map((set) => norm(set, wordIdf));

// --- stemmed index terms (from the index's postings) ----------------------------------------------------------------
const termDf = new Float64Array(index.terms.length);
const docTerms: Array<Set<number>> = documents.map(() => new Set());
for (let term = 0; term < index.terms.length; term++) {
  if (index.terms[term]!.startsWith(SIGNATURE_PREFIX)) continue;
  termDf[term] = index.offsets[term + 1]! - index.offsets[term]!;
  for (let p = index.offsets[term]!; p < index.offsets[term + 1]!; p++) docTerms[index.postingDocs[p]!]!.add(term);
}
const termIdf = (term: number) => idf(termDf[term]!);
const stemNorm = docTerms.map((set) => {
  let sum = 0;
  for (const term of set) sum += termIdf(term) ** 2;
  return Math.sqrt(sum) || 1;
});

// --- query vectors --------------------------------------------------------------------------------------------------
interface QueryVectors {
  words: Array<[string, number]>;
  terms: Array<[number, number]>;
}
function queryVectors(item: LabeledCase): QueryVectors {
  const words = new Map<string, number>();
  for (const word of plainWords(item.subject)) words.set(word, 2);
  for (const word of plainWords(item.body.slice(0, BODY))) if (!words.has(word)) words.set(word, 1);
  const terms = new Map<number, number>();
  const addTerms = (text: string, weight: number) =>
    tokenize(text, (term) => {
      const id = index.termIds.get(term);
      if (id === undefined || termDf[id] === 0 || terms.has(id)) return;
      terms.set(id, weight);
    });
  addTerms(item.subject, 2);
  addTerms(item.body.slice(0, BODY), 1);
  return { words: [...words].map(([word, weight]) => [word, weight * wordIdf(word)]), terms: [...terms].map(([id, weight]) => [id, weight * termIdf(id)]) };
}
function feature(name: Feature, q: QueryVectors, doc: number): number {
  const dotWords = (set: Set<string>) => {
    let sum = 0;
    for (const [word, value] of q.words) if (set.has(word)) sum += value * wordIdf(word);
    return sum;
  };
  switch (name) {
    case 'lead':
      return (dotWords(headSets[doc]!) / headNorm[doc]! + dotWords(bodySets[doc]!) / bodyNorm[doc]!) / 2;
    case 'whole':
      return dotWords(wholeSets[doc]!) / wholeNorm[doc]!;
    case 'head':
      return dotWords(headSets[doc]!) / headNorm[doc]!;
    case 'stemmed': {
      let sum = 0;
      const set = docTerms[doc]!;
      for (const [term, value] of q.terms) if (set.has(term)) sum += value * termIdf(term);
      return sum / stemNorm[doc]!;
    }
  }
}

// --- reports and candidates -----------------------------------------------------------------------------------------
const { files, all, fileOf, heldOutLedger: withLedger } = await readDevReports(corpus, index);
const gatedOff = all.map((item) => extractSignatures(`${item.subject}\n${item.body}`).length > 0);
// Sanity: the gate is what buildQuery sees.
all.forEach((item, i) => {
  if ((buildQuery({ subject: item.subject, body: item.body }).signatures.length > 0) !== gatedOff[i]) throw new Error(`gate differs from buildQuery for ${item.id}`);
});

interface Candidate {
  path: string;
  lexical: number;
  f: Record<Feature, number>;
}
const Which = ['plain', 'ledger'] as const;
type Which = (typeof Which)[number];
const featureMs: Record<Feature, number> = { lead: 0, whole: 0, stemmed: 0, head: 0 };
const cand: Array<Record<Which, Candidate[]>> = all.map((item) => {
  const q = queryVectors(item);
  const build = (idx: CaseIndex): Candidate[] =>
    rank(idx, { subject: item.subject, body: item.body }, { top: DEPTH, evidence: false }).map((result) => {
      const f = {} as Record<Feature, number>;
      for (const name of FEATURES) {
        const t = performance.now();
        f[name] = feature(name, q, result.doc);
        featureMs[name] += performance.now() - t;
      }
      return { path: result.path, lexical: result.score, f };
    });
  return { plain: build(index), ledger: build(withLedger(item)) };
});
console.log(`feature cost, this script's Set-based code (µs per report over ${DEPTH} candidates, wall, loaded): ${FEATURES.map((name) => `${name} ${((featureMs[name] / (2 * all.length)) * 1000).toFixed(0)}`).join(', ')}`);

function fuse(list: readonly Candidate[], name: Feature, weight: number): string[] {
  return fuseStandardised(list, list.map((c) => c.f[name]), weight);
}

interface Config {
  feature: Feature;
  weight: number;
  gated: boolean;
}
const configs: Config[] = [false, true].flatMap((gated) => FEATURES.flatMap((name) => WEIGHTS.map((weight) => ({ feature: name, weight, gated }))));
const positionOf = (i: number, config: Config, which: Which) =>
  goldPosition(all[i]!.gold, fuse(cand[i]![which], config.feature, config.gated && gatedOff[i] ? 0 : config.weight));
const rr = (position: number) => (position < 0 ? 0 : 1 / (position + 1));
const rrTable: Record<Which, number[][]> = { plain: [], ledger: [] };
for (const which of Which) rrTable[which] = configs.map((config) => all.map((_, i) => rr(positionOf(i, config, which))));

function nested(which: Which, allowed: (config: Config) => boolean): { positions: number[]; chosen: Config[] } {
  const chosen = all.map((item) => {
    let best = -Infinity;
    let bestConfig: Config | undefined;
    configs.forEach((config, c) => {
      if (!allowed(config)) return;
      const sums = [0, 0];
      const counts = [0, 0];
      all.forEach((other, j) => {
        if (other.gold.some((gold) => item.gold.includes(gold))) return;
        sums[fileOf[j]!]! += rrTable[which][c]![j]!;
        counts[fileOf[j]!]!++;
      });
      const value = sums[0]! / counts[0]! + sums[1]! / counts[1]!;
      if (value > best + 1e-9) {
        best = value;
        bestConfig = config;
      }
    });
    return bestConfig!;
  });
  return { positions: all.map((_, i) => positionOf(i, chosen[i]!, which)), chosen };
}
const tally = (list: readonly Config[]) => {
  const out: Record<string, number> = {};
  for (const c of list) out[`${c.feature}@${c.weight}`] = (out[`${c.feature}@${c.weight}`] ?? 0) + 1;
  return JSON.stringify(out);
};

const table: Array<{ name: string; positions: number[] }> = [];
for (const which of Which) {
  table.push({ name: `shipped ${which}`, positions: all.map((_, i) => positionOf(i, { feature: 'lead', weight: 0, gated: false }, which)) });
  for (const gated of [true, false]) {
    for (const name of FEATURES) {
      const result = nested(which, (c) => c.feature === name && c.gated === gated);
      table.push({ name: `${name} ${gated ? 'gated' : 'every'} ${which} (w nested)`, positions: result.positions });
      console.log(`${which} ${name} ${gated ? 'gated' : 'every'}: chosen ${tally(result.chosen)}`);
    }
    const any = nested(which, (c) => c.gated === gated);
    table.push({ name: `ANY ${gated ? 'gated' : 'every'} ${which} (feature+w nested)`, positions: any.positions });
    console.log(`${which} any ${gated ? 'gated' : 'every'}: chosen ${tally(any.chosen)}`);
  }
  for (const name of FEATURES) for (const weight of [0.1, 0.2, 0.3]) table.push({ name: `fixed ${name}@${weight} gated ${which} (reading only)`, positions: all.map((_, i) => positionOf(i, { feature: name, weight, gated: true }, which)) });
}

const columns = ['all', 'kind symptom', 'kind error-string', 'macro by article'];
for (const file of files) {
  console.log(`\n${file.name} (${file.cases.length}) — MRR@10 (R@1)`);
  console.log(`| system | ${columns.join(' | ')} |`);
  console.log(`|---|${columns.map(() => '--:').join('|')}|`);
  for (const { name, positions } of table) {
    const own = all.map((item, i) => ({ item, position: positions[i]! })).filter(({ item }) => file.cases.includes(item));
    const q: Record<string, Quality> = slices(own.map(({ item }) => item), own.map(({ position }) => position));
    console.log(`| ${name} | ${columns.map((s) => (q[s] ? `${q[s]!.mrr.toFixed(3)} (${q[s]!.r1.toFixed(2)})` : '–')).join(' | ')} |`);
  }
}
console.log(`\nreports the gate reranks (no signature): cases-dev ${files[0]!.cases.filter((item) => !gatedOff[all.indexOf(item)]).length}/${files[0]!.cases.length}, cases-dev2 ${files[1]!.cases.filter((item) => !gatedOff[all.indexOf(item)]).length}/${files[1]!.cases.length}`);
