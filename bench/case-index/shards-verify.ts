// The link-shards bench's check: one `kb link` over the whole case file, its output compared byte for byte, as it
// streams, with the merged output of the shards kept on disk. Progress is reported as it goes, so a one run cut short
// (a million cases on a shared machine) still says over how many cases the two agreed, and where they first differ.
// `npm run bench -- link-shards-verify` runs the check alone on a kept run: BENCH_SHARD_VERIFY_DIR holds its
// cases.jsonl and the shards' folder parts/ (merged here again with `kb link --merge`); the figures go into the
// `identical` entry of bench/results/link-shards.json.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../corpus-root.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const kb = path.join(repoRoot, 'packages/cli/bin/kb.js');

/** How far the one run and the merged output agree. */
export interface Comparison {
  /** Cases (output lines) of the one run compared so far, all equal to the merged output's unless `firstDifference`. */
  cases: number;
  bytes: number;
  mergedBytes: number;
  /** Byte offset of the first difference (or where one output ended before the other). */
  firstDifference?: number;
  /** The whole one run was compared and every byte agreed. */
  identical: boolean;
  done: boolean;
  ms: number;
  /** SHA-256 of the one run's output, when it is complete. */
  sha256?: string;
  cpuMs?: number;
  peakRssMb?: number;
}

/** A comparison as the `identical` entry of bench/results/link-shards.json (what `shardedLinkLines` prints). */
export function identicalEntry<Load extends object>(comparison: Comparison, cases: number, mergedSha256: string | undefined, referenceLoad?: Load) {
  return {
    cases,
    identical: comparison.identical && (mergedSha256 === undefined || comparison.sha256 === mergedSha256),
    sha256: comparison.sha256 ?? mergedSha256 ?? '',
    referenceMs: comparison.ms,
    ...(comparison.peakRssMb === undefined ? {} : { referencePeakRssMb: comparison.peakRssMb }),
    ...(comparison.cpuMs === undefined ? {} : { referenceCpuMs: comparison.cpuMs }),
    ...(referenceLoad === undefined ? {} : { referenceLoad }),
    done: comparison.done,
    comparedCases: comparison.cases,
    ...(comparison.firstDifference === undefined ? {} : { firstDifference: comparison.firstDifference }),
  };
}

/** Peak RSS of a running process (VmHWM covers every thread), MB. */
async function peakRssMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const value = status && /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return value ? Math.round(Number(value) / 1024) : undefined;
}

/** Runs `kb link` over `casesFile` and compares its output with `mergedFile` as it streams; `onProgress` every `everyMs`. */
export async function compareOneRun(
  casesFile: string,
  mergedFile: string,
  options: { articlesDir: string; cacheDir: string; onProgress?: (comparison: Comparison) => Promise<void> | void; everyMs?: number },
): Promise<Comparison> {
  const merged = await open(mergedFile, 'r');
  const mergedBytes = (await merged.stat()).size;
  const started = performance.now();
  const comparison: Comparison = { cases: 0, bytes: 0, mergedBytes, identical: false, done: false, ms: 0 };
  const hash = createHash('sha256');
  const child = spawn(process.execPath, [kb, 'link', '--articles', options.articlesDir, '--cases', casesFile, '--format', 'jsonl', '--index-cache', options.cacheDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const sampler = setInterval(() => void peakRssMb(child.pid).then((value) => value !== undefined && (comparison.peakRssMb = Math.max(comparison.peakRssMb ?? 0, value))), 1000);
  const reporter = setInterval(() => void options.onProgress?.({ ...comparison, ms: Math.round(performance.now() - started) }), options.everyMs ?? 30_000);
  const expected = Buffer.alloc(1 << 20);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (comparison.firstDifference !== undefined) continue;
      // The merged output's bytes at the same offset, read a buffer at a time.
      for (let at = 0; at < chunk.length; ) {
        const length = Math.min(expected.length, chunk.length - at);
        const { bytesRead } = await merged.read(expected, 0, length, comparison.bytes);
        const mine = chunk.subarray(at, at + length);
        const theirs = expected.subarray(0, bytesRead);
        if (bytesRead < length || !mine.equals(theirs)) {
          let offset = 0;
          while (offset < bytesRead && mine[offset] === theirs[offset]) offset++;
          comparison.firstDifference = comparison.bytes + offset;
          break;
        }
        for (let newline = mine.indexOf(10); newline !== -1; newline = mine.indexOf(10, newline + 1)) comparison.cases++;
        comparison.bytes += length;
        at += length;
      }
    }
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`kb link over ${casesFile} failed:\n${stderr}`);
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
    await merged.close();
  }
  if (comparison.firstDifference === undefined && comparison.bytes < mergedBytes) comparison.firstDifference = comparison.bytes;
  const seconds = /CPU (\d+(?:\.\d+)?) s/.exec(stderr)?.[1];
  return {
    ...comparison,
    identical: comparison.firstDifference === undefined,
    done: true,
    ms: Math.round(performance.now() - started),
    sha256: hash.digest('hex'),
    ...(seconds === undefined ? {} : { cpuMs: Math.round(Number(seconds) * 1000) }),
  };
}

/** `kb link --merge dir` into `file` (the shards' output in order, as the bench's timed merge printed it). */
export async function mergeInto(dir: string, file: string): Promise<void> {
  const child = spawn(process.execPath, [kb, 'link', '--merge', dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const out = createWriteStream(file);
  child.stdout.pipe(out);
  const [[code]] = await Promise.all([once(child, 'close') as Promise<[number | null]>, once(out, 'finish')]);
  if (code !== 0) throw new Error(`kb link --merge ${dir} failed`);
}

/** `npm run bench -- link-shards-verify`: the check alone, on a kept run (BENCH_SHARD_VERIFY_DIR). */
export async function run(): Promise<void> {
  const dir = process.env.BENCH_SHARD_VERIFY_DIR;
  if (!dir || !existsSync(path.join(dir, 'cases.jsonl')) || !existsSync(path.join(dir, 'parts'))) {
    console.error('link-shards-verify: set BENCH_SHARD_VERIFY_DIR to a folder with cases.jsonl and the shards\' folder parts/');
    process.exitCode = 2;
    return;
  }
  const resultsFile = path.join(repoRoot, 'bench/results/link-shards.json');
  const saved = existsSync(resultsFile) ? (JSON.parse(await readFile(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  const merged = path.join(dir, 'merged.jsonl');
  const mergeStarted = performance.now();
  await mergeInto(path.join(dir, 'parts'), merged);
  console.log(`merged the parts again in ${((performance.now() - mergeStarted) / 1000).toFixed(1)} s`);
  const cacheDir = path.join(dir, 'cache');
  await mkdir(cacheDir, { recursive: true });
  const loads: number[] = [];
  const record = async (comparison: Comparison) => {
    loads.push(os.loadavg()[0]!);
    const loadAverage = { min: Math.min(...loads), max: Math.max(...loads), mean: Math.round((loads.reduce((sum, value) => sum + value, 0) / loads.length) * 100) / 100, samples: loads.length };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    const cases = typeof saved.cases === 'number' ? saved.cases : comparison.cases;
    await writeFile(resultsFile, `${JSON.stringify({ ...saved, identical: { ...identicalEntry(comparison, cases, undefined, { loadAverage }), checkedAt: new Date().toISOString() } }, null, 2)}\n`);
    console.log(
      `${new Date().toISOString()}: ${comparison.cases.toLocaleString('en')} cases (${(comparison.bytes / 2 ** 20).toFixed(0)} of ${(comparison.mergedBytes / 2 ** 20).toFixed(0)} MB) compared` +
        `${comparison.firstDifference === undefined ? ', all equal' : `, FIRST DIFFERENCE at byte ${comparison.firstDifference}`}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  };
  const result = await compareOneRun(path.join(dir, 'cases.jsonl'), merged, { articlesDir: path.join(corpusRoot(), 'articles'), cacheDir, onProgress: record });
  await record(result);
  console.log(`one run over all the cases: ${result.identical ? 'byte-identical to the merged output' : 'DIFFERS'} (${(result.ms / 1000).toFixed(1)} s${result.cpuMs === undefined ? '' : `, CPU ${(result.cpuMs / 1000).toFixed(1)} s`})`);
}
