// What the overlap rerank (packages/case-index/src/rerank-overlap.ts) costs: index build time, serialised size and load
// time with and without the per-document plain words, and rank() CPU time per case with the stage off and on, on
// generated cases (noisy, many quote codes) and on the dev reports. CPU time (user + sys of this process) beside wall.
// Run: KB_CORPUS=<corpus> nice -n 10 npx node bench/case-index/overlap-cost.ts
//
// 2026-12-02 19:20 UTC, 3,152 articles, load average 14.0 on 2 cores (every figure loaded; CPU is the one to read):
//   28,217 plain words, 503,679 word entries. buildIndex CPU 4.39 → 5.47 s (+25 %); serialised JSON 4.3 → 5.4 MB
//   (+27 %); loadIndex CPU 58 → 97 ms (+66 %). rank() CPU per case, off → on: generated cases (55 % pass the gate)
//   283 → 501 µs, i.e. ~400 µs per reranked case; dev reports (30 % pass) 401 → 489 µs. Split on the generated cases
//   (separate run, load 17.6): plain words of the report ~35 µs, 50 cosines ~35 µs, keeping 155 candidates instead of
//   50 (so the candidates are those the experiment measured) ~65 µs; the rest is allocation in the stage.
// After the dense scratch for the report's words (19:52 UTC, load average 17.8–22.4): build CPU 3.49 → 4.47 s, JSON
//   4.3 → 5.4 MB, load CPU 49 → 92 ms; rank() CPU per case off → on: generated 282 → 404 µs (~220 µs per reranked
//   case), dev reports 327 → 448 µs (73 reports, the noisiest figure). Wall times at this load are not comparable.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildIndex, buildQuery, DEFAULT_OVERLAP_WEIGHT, loadIndex, parseDocumentSources, rank, readDocumentSources, serializeIndex } from '@nimbus/case-index';
import { corpusRoot } from '../corpus-root.ts';
import { generateCases } from './generate-cases.ts';
import { readLabeledCases } from './labeled.ts';

const corpus = process.env.KB_CORPUS ?? corpusRoot();
const articlesDir = path.join(corpus, 'articles');
const RUNS = 3;

/** Wall and CPU milliseconds of `run`, the median of RUNS. */
function timed(run: () => void): { wall: number; cpu: number } {
  const samples = Array.from({ length: RUNS }, () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    run();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  });
  samples.sort((a, b) => a.cpu - b.cpu);
  return samples[Math.floor(RUNS / 2)]!;
}

const documents = (await parseDocumentSources(await readDocumentSources(articlesDir))).documents;
let withWords = buildIndex(documents);
let without = buildIndex(documents, { overlap: false });
const buildWith = timed(() => (withWords = buildIndex(documents)));
const buildWithout = timed(() => (without = buildIndex(documents, { overlap: false })));
const jsonWith = JSON.stringify(serializeIndex(withWords));
const jsonWithout = JSON.stringify(serializeIndex(without));
const loadWith = timed(() => loadIndex(jsonWith));
const loadWithout = timed(() => loadIndex(jsonWithout));
const words = withWords.overlap!;
console.log(`articles ${documents.length}; plain words ${words.words.length.toLocaleString('en')}, word entries ${words.docWords.length.toLocaleString('en')}`);
console.log(`| | without plain words | with | change |`);
console.log(`|---|--:|--:|--:|`);
const row = (name: string, a: number, b: number, unit: string) => console.log(`| ${name} | ${a.toFixed(1)} ${unit} | ${b.toFixed(1)} ${unit} | ${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)} % |`);
row('buildIndex, CPU', buildWithout.cpu, buildWith.cpu, 'ms');
row('buildIndex, wall', buildWithout.wall, buildWith.wall, 'ms');
row('serialised JSON', jsonWithout.length / 1e6, jsonWith.length / 1e6, 'MB');
row('loadIndex, CPU', loadWithout.cpu, loadWith.cpu, 'ms');
row('loadIndex, wall', loadWithout.wall, loadWith.wall, 'ms');

const temp = await mkdtemp(path.join(os.tmpdir(), 'kb-overlap-'));
try {
  const casesFile = path.join(temp, 'cases.jsonl');
  await generateCases(articlesDir, casesFile, 5000);
  const generated = (await readFile(casesFile, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { subject: string; body: string });
  const dev = (await Promise.all(['cases-dev.jsonl', 'cases-dev2.jsonl'].map((name) => readLabeledCases(path.join(corpus, name))))).flat();
  const sets = {
    'generated (5,000)': generated,
    'dev reports (73)': dev.map((item) => ({ subject: item.subject, body: item.body })),
  };
  console.log(`\n| cases | reranked by the gate | rank() µs/case CPU (wall), off | on (w ${DEFAULT_OVERLAP_WEIGHT}) | stage µs per reranked case, CPU |`);
  console.log(`|---|--:|--:|--:|--:|`);
  for (const [name, list] of Object.entries(sets)) {
    const gated = list.filter((item) => buildQuery(item).signatures.length === 0).length;
    // Same options as `kb link --format jsonl` (no evidence).
    const off = timed(() => list.forEach((item) => rank(withWords, item, { top: 10, evidence: false })));
    const on = timed(() => list.forEach((item) => rank(withWords, item, { top: 10, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT })));
    const per = (ms: number) => (ms * 1000) / list.length;
    const stage = gated > 0 ? ((on.cpu - off.cpu) * 1000) / gated : 0;
    console.log(`| ${name} | ${gated} (${Math.round((100 * gated) / list.length)} %) | ${per(off.cpu).toFixed(0)} (${per(off.wall).toFixed(0)}) | ${per(on.cpu).toFixed(0)} (${per(on.wall).toFixed(0)}) | ${stage.toFixed(0)} |`);
  }
} finally {
  await rm(temp, { recursive: true, force: true });
}
console.log(`\nload average: ${os.loadavg().map((value) => value.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
