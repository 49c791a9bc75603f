// `npm run bench`: runs every benchmark of the repository, or only those named (`npm run bench -- case-index`).
// Each benchmark module exports `run()`, prints its own table and writes bench/results/<name>.json.

const benchmarks: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'case-index': () => import('./case-index/run.ts'),
  content: () => import('./content/run.ts'),
  site: () => import('./site/run.ts'),
  search: () => import('./search/run.ts'),
  collector: () => import('./collector/run.ts'),
  'link-shards': () => import('./case-index/shards.ts'),
  'link-shards-verify': () => import('./case-index/shards-verify.ts'),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${Object.keys(benchmarks).join(', ')}`);
  process.exitCode = 2;
} else {
  for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
    const { run } = await benchmarks[name]!();
    await run();
  }
}
