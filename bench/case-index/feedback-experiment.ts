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
