// `kb link` spread over processes (issue 17): BENCH_SHARD_CASES generated cases (default 1,000,000) cut by
// `kb link --shard i/n` into BENCH_SHARDS parts (default 4) run as separate processes at once, then `kb link --merge`.
// Reports cases/s per process and in total, and checks the merge against a single run on a prefix of the file.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../corpus-root.ts';
import { generateCases } from './generate-cases.ts';

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
}

/** The sharded run's figures, as printed and written to bench/results/link-shards.json. */
export interface ShardedLinkResult {
  cases: number;
  shards: number;
  wallMs: number;
  totalCasesPerSecond: number;
  perShard: ShardFigure[];
  mergeMs: number;
  mergedBytes: number;
  /** `--merge` output equal, byte for byte, to one run over the same prefix of the file. */
  identicalOnPrefix: { cases: number; identical: boolean };
}

function runShard(args: string[]): Promise<{ ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [kb, ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started, stderr }) : reject(new Error(`kb ${args.join(' ')} failed:\n${stderr}`))));
  });
}

/** Links `file` in `shards` processes at once (one worker thread each) and merges the parts. */
async function shardedLink(file: string, shards: number, work: string, cacheDir: string): Promise<Omit<ShardedLinkResult, 'identicalOnPrefix' | 'cases'> & { mergedFile: string }> {
  const dir = path.join(work, `parts-${path.basename(file)}`);
  const started = performance.now();
  const runs = await Promise.all(
    Array.from({ length: shards }, (_, k) =>
      runShard(['link', '--articles', articlesDir, '--cases', file, '--format', 'jsonl', '--index-cache', cacheDir, '--jobs', '1', '--shard', `${k + 1}/${shards}`, '--shard-dir', dir]),
    ),
  );
  const wallMs = performance.now() - started;
  const perShard = runs.map(({ ms, stderr }, k) => {
    const cases = Number(/linked (\d+) case/.exec(stderr)?.[1] ?? 0);
    return { shard: k + 1, cases, ms: Math.round(ms), casesPerSecond: Math.round(cases / (ms / 1000)) };
  });
  const mergedFile = path.join(work, `merged-${path.basename(file)}`);
  const out = openSync(mergedFile, 'w');
  const mergeStarted = performance.now();
  const merge = spawnSync(process.execPath, [kb, 'link', '--merge', dir], { cwd: repoRoot, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  closeSync(out);
  if (merge.status !== 0) throw new Error(`kb link --merge failed: ${merge.stderr}`);
  const total = perShard.reduce((sum, shard) => sum + shard.cases, 0);
  return { shards, wallMs: Math.round(wallMs), totalCasesPerSecond: Math.round(total / (wallMs / 1000)), perShard, mergeMs: Math.round(performance.now() - mergeStarted), mergedBytes: (await stat(mergedFile)).size, mergedFile };
}

/** Generates the cases, links them sharded, and checks identity with one run on a prefix. */
export async function benchShardedLink(cases = Number(process.env.BENCH_SHARD_CASES ?? 1_000_000), shards = Number(process.env.BENCH_SHARDS ?? 4)): Promise<ShardedLinkResult | undefined> {
  if (!existsSync(articlesDir)) return undefined;
  const work = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-shards-'));
  try {
    const cacheDir = path.join(work, 'cache');
    const file = path.join(work, 'cases.jsonl');
    await generateCases(articlesDir, file, cases);
    // Identity first, on a prefix small enough for one process: the same split and merge as the big run.
    const prefixCases = Math.min(cases, Number(process.env.BENCH_SHARD_CHECK_CASES ?? 20_000));
    const prefix = path.join(work, 'prefix.jsonl');
    // The generator is seeded: the first cases of a smaller run are the first cases of the big file.
    await generateCases(articlesDir, prefix, prefixCases);
    const single = spawnSync(process.execPath, [kb, 'link', '--articles', articlesDir, '--cases', prefix, '--format', 'jsonl', '--index-cache', cacheDir], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (single.status !== 0) throw new Error(`kb link failed: ${single.stderr}`);
    const small = await shardedLink(prefix, shards, work, cacheDir);
    const identical = (await readFile(small.mergedFile, 'utf8')) === single.stdout;
    const { mergedFile: _merged, ...big } = await shardedLink(file, shards, work, cacheDir);
    return { cases, ...big, identicalOnPrefix: { cases: prefixCases, identical } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The figures as lines for a bench table. */
export function shardedLinkLines(result: ShardedLinkResult): string[] {
  return [
    `kb link --shard i/${result.shards} over ${result.cases.toLocaleString('en')} generated cases, ${result.shards} processes at once (one thread each) on ${os.availableParallelism()} CPU(s): ` +
      `${(result.wallMs / 1000).toFixed(1)} s, ${result.totalCasesPerSecond.toLocaleString('en')} cases/s in total; merge ${(result.mergeMs / 1000).toFixed(1)} s (${(result.mergedBytes / 2 ** 20).toFixed(0)} MB)`,
    ...result.perShard.map((shard) => `  shard ${shard.shard}/${result.shards}: ${shard.cases.toLocaleString('en')} cases in ${(shard.ms / 1000).toFixed(1)} s = ${shard.casesPerSecond.toLocaleString('en')} cases/s`),
    `  merged output byte-identical to one run on the first ${result.identicalOnPrefix.cases.toLocaleString('en')} cases: ${result.identicalOnPrefix.identical ? 'yes' : 'NO'}`,
  ];
}

/** `npm run bench -- link-shards`. */
export async function run(): Promise<void> {
  const result = await benchShardedLink();
  if (!result) return void console.log('link-shards: skipped, no corpus');
  for (const line of shardedLinkLines(result)) console.log(line);
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/link-shards.json'), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
}
