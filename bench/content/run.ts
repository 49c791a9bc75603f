// The content parser under hostile input: a YAML alias bomb in an article's frontmatter must cost about what an
// ordinary frontmatter of the same size costs, not grow with the expansion. Medians of repeated runs, and their ratio
// to an ordinary block measured in the same run (moved here from content's unit tests: no timing in unit tests).
// Prints a table, writes bench/results/content.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@nimbus/content';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsFile = path.join(repoRoot, 'bench/results/content.json');
const RUNS = 25;
/** What the unit test asserted before: the bomb is refused well within this, on any machine. */
const BUDGET_MS = 2000;

const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
const ordinary = 'title: "Why does a private DNS zone answer NXDOMAIN from a VPC?"\nproduct: dns\narea: networking\nerrors: ["NXDOMAIN", "SERVFAIL"]\nowner: "@nimbus/l3-networking"\n';

function median(yaml: string): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    parseFrontmatter({ yaml, firstLine: 2, closingLine: 8 });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Runs the content benchmark. */
export async function run(): Promise<void> {
  const baseline = median(ordinary);
  const hostile = median(bomb);
  const refused = parseFrontmatter({ yaml: bomb, firstLine: 2, closingLine: 8 }).problems.length > 0;
  const results = { runs: RUNS, ordinaryMs: baseline, aliasBombMs: hostile, ratio: hostile / baseline, refused, withinBudget: hostile < BUDGET_MS };
  console.log('\ncontent: frontmatter parse, median of %d runs', RUNS);
  console.log(`  ordinary block   ${baseline.toFixed(3)} ms`);
  console.log(`  alias bomb       ${hostile.toFixed(3)} ms  (×${results.ratio.toFixed(1)} the ordinary block; refused: ${refused}; budget ${BUDGET_MS} ms: ${results.withinBudget ? 'kept' : 'EXCEEDED'})`);
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (!refused || !results.withinBudget) process.exitCode = 1;
}
