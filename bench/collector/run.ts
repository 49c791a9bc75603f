// `npm run bench -- collector`: the event collector under open-loop load on loopback — 2,500 events/s in batches of
// 5 for BENCH_COLLECTOR_SECONDS (default 60) — beside a bare node:http + node:sqlite server (one commit per request,
// no validation) under the same load. Then counts what the store holds: every acknowledged event must be there.
// With BENCH_COLLECTOR_POSTGRES_URL (a server's admin URL) the collector also runs on a fresh PostgreSQL database.
// Prints a table, writes bench/results/collector.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runLoad, type LoadResult } from './load.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsFile = path.join(repoRoot, 'bench/results/collector.json');
const SECONDS = Number(process.env.BENCH_COLLECTOR_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_COLLECTOR_RATE ?? 2500);
const BATCH = 5;

/** Starts a server process and resolves with its URL once it prints it. */
async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Which of the acknowledged ids the SQLite file does not hold. */
function missingIds(file: string, ids: string[]): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const stored = new Set((db.prepare('select id from events').all() as Array<{ id: string }>).map((row) => row.id));
    return ids.filter((id) => !stored.has(id)).length;
  } finally {
    db.close();
  }
}

/** Runs the collector on a new database of the PostgreSQL server at `admin`; drops it afterwards. */
async function loadOnPostgres(admin: string, load: (url: string, label: string) => Promise<LoadResult>): Promise<LoadResult & { lost: number }> {
  const database = `kb_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${database}`);
  const url = new URL(admin);
  url.pathname = `/${database}`;
  try {
    const collector = await startServer([path.join(repoRoot, 'apps/collector/src/main.ts')], { KB_EVENTS_DATABASE_URL: url.href, KB_COLLECTOR_PORT: '0', KB_EVENTS_READ_TOKEN: '', KB_EVENTS_RATE_LIMIT: '100000000' });
    console.log(`collector on PostgreSQL: ${RATE} events/s offered for ${SECONDS} s …`);
    const result = await load(collector.url, 'p');
    await stop(collector.child);
    const store = new pg.Client({ connectionString: url.href });
    await store.connect();
    const stored = new Set((await store.query<{ id: string }>('select id from events')).rows.map((row) => row.id));
    await store.end();
    return { ...result, lost: result.acknowledgedIds.filter((id) => !stored.has(id)).length };
  } finally {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.end();
  }
}

/** Runs the bench. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-collector-'));
  try {
    const load = (url: string, label: string) => runLoad({ url, seconds: SECONDS, eventsPerSecond: RATE, batchSize: BATCH, maxInFlight: 512, label });
    const results: Record<string, LoadResult & { lost: number }> = {};

    const collectorFile = path.join(dir, 'collector.sqlite');
    // One load generator is one client: lift the per-client limit, which otherwise answers 429 as it should.
    const collector = await startServer([path.join(repoRoot, 'apps/collector/src/main.ts')], { KB_EVENTS_DATABASE_URL: collectorFile, KB_COLLECTOR_PORT: '0', KB_EVENTS_READ_TOKEN: '', KB_EVENTS_RATE_LIMIT: '100000000' });
    console.log(`collector: ${RATE} events/s offered for ${SECONDS} s …`);
    const ours = await load(collector.url, 'c');
    await stop(collector.child);
    results.collector = { ...ours, lost: missingIds(collectorFile, ours.acknowledgedIds) };

    const baselineFile = path.join(dir, 'baseline.sqlite');
    const baseline = await startServer([path.join(repoRoot, 'bench/collector/baseline.ts'), baselineFile, '0'], {});
    console.log(`baseline: ${RATE} events/s offered for ${SECONDS} s …`);
    const theirs = await load(baseline.url, 'b');
    await stop(baseline.child);
    results.baseline = { ...theirs, lost: missingIds(baselineFile, theirs.acknowledgedIds) };

    const postgresUrl = process.env.BENCH_COLLECTOR_POSTGRES_URL;
    if (postgresUrl) results.postgres = await loadOnPostgres(postgresUrl, load);

    const summary = Object.fromEntries(Object.entries(results).map(([name, { acknowledgedIds: _ids, ...rest }]) => [name, rest]));
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify({ seconds: SECONDS, offeredEventsPerSecond: RATE, batchSize: BATCH, cpus: os.cpus().length, node: process.version, ...summary }, null, 2)}\n`);

    const columns = [results.collector!, results.baseline!, ...(results.postgres ? [results.postgres] : [])];
    const each = (value: (result: LoadResult & { lost: number }) => string) => columns.map(value);
    const rows: string[][] = [
      ['acknowledged events/s (sustained)', ...each((r) => String(r.eventsPerSecond))],
      ['events sent / acknowledged', ...each((r) => `${r.sentEvents} / ${r.acknowledgedEvents}`)],
      ['refused (non-202 or not answered)', ...each((r) => String(r.refusedEvents))],
      ['lost (acknowledged, not in the store)', ...each((r) => String(r.lost))],
      ['accept latency p50', ...each((r) => `${r.p50Ms.toFixed(1)} ms`)],
      ['accept latency p99', ...each((r) => `${r.p99Ms.toFixed(1)} ms`)],
      ['accept latency max', ...each((r) => `${r.maxMs.toFixed(1)} ms`)],
    ];
    const header = ['metric', 'collector (SQLite)', 'bare node:http + node:sqlite', ...(results.postgres ? ['collector (PostgreSQL)'] : [])];
    const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length), header[column]!.length));
    const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
    console.log('');
    console.log(line(header));
    console.log(`|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
    for (const row of rows) console.log(line(row));
    console.log('');
    console.log(`${RATE} events/s offered in batches of ${BATCH} for ${SECONDS} s on loopback; statuses: ${Object.entries(results).map(([name, r]) => `${name} ${JSON.stringify(r.statuses)}`).join(', ')}`);
    console.log(`${os.cpus().length} CPU(s), Node ${process.version}. Results: ${path.relative(process.cwd(), resultsFile)}`);
    if (results.collector!.lost > 0 || (results.postgres?.lost ?? 0) > 0) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
