// Writes a synthetic case export for throughput benchmarks: each case paraphrases a random corpus article (its
// title and a few of its lines) inside the noise real reports carry (timestamps, ids, stack frames, log lines).
// Deterministic for a given seed. The output goes to a temporary folder and is never committed.

import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { seededRandom as random } from '../../scripts/seeded-random.ts';

const noise = [
  (r: () => number) => `[${new Date(1_700_000_000_000 + Math.floor(r() * 3e10)).toISOString()}] INFO worker-${Math.floor(r() * 64)} heartbeat ok`,
  (r: () => number) => `Correlation ID: ${[8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('')).join('-')}`,
  () => '   at System.Threading.Tasks.Task.ExecuteWithThreadLocal(Task& currentTaskSlot, Thread threadPoolThread)',
  () => '   at Microsoft.Extensions.Hosting.Internal.Host.StartAsync(CancellationToken cancellationToken)',
  (r: () => number) => `request-id: ${Math.floor(r() * 1e12).toString(36)} status=failed duration=${Math.floor(r() * 9000)}ms`,
  () => 'Any help is appreciated, this is blocking our production rollout.',
  () => 'We already restarted the server and cleared the cache.',
];

/** Writes `count` cases to `file`, built from the Markdown articles under `articlesDir`. */
export async function generateCases(articlesDir: string, file: string, count: number, seed = 42): Promise<void> {
  const rand = random(seed);
  const names = (await readdir(articlesDir, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
  // A sample of articles is enough for realistic text; reading all 3,152 would only slow the benchmark's setup.
  const sample = names.filter((_, index) => index % 7 === 0);
  const articles = await Promise.all(
    sample.map(async (name) => {
      const text = await readFile(path.join(articlesDir, name), 'utf8');
      const title = /^title:\s*(.+)$/m.exec(text)?.[1]?.replace(/^['"]|['"]$/g, '') ?? name;
      const lines = text
        .replace(/^---[\s\S]*?\n---/, '')
        .split('\n')
        .map((line) => line.replace(/[#>*`|[\]()]/g, ' ').replace(/\s+/g, ' ').trim())
        .filter((line) => line.length > 40 && line.length < 300);
      return { title, lines };
    }),
  );
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const article = articles[Math.floor(rand() * articles.length)]!;
    const parts: string[] = [];
    const lineCount = 2 + Math.floor(rand() * 4);
    for (let j = 0; j < lineCount && article.lines.length > 0; j++) parts.push(article.lines[Math.floor(rand() * article.lines.length)]!);
    const noiseCount = Math.floor(rand() * 5);
    for (let j = 0; j < noiseCount; j++) parts.splice(Math.floor(rand() * (parts.length + 1)), 0, noise[Math.floor(rand() * noise.length)]!(rand));
    const subject = rand() < 0.5 ? article.title : (parts[0] ?? article.title).slice(0, 80);
    const line = JSON.stringify({ id: `BENCH-${String(i).padStart(6, '0')}`, subject, body: parts.join('\n').slice(0, 2000) });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
