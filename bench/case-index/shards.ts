// `kb link` spread over processes (issue 17): BENCH_SHARD_CASES generated cases (default 1,000,000) cut by
// `kb link --shard i/n` into BENCH_SHARDS parts (default 4) run as separate processes at once, then `kb link --merge`.
// Reports cases/s per process and in total, each process's peak RSS, and checks the merge against one run over the
// same cases by SHA-256 of the two outputs, both hashed as they stream (nothing of the output is held in memory).
// BENCH_SHARD_CHECK_CASES checks on a prefix of that many cases instead (its own sharded run), when one run over all
// of them costs too long.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../corpus-root.ts';
import { generateCases } from './generate-cases.ts';
import { compareOneRun, identicalEntry, type Comparison } from './shards-verify.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const articlesDir = path.join(corpusRoot(), 'articles');
const kb = path.join(repoRoot, 'packages/cli/bin/kb.js');

/** One shard process's figures. */
export interface ShardFigure {
  shard: number;
  cases: number;
  ms: number;
  casesPerSecond: number;
  /** Peak resident set of the process (all its threads), MB; missing where /proc is not readable. */
  peakRssMb?: number;
  /** CPU time (user + system, every thread, start-up included) as `kb` reports it. */
  cpuMs?: number;
  /** From the start of the command until the index was open (read, hashed, loaded from the cache) — a fixed cost per process. */
  indexReadyMs?: number;
}

/** What the machine did meanwhile: the load average sampled every few seconds, and the CPU every process used (/proc/stat). */
export interface MachineLoad {
  loadAverage: { min: number; max: number; mean: number; samples: number };
  /** Busy CPU time of the whole machine over the phase, and the part of it that was not ours (busy minus our processes' CPU). */
  busyCpuMs?: number;
  othersCpuMs?: number;
}

/** The sharded run's figures, as printed and written to bench/results/link-shards.json. */
export interface ShardedLinkResult {
  cases: number;
  shards: number;
  /** Writing the generated case file (streamed). */
  generateMs?: number;
  wallMs: number;
  totalCasesPerSecond: number;
  perShard: ShardFigure[];
  mergeMs: number;
  mergeCpuMs?: number;
  mergedBytes: number;
  /** Sum of the shard processes' CPU time, and cases per CPU-second of it (what the shards cost, whatever the load). */
  cpuMs?: number;
  casesPerCpuSecond?: number;
  /** The machine during the shards' run. */
  load?: MachineLoad;
  /** `--merge` output equal, byte for byte (by SHA-256), to one `kb link` run over the same cases. */
  identical?: {
    cases: number;
    identical: boolean;
    sha256: string;
    referenceMs: number;
    referencePeakRssMb?: number;
    referenceCpuMs?: number;
    referenceLoad?: MachineLoad;
    /** While (or if cut short before) the one run is done: the cases compared so far, and the first differing byte. */
    done?: boolean;
    comparedCases?: number;
    firstDifference?: number;
  };
  /** Older results: the same check on a prefix of the file. */
  identicalOnPrefix?: { cases: number; identical: boolean };
}

/** Peak RSS of a running process (VmHWM covers every thread), read from /proc; undefined where there is none. */
async function peakRssMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : undefined;
}

/** Busy and total CPU time of the machine so far (ms), from the first line of /proc/stat; undefined where there is none. */
async function machineCpu(): Promise<{ busy: number; total: number } | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const fields = stat?.split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 8) return undefined;
  // user nice system idle iowait irq softirq steal (clock ticks of 10 ms)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy * 10, total: (busy + idle + iowait) * 10 };
}

/** Samples the load average until stopped; `stop(ourCpuMs)` also says how much of the machine's busy CPU was not ours. */
function watchMachine() {
  const samples: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 5000);
  const cpuAtStart = machineCpu();
  return async (ourCpuMs: number | undefined): Promise<MachineLoad> => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]!);
    const [before, after] = [await cpuAtStart, await machineCpu()];
    const round = (value: number) => Math.round(value * 100) / 100;
    const loadAverage = { min: round(Math.min(...samples)), max: round(Math.max(...samples)), mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length), samples: samples.length };
    if (!before || !after) return { loadAverage };
    const busyCpuMs = after.busy - before.busy;
    return { loadAverage, busyCpuMs, ...(ourCpuMs === undefined ? {} : { othersCpuMs: Math.max(0, busyCpuMs - ourCpuMs) }) };
  };
}

/** The CPU time a `kb link` summary line reports (`CPU 12.34 s`), ms. */
function reportedCpuMs(stderr: string): number | undefined {
  const seconds = /CPU (\d+(?:\.\d+)?) s/.exec(stderr)?.[1];
  return seconds === undefined ? undefined : Math.round(Number(seconds) * 1000);
}

/** Runs `kb …`, its standard output hashed as it streams (and written to `outFile`); the peak RSS is sampled until the process ends. */
function runKb(args: string[], outFile?: string): Promise<{ ms: number; stderr: string; sha256: string; bytes: number; peakRssMb?: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [kb, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = outFile ? createWriteStream(outFile) : undefined;
    out?.on('error', reject);
    const hash = createHash('sha256');
    let bytes = 0;
    let stderr = '';
    let peak: number | undefined;
    const sample = () =>
      void peakRssMb(child.pid).then((value) => {
        if (value !== undefined) peak = Math.max(peak ?? 0, value);
      });
    const timer = setInterval(sample, 500);
    child.stdout.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      if (out && !out.write(chunk)) {
        child.stdout.pause();
        out.once('drain', () => child.stdout.resume());
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`kb ${args.join(' ')} failed:\n${stderr}`));
      const done = () => resolve({ ms, stderr, sha256: hash.digest('hex'), bytes, ...(peak === undefined ? {} : { peakRssMb: peak }) });
      if (out) out.end(done);
      else done();
    });
  });
}

/** Links `file` in `shards` processes at once (one worker thread each) and merges the parts, the merge hashed as it streams (and kept in `mergedFile`). */
async function shardedLink(file: string, shards: number, work: string, cacheDir: string, mergedFile?: string): Promise<Omit<ShardedLinkResult, 'identical' | 'cases'> & { sha256: string }> {
  const dir = path.join(work, `parts-${path.basename(file)}`);
  const started = performance.now();
  const stopWatching = watchMachine();
  const runs = await Promise.all(
    Array.from({ length: shards }, (_, k) =>
      runKb(['link', '--articles', articlesDir, '--cases', file, '--format', 'jsonl', '--index-cache', cacheDir, '--jobs', '1', '--shard', `${k + 1}/${shards}`, '--shard-dir', dir]),
    ),
  );
  const wallMs = performance.now() - started;
  const perShard = runs.map(({ ms, stderr, peakRssMb: rss }, k): ShardFigure => {
    const cases = Number(/linked (\d+) case/.exec(stderr)?.[1] ?? 0);
    const cpuMs = reportedCpuMs(stderr);
    const indexReady = /index ready after (\d+(?:\.\d+)?) s/.exec(stderr)?.[1];
    return {
      shard: k + 1,
      cases,
      ms: Math.round(ms),
      casesPerSecond: Math.round(cases / (ms / 1000)),
      ...(rss === undefined ? {} : { peakRssMb: rss }),
      ...(cpuMs === undefined ? {} : { cpuMs }),
      ...(indexReady === undefined ? {} : { indexReadyMs: Math.round(Number(indexReady) * 1000) }),
    };
  });
  const cpuMs = perShard.every((shard) => shard.cpuMs !== undefined) ? perShard.reduce((sum, shard) => sum + shard.cpuMs!, 0) : undefined;
  const load = await stopWatching(cpuMs);
  const merge = await runKb(['link', '--merge', dir], mergedFile);
  const mergeCpuMs = reportedCpuMs(merge.stderr);
  // The parts are not needed once merged: a million cases' parts are gigabytes.
  await rm(dir, { recursive: true, force: true });
  const total = perShard.reduce((sum, shard) => sum + shard.cases, 0);
  return {
    shards,
    wallMs: Math.round(wallMs),
    totalCasesPerSecond: Math.round(total / (wallMs / 1000)),
    perShard,
    mergeMs: Math.round(merge.ms),
    ...(mergeCpuMs === undefined ? {} : { mergeCpuMs }),
    mergedBytes: merge.bytes,
    ...(cpuMs === undefined ? {} : { cpuMs, casesPerCpuSecond: Math.round(total / (cpuMs / 1000)) }),
    load,
    sha256: merge.sha256,
  };
}

/** One `kb link` over `file` (default worker threads), its output hashed as it streams. */
async function singleRun(file: string, cacheDir: string) {
  const stopWatching = watchMachine();
  const run = await runKb(['link', '--articles', articlesDir, '--cases', file, '--format', 'jsonl', '--index-cache', cacheDir]);
  const cpuMs = reportedCpuMs(run.stderr);
  return { ...run, cpuMs, load: await stopWatching(cpuMs) };
}

/** The reference run's figures for the result. */
function referenceFigures(single: Awaited<ReturnType<typeof singleRun>>) {
  return {
    referenceMs: Math.round(single.ms),
    ...(single.peakRssMb === undefined ? {} : { referencePeakRssMb: single.peakRssMb }),
    ...(single.cpuMs === undefined ? {} : { referenceCpuMs: single.cpuMs }),
    referenceLoad: single.load,
  };
}

/** Generates the cases, links them sharded, and checks identity with one run (over all cases, or a prefix). */
export async function benchShardedLink(
  cases = Number(process.env.BENCH_SHARD_CASES ?? 1_000_000),
  shards = Number(process.env.BENCH_SHARDS ?? 4),
  /** Called with the sharded run's figures before the (as long) reference run, and as that run is compared, so a run cut short keeps them. */
  onProgress?: (partial: ShardedLinkResult) => Promise<void>,
): Promise<ShardedLinkResult | undefined> {
  if (!existsSync(articlesDir)) return undefined;
  const work = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-shards-'));
  try {
    const cacheDir = path.join(work, 'cache');
    const file = path.join(work, 'cases.jsonl');
    const generateStarted = performance.now();
    await generateCases(articlesDir, file, cases);
    const generateMs = Math.round(performance.now() - generateStarted);
    const checkCases = Math.min(cases, Number(process.env.BENCH_SHARD_CHECK_CASES ?? cases));
    // The index is built and cached once, before anything is timed.
    await singleRun(await writeWarmCase(work), cacheDir);
    const full = checkCases === cases;
    const mergedFile = full ? path.join(work, 'merged.jsonl') : undefined;
    const { sha256, ...big } = await shardedLink(file, shards, work, cacheDir, mergedFile);
    await onProgress?.({ cases, generateMs, ...big });
    let identical: NonNullable<ShardedLinkResult['identical']>;
    if (full) {
      // Compared as it streams with the merged output on disk: a one run cut short still says how far the two agree.
      const stopWatching = watchMachine();
      const figures = (comparison: Comparison, load?: MachineLoad): NonNullable<ShardedLinkResult['identical']> => identicalEntry(comparison, cases, sha256, load);
      const comparison = await compareOneRun(file, mergedFile!, { articlesDir, cacheDir, onProgress: (partial) => onProgress?.({ cases, generateMs, ...big, identical: figures(partial) }) });
      identical = figures(comparison, await stopWatching(comparison.cpuMs));
    } else {
      // The generator is seeded: the first cases of a smaller run are the first cases of the big file.
      const prefix = path.join(work, 'prefix.jsonl');
      await generateCases(articlesDir, prefix, checkCases);
      const single = await singleRun(prefix, cacheDir);
      const small = await shardedLink(prefix, shards, work, cacheDir);
      identical = { cases: checkCases, identical: single.sha256 === small.sha256, sha256: small.sha256, ...referenceFigures(single) };
    }
    return { cases, generateMs, ...big, identical };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A one-case file, to build the index cache with before the timed runs. */
async function writeWarmCase(work: string): Promise<string> {
  const file = path.join(work, 'warm.jsonl');
  await writeFile(file, '{"id":"WARM-1","subject":"build the index cache","body":""}\n');
  return file;
}

/** The figures as lines for a bench table. */
export function shardedLinkLines(result: ShardedLinkResult): string[] {
  const check = result.identical ?? result.identicalOnPrefix;
  const rss = (value: number | undefined) => (value === undefined ? '' : `, peak RSS ${value.toLocaleString('en')} MB`);
  const cpu = (ms: number | undefined) => (ms === undefined ? '' : `, CPU ${(ms / 1000).toFixed(1)} s`);
  const machine = (load: MachineLoad | undefined) =>
    load
      ? `load average ${load.loadAverage.min.toFixed(1)}–${load.loadAverage.max.toFixed(1)} (mean ${load.loadAverage.mean.toFixed(1)})` +
        (load.othersCpuMs === undefined ? '' : `, other processes' CPU ${(load.othersCpuMs / 1000).toFixed(0)} s`)
      : '';
  const reference = result.identical;
  return [
    `kb link --shard i/${result.shards} over ${result.cases.toLocaleString('en')} generated cases, ${result.shards} processes at once (one thread each) on ${os.availableParallelism()} CPU(s): ` +
      `${(result.wallMs / 1000).toFixed(1)} s, ${result.totalCasesPerSecond.toLocaleString('en')} cases/s in total; merge ${(result.mergeMs / 1000).toFixed(1)} s${cpu(result.mergeCpuMs)} (${(result.mergedBytes / 2 ** 20).toFixed(0)} MB)` +
      (result.generateMs === undefined ? '' : `; generating the cases ${(result.generateMs / 1000).toFixed(1)} s`),
    ...(result.cpuMs === undefined ? [] : [`  shards' CPU ${(result.cpuMs / 1000).toFixed(1)} s in all = ${result.casesPerCpuSecond!.toLocaleString('en')} cases per CPU-second${result.load ? `; ${machine(result.load)}` : ''}`]),
    ...result.perShard.map(
      (shard) =>
        `  shard ${shard.shard}/${result.shards}: ${shard.cases.toLocaleString('en')} cases in ${(shard.ms / 1000).toFixed(1)} s = ${shard.casesPerSecond.toLocaleString('en')} cases/s${cpu(shard.cpuMs)}` +
        `${shard.indexReadyMs === undefined ? '' : ` (index ready after ${(shard.indexReadyMs / 1000).toFixed(1)} s)`}${rss(shard.peakRssMb)}`,
    ),
    reference && reference.done === false
      ? `  one run over the same cases under way: ${(reference.comparedCases ?? 0).toLocaleString('en')} of ${result.cases.toLocaleString('en')} cases compared, ` +
        `${reference.firstDifference === undefined ? 'all byte-identical to the merged output so far' : `FIRST DIFFERENCE at byte ${reference.firstDifference}`} (${(reference.referenceMs / 1000).toFixed(1)} s)`
      : check
      ? `  merged output byte-identical to one run over ${check.cases === result.cases ? 'the same' : `the first ${check.cases.toLocaleString('en')}`} cases: ${check.identical ? 'yes' : 'NO'}` +
        (reference
          ? ` (SHA-256 ${reference.sha256.slice(0, 16)}…; the one run took ${(reference.referenceMs / 1000).toFixed(1)} s${cpu(reference.referenceCpuMs)}${rss(reference.referencePeakRssMb)}` +
            `${reference.referenceLoad ? `, ${machine(reference.referenceLoad)}` : ''})`
          : '')
      : '  merged output not (yet) checked against one run',
  ];
}

/** `npm run bench -- link-shards`. */
export async function run(): Promise<void> {
  const save = async (result: ShardedLinkResult) => {
    await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
    await writeFile(path.join(repoRoot, 'bench/results/link-shards.json'), `${JSON.stringify({ date: new Date().toISOString(), loadAverage: os.loadavg(), ...result }, null, 2)}\n`);
  };
  let shardsShown = false;
  const result = await benchShardedLink(undefined, undefined, async (partial) => {
    if (!shardsShown) {
      shardsShown = true;
      for (const line of shardedLinkLines(partial)) console.log(line);
      console.log(`  (the one run over the same cases follows; load average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')})`);
    }
    await save(partial);
  });
  if (!result) return void console.log('link-shards: skipped, no corpus');
  for (const line of shardedLinkLines(result)) console.log(line);
  console.log(`  load average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min)`);
  await save(result);
}
