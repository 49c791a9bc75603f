// Prints the site bench's table from its saved results (bench/results/site.json, or several such files when sizes
// ran in separate processes): each size's rows beside the baselines, the machine load during each step, the growth
// from the smallest to the largest size against issue 17's targets, and the sharded `kb link` figures.
import os from 'node:os';
import { shardedLinkLines, type ShardedLinkResult } from '../case-index/shards.ts';

interface Load {
  waitedMs: number;
  busyBefore: number;
  othersCoreSeconds: number;
  othersShare: number;
}
interface Step {
  ms: number;
  peakRssMb: number;
  load: Load;
  steps?: string;
  pages?: number;
}
interface SizeRow {
  articles: number;
  ours?: Step;
  bare?: Step;
  bareCorpus?: Step;
  starlight?: Step;
  incremental?: Step;
  preview?: { cold: Step; incremental?: Step };
  kbCheck?: Step;
  bytes?: { firstSearch: number; furtherQuery: number; caseFormSession: number; firstSearchFiles: number };
  link?: { cases: number; cold: Step; warm: Step; casesPerSecond: number };
  notes: Record<string, string>;
}
/** One saved run of the site bench. */
export interface SavedRun {
  date: string;
  runs: number;
  cores?: number;
  importMs?: number;
  importedArticles?: number;
  results: SizeRow[];
  turboCachedMs?: number;
  linkShards?: ShardedLinkResult & { date?: string };
}

/** Issue 17's targets at ten times the corpus, and issue 11's first-search budget there. */
const targets = { growthOfOurTime: 10.5, peakRssMb: 4096, firstSearchKb: 300 };

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
/** A missing figure's mark; its note is printed under the first table. */
const mark = (note: string | undefined) => (note === undefined ? '—' : note.startsWith('failed') ? 'FAILED¹' : 'skipped²');
const others = (step: Step | undefined) => (step ? `${(step.load.othersShare * 100).toFixed(0)}% (${step.load.othersCoreSeconds.toFixed(0)} core-s)` : '');

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** Prints the table of one or more site bench runs (sizes merged, smallest first). */
export function printReport(saved: SavedRun[], linkShards?: ShardedLinkResult): void {
  const sizes = saved.flatMap((run) => run.results.map((row) => ({ row, run }))).sort((a, b) => a.row.articles - b.row.articles);
  if (sizes.length === 0) return void console.log('site: no results');
  const cell = (row: SizeRow, key: 'ours' | 'bare' | 'bareCorpus' | 'starlight', show: (step: Step) => string) => {
    const step = row[key];
    if (step) return show(step);
    const note = row.notes[key];
    return note ? mark(note) : '';
  };
  const kinds = ['ours', 'bare', 'bareCorpus', 'starlight'] as const;
  const rows: string[][] = [['articles', 'figure', 'ours (public+internal)', 'bare, same input (.mdx)', 'bare, corpus .md (floor)', 'Starlight', 'ours / bare .mdx', 'ours / bare .md', 'ours / Starlight']];
  for (const { row: r } of sizes) {
    const versus = (pick: (step: Step) => number) => [ratio(r.ours && pick(r.ours), r.bare && pick(r.bare)), ratio(r.ours && pick(r.ours), r.bareCorpus && pick(r.bareCorpus)), ratio(r.ours && pick(r.ours), r.starlight && pick(r.starlight))];
    rows.push([r.articles.toLocaleString('en'), 'wall time', ...kinds.map((k) => cell(r, k, (s) => `${(s.ms / 1000).toFixed(1)} s`)), ...versus((s) => s.ms)]);
    rows.push(['', 'peak RSS (process tree)', ...kinds.map((k) => cell(r, k, (s) => `${s.peakRssMb.toLocaleString('en')} MB`)), ...versus((s) => s.peakRssMb)]);
    rows.push(['', 'pages', ...kinds.map((k) => cell(r, k, (s) => (s.pages ?? 0).toLocaleString('en')))]);
    rows.push(['', 'ms per page', ...kinds.map((k) => cell(r, k, (s) => (s.pages ? (s.ms / s.pages).toFixed(1) : '—')))]);
    rows.push(['', "others' CPU meanwhile", ...kinds.map((k) => cell(r, k, others))]);
    rows.push(['', 'waited for idle', ...kinds.map((k) => cell(r, k, (s) => `${(s.load.waitedMs / 1000).toFixed(0)} s (${(s.load.busyBefore * 100).toFixed(0)}% busy at start)`))]);
    if (r.incremental && r.ours) {
      rows.push(['', 'one article edited', `${(r.incremental.ms / 1000).toFixed(1)} s = ${ratio(r.incremental.ms, r.ours.ms)} of cold`]);
      rows.push(['', "  others' CPU meanwhile", others(r.incremental)]);
    }
    if (r.preview && r.ours) {
      const { cold, incremental } = r.preview;
      rows.push(['', 'preview profile: cold', `${(cold.ms / 1000).toFixed(1)} s = ${ratio(cold.ms, r.ours.ms)} of production cold`]);
      if (incremental) rows.push(['', 'preview profile: one article edited', `${(incremental.ms / 1000).toFixed(1)} s = ${ratio(incremental.ms, cold.ms)} of its cold, ${ratio(incremental.ms, r.ours.ms)} of production cold`]);
      rows.push(['', "  others' CPU meanwhile", `${others(cold)} / ${incremental ? others(incremental) : '—'}`]);
    }
  }
  const { run: first } = sizes[0]!;
  console.log(`\nSite build (${first.runs} run${first.runs > 1 ? 's, medians' : ''} per size, cold, ${first.cores ?? os.availableParallelism()} cores; "others' CPU" is what processes outside the bench used during the step, as a share of all cores: a figure with a high share is a loaded figure)`);
  printTable(rows);
  const footnotes = sizes.flatMap(({ row }) => Object.entries(row.notes).map(([step, note]) => `  ${row.articles.toLocaleString('en')} ${step}: ${note}`));
  if (footnotes.length > 0) console.log(`¹ failed, ² skipped:\n${footnotes.join('\n')}`);
  for (const { row } of sizes) {
    if (row.ours?.steps || row.incremental?.steps) console.log(`${row.articles.toLocaleString('en')} articles, where our build's time went — cold: ${row.ours?.steps ?? '?'}${row.incremental ? ` · one article edited: ${row.incremental.steps ?? '?'}` : ''}${row.preview?.incremental ? ` · preview, one article edited: ${row.preview.incremental.steps ?? '?'}` : ''}`);
  }

  const perSize: string[][] = [['articles', 'first search', 'further query', 'case-form session', 'kb check', "kb check others' CPU", 'kb link (1 process, index cached)', 'kb link, index built cold', "kb link others' CPU"]];
  for (const { row: r } of sizes) {
    perSize.push([
      r.articles.toLocaleString('en'),
      kb(r.bytes?.firstSearch),
      kb(r.bytes?.furtherQuery),
      kb(r.bytes?.caseFormSession),
      r.kbCheck ? `${(r.kbCheck.ms / 1000).toFixed(1)} s` : mark(r.notes.kbCheck),
      others(r.kbCheck),
      r.link ? `${r.link.casesPerSecond.toLocaleString('en')} cases/s (${r.link.cases.toLocaleString('en')} in ${(r.link.warm.ms / 1000).toFixed(1)} s)` : mark(r.notes.link),
      r.link ? `${(r.link.cold.ms / 1000).toFixed(1)} s, ${r.link.cold.peakRssMb} MB` : '',
      others(r.link?.warm),
    ]);
  }
  console.log('\nPer size (bytes: Chromium, gzip as served, our public site; kb link: generated cases against that size\'s articles)');
  printTable(perSize);

  if (sizes.length > 1) {
    const [small, large] = [sizes[0]!.row, sizes.at(-1)!.row];
    const factor = large.articles / small.articles;
    const growth = (a: number | undefined, b: number | undefined) => (a && b ? `${(b / a).toFixed(2)}×` : '—');
    console.log(`\nGrowth ${small.articles.toLocaleString('en')} → ${large.articles.toLocaleString('en')} (${factor.toFixed(1)}× the articles):`);
    console.log(`  wall time: ours ${growth(small.ours?.ms, large.ours?.ms)} (target ≤ ${targets.growthOfOurTime}×) · bare .md ${growth(small.bareCorpus?.ms, large.bareCorpus?.ms)}`);
    console.log(`  peak RSS: ours ${growth(small.ours?.peakRssMb, large.ours?.peakRssMb)} · bare .md ${growth(small.bareCorpus?.peakRssMb, large.bareCorpus?.peakRssMb)}`);
    console.log(`  first search bytes ${growth(small.bytes?.firstSearch, large.bytes?.firstSearch)} · case-form session ${growth(small.bytes?.caseFormSession, large.bytes?.caseFormSession)} · kb check ${growth(small.kbCheck?.ms, large.kbCheck?.ms)} · kb link cases/s ${growth(small.link?.casesPerSecond, large.link?.casesPerSecond)}`);
    const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
    const oom = sizes.flatMap(({ row }) => Object.entries(row.notes).filter(([, note]) => /out of memory|ENOMEM|SIGKILL|Killed/i.test(note)).map(([step]) => `${row.articles} ${step}`));
    console.log(`Targets at ${large.articles.toLocaleString('en')}:`);
    console.log(`  both sites ≤ ${targets.growthOfOurTime}× our ${small.articles.toLocaleString('en')} time: ${verdict(small.ours && large.ours ? large.ours.ms <= targets.growthOfOurTime * small.ours.ms : undefined)}`);
    console.log(`  peak RSS ≤ 4 GB: ${verdict(large.ours ? large.ours.peakRssMb <= targets.peakRssMb : undefined)} (${large.ours ? `${large.ours.peakRssMb.toLocaleString('en')} MB` : '—'})`);
    const ran = (['ours', 'bare', 'bareCorpus', 'starlight', 'kbCheck', 'incremental'] as const).filter((step) => large[step]);
    console.log(`  no out-of-memory anywhere (Pagefind included): ${oom.length > 0 ? `MISSED (${oom.join(', ')})` : ran.length > 0 ? `none in the steps that ran (${ran.join(', ')})` : 'not measured'}`);
    console.log(`  first search ≤ ${targets.firstSearchKb} KB: ${verdict(large.bytes ? large.bytes.firstSearch <= targets.firstSearchKb * 1024 : undefined)} (${kb(large.bytes?.firstSearch)})`);
  }
  const turbo = saved.find((run) => run.turboCachedMs !== undefined)?.turboCachedMs;
  if (turbo !== undefined) console.log(`\nUnchanged repository, turbo cache: ${(turbo / 1000).toFixed(2)} s`);
  const shards = saved.find((run) => run.linkShards)?.linkShards ?? linkShards;
  console.log('');
  if (shards) for (const line of shardedLinkLines(shards)) console.log(line);
  else console.log('kb link --shard: no bench/results/link-shards.json (run `npm run bench -- link-shards`, BENCH_SHARD_CASES sets the size)');
  for (const { run, row } of sizes) console.log(`(${row.articles.toLocaleString('en')}: run of ${run.date})`);
}
