// PRE-REGISTERED EXPERIMENT (issue 13, symptom-only reports): pseudo-relevance feedback (RM3) — the words of the first
// ranking's best articles added to the report's query. Written and committed BEFORE this script was first run; the
// figures are appended below the registration afterwards and the registration is not edited.
//
// Why this mechanism: bench/case-index/miss-classes.ts on the shipped ranking (ledger LOAO + overlap rerank), the 16
// symptom-only reports of cases-dev2: 7 first, 9 misses. Multi-label classes of the misses: vocabulary gap 8 (the gold
// article holds 12–29 % of the report's plain-word idf mass, where the hits' gold articles hold 24–58 %; the first
// result holds about as much as the gold article), top-5 not 1 3, head silent 1, near-duplicate 0 (no candidate
// above the gold article shares ≥ 0.5 of its words), non-English 0; primary: vocabulary gap 6, top-5 not 1 3. On
// cases-dev (error-string) 8 misses: top-5 not 1 5, vocabulary gap 6, non-English 2. The largest class is the
// vocabulary gap; of the candidates not yet tried, query-specific feedback is the one aimed at it (the KB-wide term
// associations were tried and stay off). What was looked at before registering: only that diagnosis (and the
// package's unit test on its own fixtures); no dev report has been ranked with feedback.
//
// === REGISTRATION ===
// Stage (packages/case-index/src/feedback.ts, rank() options feedback*, as committed with this file): the first
//   ranking is the shipped one (rank with overlapWeight = DEFAULT_OVERLAP_WEIGHT, deduplicated, ledger as the row
//   says); its best k results are the feedback documents, weighted w_d = score_d / Σ score. Relevance model over the
//   index's word terms (letters only, ≥ 3, in ≤ maxPostings articles): P(t|R) = Σ_d w_d · impact(t,d) / Σ_t' impact(t',d)
//   (impact = the index's BM25F impact); selection "rm" by P(t|R), "rm-idf" by P(t|R) · idf(t). The first m candidates
//   the query does not hold are added; they share λ / (1 − λ) of the query's own word weight in proportion to their
//   values (RM3's interpolation), rank like expansions (never explained, never evidence, no coordination), and the
//   second ranking is otherwise the shipped one (coordination, title boost, overlap rerank on).
// Gate: "gated" = only reports whose query holds no error signature (as the overlap rerank); "every" = every report.
// Grid (144 configurations + off): gate ∈ {gated, every} × select ∈ {rm, rm-idf} × k ∈ {3, 5, 10} × m ∈ {5, 10, 20}
//   × λ ∈ {0.1, 0.2, 0.3, 0.5}. Grid order: off first, then gate, select, k, m, λ in the order written.
// Rows: "plain" = index of the articles; "ledger" = the same index with the ledger learned from every dev report
//   sharing no gold article with the report (readDevReports().heldOutLedger), as quality.ts's LOAO row.
// Nested LOAO: for each report, the configuration with the highest (MRR@10 on cases-dev + MRR@10 on cases-dev2) over
//   the reports sharing no gold article with it (ledger rows), first of ties in grid order; then applied to it.
//   Reported: "ANY" (every configuration and off), "ANY gated" (gated ones and off), plain and ledger; per file, per
//   kind, macro by article, not English; and how often each configuration was chosen. Fixed rows for reading only.
// Success criterion (fixed now), on the "ANY" row with the ledger: cases-dev2 symptom MRR@10 ≥ shipped + 0.03 (one of
//   16 reports moving from second to first is +0.031; less is within noise), AND cases-dev MRR@10 ≥ shipped, AND
//   cases-dev2 error-string MRR@10 ≥ shipped (figures to three decimals). If it holds, the shipped configuration is
//   the one the nested procedure picks most often, its nested figures the honest estimate, and it ships default on in
//   `kb link` only if throughput stays ≥ 2,000 cases/s. If it fails, the stage stays opt-in (rank default off).
// Also printed: rank() CPU per dev report, off and with the most chosen configuration.
// === END OF REGISTRATION ===
//
// RESULT (first and only run of the registered grid, 2026-12-03 01:05 UTC, 3,152 articles, 45 + 28 reports, load
// average 4.7 on 2 cores, 22.4 s wall, 21.9 s CPU; MRR@10, R@1 in brackets).
//   | system (ledger = LOAO with the ledger)    | dev all      | dev2 all     | dev2 symptom | dev2 error-string | dev2 macro |
//   | off = shipped, ledger                     | 0.869 (0.82) | 0.699 (0.64) | 0.505 (0.44) | 0.958 (0.92)      | 0.720      |
//   | ANY, ledger (nested, 145 ways)            | 0.857 (0.80) | 0.689 (0.64) | 0.486 (0.44) | 0.958 (0.92)      | 0.713      |
//   | ANY gated, ledger (nested, 73 ways)       | 0.869 (0.82) | 0.689 (0.64) | 0.486 (0.44) | 0.958 (0.92)      | 0.714      |
//   | gated rm k5 m10 λ0.2, ledger (fixed)      | 0.869 (0.82) | 0.689 (0.64) | 0.486 (0.44) | 0.958 (0.92)      | 0.714      |
//   | gated rm-idf k5 m10 λ0.2, ledger (fixed)  | 0.865 (0.82) | 0.693 (0.64) | 0.495 (0.44) | 0.958 (0.92)      | 0.717      |
//   | every rm k5 m10 λ0.2, ledger (fixed)      | 0.854 (0.80) | 0.686 (0.64) | 0.481 (0.44) | 0.958 (0.92)      | 0.712      |
//   | every rm-idf k5 m10 λ0.2, ledger (fixed)  | 0.786 (0.69) | 0.665 (0.61) | 0.486 (0.44) | 0.903 (0.83)      | 0.701      |
//   Plain (no ledger): off 0.891 / 0.717 (symptom 0.505, error-string 1.000); ANY 0.874 / 0.707 (0.486, 1.000); ANY
//   gated 0.891 / 0.704 (0.482, 1.000). Not English, ledger: off dev 0.563, dev2 0.875; ANY dev 0.563, dev2 0.875.
//   Nested choices: ANY picked "every rm k10 m20 λ0.1" for 69 of 73 reports ("every rm k3 m5 λ0.2" 2, off 2) — a
//   choice made by cases-dev (0.869 → 0.883 in-sample for that configuration) that does not hold out (0.857 nested);
//   ANY gated picked off for 70 of 73 ("gated rm k10 m10 λ0.3" 3).
//   Over the whole grid (144 configurations, ledger) no configuration raises dev2 symptom above 0.505: the best equal
//   it (4, all k3, λ0.1–0.2, gated or m20), the rest are below (0.446–0.502 among those that keep cases-dev ≥ 0.869
//   and error-string ≥ 0.958). rank() CPU per dev report (loaded): off 271 µs, the most chosen configuration 749 µs.
// Decision (by the registered rule): FAILS — symptom 0.505 → 0.486 (−0.019, not ≥ +0.03), cases-dev 0.869 → 0.857.
// The stage stays opt-in (rank's feedback* options, default off); `kb link` does not use it.
// Reading: feedback can only help when the first ranking's best articles are about the right problem. For 6 of the 9
// symptom misses the gold article is at 23 or below (23 to beyond 50) in the first ranking, so the feedback documents
// are the wrong neighbourhood and their words pull the query further into it (topic drift); for the 3 misses at 2–4
// the wrong first result feeds its own words too, and none moved up. The vocabulary gap of these reports is not closed
// by the knowledge base's own co-occurrence, global (term associations, tried before) or local (this).
//
// Run: KB_CORPUS=<corpus> nice -n 10 npx node bench/case-index/feedback-experiment.ts
import path from 'node:path';
import {
  buildIndex,
  DEFAULT_OVERLAP_WEIGHT,
  parseDocumentSources,
  rank,
  readDocumentSources,
  type CaseIndex,
  type FeedbackSelect,
  type RankOptions,
} from '@nimbus/case-index';
import { corpusRoot } from '../corpus-root.ts';
import { goldPosition, readDevReports, slices } from './labeled.ts';

const corpus = process.env.KB_CORPUS ?? corpusRoot();
const documents = (await parseDocumentSources(await readDocumentSources(path.join(corpus, 'articles')))).documents;
const index = buildIndex(documents);
const { files, all, fileOf, heldOutLedger } = await readDevReports(corpus, index);
const ledgers = all.map(heldOutLedger);

interface Config {
  name: string;
  gated: boolean;
  options: RankOptions;
}
const configs: Config[] = [{ name: 'off', gated: true, options: {} }];
for (const gate of ['gated', 'every'] as const)
  for (const select of ['rm', 'rm-idf'] as FeedbackSelect[])
    for (const k of [3, 5, 10])
      for (const m of [5, 10, 20])
        for (const lambda of [0.1, 0.2, 0.3, 0.5])
          configs.push({
            name: `${gate} ${select} k${k} m${m} λ${lambda}`,
            gated: gate === 'gated',
            options: { feedbackWeight: lambda, feedbackDocs: k, feedbackTerms: m, feedbackSelect: select, feedbackGate: gate === 'gated' ? 'no-signature' : 'every' },
          });

const Which = ['plain', 'ledger'] as const;
const positions: Record<string, number[]> = {};
const run = (config: Config, which: (typeof Which)[number]) =>
  all.map((item, i) => {
    const idx: CaseIndex = which === 'plain' ? index : ledgers[i]!;
    const results = rank(idx, { subject: item.subject, body: item.body }, { top: 10, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT, ...config.options });
    return goldPosition(item.gold, results.map((r) => r.path));
  });
for (const which of Which) for (const config of configs) positions[`${config.name} ${which}`] = run(config, which);

const rr = (position: number) => (position < 0 ? 0 : 1 / (position + 1));
const tallies: Record<string, Record<string, number>> = {};
for (const [rowName, pool] of [
  ['ANY', configs],
  ['ANY gated', configs.filter((config) => config.gated)],
] as const) {
  const chosen = all.map((item) => {
    let best = -Infinity;
    let bestConfig = pool[0]!;
    for (const config of pool) {
      const sums = [0, 0];
      const counts = [0, 0];
      all.forEach((other, j) => {
        if (other.gold.some((gold) => item.gold.includes(gold))) return;
        sums[fileOf[j]!]! += rr(positions[`${config.name} ledger`]![j]!);
        counts[fileOf[j]!]!++;
      });
      const value = sums[0]! / counts[0]! + sums[1]! / counts[1]!;
      if (value > best + 1e-9) {
        best = value;
        bestConfig = config;
      }
    }
    return bestConfig;
  });
  const tally: Record<string, number> = {};
  for (const config of chosen) tally[config.name] = (tally[config.name] ?? 0) + 1;
  tallies[rowName] = tally;
  console.log(`nested choices (${rowName}): ${JSON.stringify(tally)}`);
  for (const which of Which) positions[`${rowName} ${which} (nested)`] = all.map((_, i) => positions[`${chosen[i]!.name} ${which}`]![i]!);
}

const columns = ['all', 'kind symptom', 'kind error-string', 'macro by article', 'not English'];
const shown = (name: string) => name.startsWith('off ') || name.startsWith('ANY') || / k5 m10 λ0\.(2|3) /.test(`${name.replace(/ (plain|ledger)$/, '')} `);
for (const file of files) {
  console.log(`\n${file.name} (${file.cases.length}) — MRR@10 (R@1)`);
  console.log(`| system | ${columns.join(' | ')} |`);
  console.log(`|---|${columns.map(() => '--:').join('|')}|`);
  for (const [name, list] of Object.entries(positions)) {
    if (!shown(name)) continue;
    const own = all.map((item, i) => ({ item, position: list[i]! })).filter(({ item }) => file.cases.includes(item));
    const q = slices(own.map(({ item }) => item), own.map(({ position }) => position));
    console.log(`| ${name} | ${columns.map((s) => (q[s] ? `${q[s]!.mrr.toFixed(3)} (${q[s]!.r1.toFixed(2)})` : '–')).join(' | ')} |`);
  }
}

// The whole grid, ledger rows, for reading only (never a choice): cases-dev all / cases-dev2 symptom / error-string.
console.log('\nGrid (ledger): cases-dev MRR@10 / cases-dev2 symptom / cases-dev2 error-string');
const mrrOf = (list: number[], keep: (i: number) => boolean) => {
  const picked = list.filter((_, i) => keep(i));
  return picked.reduce((sum, position) => sum + rr(position), 0) / Math.max(1, picked.length);
};
for (const config of configs) {
  const list = positions[`${config.name} ledger`]!;
  console.log(
    `${config.name}: ${mrrOf(list, (i) => fileOf[i] === 0).toFixed(3)} / ${mrrOf(list, (i) => fileOf[i] === 1 && all[i]!.kind === 'symptom').toFixed(3)} / ${mrrOf(list, (i) => fileOf[i] === 1 && all[i]!.kind === 'error-string').toFixed(3)}`,
  );
}

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const mostChosen = Object.entries(tallies['ANY']!).sort((a, b) => b[1] - a[1])[0]![0];
for (const config of [configs[0]!, configs.find((c) => c.name === mostChosen)!]) {
  const started = cpu();
  for (let round = 0; round < 20; round++) for (const item of all) rank(index, { subject: item.subject, body: item.body }, { top: 10, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT, ...config.options });
  console.log(`rank() CPU per dev report, ${config.name}: ${(((cpu() - started) / (20 * all.length)) * 1000).toFixed(0)} µs`);
}
