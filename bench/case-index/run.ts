// Benchmark of the case–article index against plain BM25 and MiniSearch, on the real corpus beside the repository
// (../shared/corpus, or KB_CORPUS): quality on both labeled dev files, plain and leave-one-article-out, per kind and
// method and macro by gold article; confidence calibration; the ledger time split on the sample cases; index build time
// and peak memory; and `kb link` throughput on 20,000 generated cases with the index load included. Prints tables,
// writes bench/results/case-index.json.

import { spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rank, serializeIndex, loadIndex } from '@nimbus/case-index';
import { generateCases } from './generate-cases.ts';
import { formatLedgerSplit, measureLedgerSplit } from './ledger-split.ts';
import { formatCalibration, formatQuality, measureCalibration, measureQuality, prepareQuality } from './quality.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const corpus = process.env.KB_CORPUS ? path.resolve(process.env.KB_CORPUS) : path.resolve(repoRoot, '../shared/corpus');
const articlesDir = path.join(corpus, 'articles');
const devCases = path.join(corpus, 'cases-dev.jsonl');
const resultsFile = path.join(repoRoot, 'bench/results/case-index.json');
const kb = path.join(repoRoot, 'packages/cli/bin/kb.js');
const RUNS = 3;
const LINK_CASES = 20_000;
// MiniSearch answers a long case in milliseconds, not microseconds: its throughput is measured on the first cases only.
const BASELINE_LINK_CASES = Number(process.env.BENCH_BASELINE_LINK_CASES ?? 1_000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface ChildResult {
  ms: number;
  maxRssKb: number;
  [key: string]: unknown;
}

/** Runs `node bench/case-index/child.ts …` in a fresh process and returns its JSON line. */
function child(args: string[]): ChildResult {
  const result = spawnSync(process.execPath, [path.join(here, 'child.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`child ${args[0]} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** CPU time (user + system, ms) of this process's finished children, from /proc (Linux); undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  const stat = (() => {
    try {
      return readFileSync('/proc/self/stat', 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (!stat) return undefined;
  // Fields after the command name (which may hold spaces): state is field 3, cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
}
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Wall and CPU time of `kb link … --format jsonl` in a fresh process (start, index load and workers included), output discarded. */
function timeKbLink(cases: string, cacheDir: string): { ms: number; cpuMs?: number } {
  const devNull = openSync('/dev/null', 'w');
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, [kb, 'link', '--articles', articlesDir, '--cases', cases, '--format', 'jsonl', '--index-cache', cacheDir], {
    cwd: repoRoot,
    stdio: ['ignore', devNull, 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  closeSync(devNull);
  if (result.status !== 0) throw new Error(`kb link failed: ${result.stderr}`);
  return { ms, ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMs: cpuAfter - cpuBefore } : {}) };
}

export async function run(): Promise<void> {
  if (!existsSync(articlesDir) || !existsSync(devCases)) {
    console.log(`case-index: skipped — the corpus is not at ${corpus} (expected articles/ and cases-dev.jsonl beside the repository)`);
    return;
  }
  const temp = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-'));
  try {
    console.log('case-index: measuring quality on the dev cases …');
    const context = await prepareQuality(corpus);
    const { index } = context;
    const qualityResults = measureQuality(context);
    const calibration = measureCalibration(context);
    const ledgerSplit = await measureLedgerSplit(path.join(repoRoot, 'content'));
    const cases = context.files.flatMap((file) => file.cases);

    console.log(`case-index: index build time and peak memory (${RUNS} runs each, fresh processes) …`);
    const builds = Array.from({ length: RUNS }, () => child(['build', articlesDir]));
    const baselineBuilds = Array.from({ length: RUNS }, () => child(['build-baseline', articlesDir]));

    const serialized = JSON.stringify(serializeIndex(index));
    const loads = Array.from({ length: RUNS }, () => {
      const started = performance.now();
      loadIndex(serialized);
      return performance.now() - started;
    });

    console.log(`case-index: kb link on ${LINK_CASES.toLocaleString('en')} generated cases …`);
    const casesFile = path.join(temp, 'cases.jsonl');
    await generateCases(articlesDir, casesFile, LINK_CASES);
    // rank() alone, in this process, without (the default) and with the learned expansion: what expansion would cost.
    const rankCases = (await readFile(casesFile, 'utf8')).split('\n').filter(Boolean).slice(0, 5000).map((line) => JSON.parse(line) as { subject: string; body: string });
    const rankRate = (options: { expansionWeight?: number }) =>
      median(
        Array.from({ length: RUNS }, () => {
          const started = performance.now();
          for (const item of rankCases) rank(index, item, { top: 10, evidence: false, ...options });
          return rankCases.length / ((performance.now() - started) / 1000);
        }),
      );
    const rankWith = rankRate({ expansionWeight: 0.3 });
    const rankWithout = rankRate({});
    const cacheDir = path.join(temp, 'cache');
    const cold = timeKbLink(casesFile, cacheDir).ms;
    const warmRuns = Array.from({ length: RUNS }, () => timeKbLink(casesFile, cacheDir));
    const warm = warmRuns.map((item) => item.ms);
    const cpus = warmRuns.flatMap((item) => (item.cpuMs === undefined ? [] : [item.cpuMs]));
    const linkCpuMs = cpus.length === warmRuns.length ? median(cpus) : undefined;
    const baselineJson = path.join(temp, 'minisearch.json');
    child(['save-baseline', articlesDir, baselineJson]);
    const baselineCasesFile = path.join(temp, 'baseline-cases.jsonl');
    const firstCases = (await readFile(casesFile, 'utf8')).split('\n').slice(0, BASELINE_LINK_CASES);
    await writeFile(baselineCasesFile, `${firstCases.join('\n')}\n`);
    const baselineLinks = Array.from({ length: RUNS }, () => {
      const started = performance.now();
      child(['link-baseline', baselineJson, baselineCasesFile]);
      return performance.now() - started;
    });

    const buildMs = median(builds.map((item) => item.ms));
    const baselineBuildMs = median(baselineBuilds.map((item) => item.ms));
    const buildRssMb = median(builds.map((item) => item.maxRssKb)) / 1024;
    const baselineRssMb = median(baselineBuilds.map((item) => item.maxRssKb)) / 1024;
    const linkMs = median(warm);
    const baselineLinkMs = median(baselineLinks);
    const results = {
      date: new Date().toISOString(),
      environment: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
      corpus: { articles: index.docs.length, devCases: cases.length, linkCases: LINK_CASES },
      quality: qualityResults.map(({ file, cases: n, systems }) => ({ file, cases: n, systems })),
      calibration,
      ledgerSplit,
      build: {
        caseIndex: { medianMs: Math.round(buildMs), peakRssMb: Math.round(buildRssMb), runs: builds.map((item) => Math.round(item.ms)) },
        miniSearch: { medianMs: Math.round(baselineBuildMs), peakRssMb: Math.round(baselineRssMb), runs: baselineBuilds.map((item) => Math.round(item.ms)) },
      },
      index: { serializedBytes: Buffer.byteLength(serialized), baselineSerializedBytes: (await stat(baselineJson)).size, loadMedianMs: Math.round(median(loads)) },
      link: {
        caseIndex: {
          medianMs: Math.round(linkMs),
          casesPerSecond: Math.round(LINK_CASES / (linkMs / 1000)),
          ...(linkCpuMs === undefined ? {} : { medianCpuMs: Math.round(linkCpuMs), casesPerCpuSecond: Math.round(LINK_CASES / (linkCpuMs / 1000)), cpuRuns: cpus.map(Math.round) }),
          coldMs: Math.round(cold),
          runs: warm.map(Math.round),
          loadAverage: os.loadavg()[0],
        },
        rankOnly: { cases: rankCases.length, withExpansion: Math.round(rankWith), withoutExpansion: Math.round(rankWithout) },
        miniSearch: {
          cases: BASELINE_LINK_CASES,
          medianMs: Math.round(baselineLinkMs),
          casesPerSecond: Math.round(BASELINE_LINK_CASES / (baselineLinkMs / 1000)),
          runs: baselineLinks.map(Math.round),
        },
      },
    };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

    console.log(formatQuality(qualityResults));
    console.log(formatCalibration(calibration));
    console.log(formatLedgerSplit(ledgerSplit));
    const rows: Array<[string, string, string]> = [
      [`index build, ${index.docs.length} articles (median of ${RUNS})`, `${(buildMs / 1000).toFixed(2)} s`, `${(baselineBuildMs / 1000).toFixed(2)} s`],
      ['peak RSS of the build process', `${Math.round(buildRssMb)} MB`, `${Math.round(baselineRssMb)} MB`],
      ['serialized index', `${(results.index.serializedBytes / 1e6).toFixed(1)} MB`, `${(results.index.baselineSerializedBytes / 1e6).toFixed(1)} MB`],
      [
        'link: wall time, index load included (median)',
        `${(linkMs / 1000).toFixed(2)} s / ${LINK_CASES.toLocaleString('en')} cases`,
        `${(baselineLinkMs / 1000).toFixed(2)} s / ${BASELINE_LINK_CASES.toLocaleString('en')} cases`,
      ],
      ['link: cases per second', String(results.link.caseIndex.casesPerSecond), String(results.link.miniSearch.casesPerSecond)],
      ['rank() alone, cases per second (expansion 0.3 / default, none)', `${Math.round(rankWith)} / ${Math.round(rankWithout)}`, '—'],
    ];
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length), ['metric', 'case-index', 'MiniSearch BM25'][column]!.length));
    const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
    console.log('');
    console.log(line(['metric', 'case-index', 'MiniSearch BM25']));
    console.log(`|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
    for (const row of rows) console.log(line(row));
    console.log('');
    console.log(`kb link cold run (index built and cached first): ${(cold / 1000).toFixed(2)} s; index load from JSON: ${results.index.loadMedianMs} ms`);
    // Issue 13's throughput target, in its own words: wall clock of the whole `kb link` process (start, index load from
    // the cache, worker threads), and the same per CPU-second, which a shared machine distorts less.
    console.log(
      `kb link throughput end to end at ${index.docs.length.toLocaleString('en')} articles: ${results.link.caseIndex.casesPerSecond.toLocaleString('en')} cases/s ` +
        `(${LINK_CASES.toLocaleString('en')} generated cases, median of ${RUNS} runs, ${(linkMs / 1000).toFixed(2)} s wall)` +
        (linkCpuMs === undefined ? '' : `; ${Math.round(LINK_CASES / (linkCpuMs / 1000)).toLocaleString('en')} cases per CPU-second (${(linkCpuMs / 1000).toFixed(2)} s user+sys)`) +
        `; target ≥ 2,000 cases/s`,
    );
    console.log(`${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(1)} at the end (a shared machine slows every figure alike), Node ${process.version}. Results: ${path.relative(process.cwd(), resultsFile)}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
