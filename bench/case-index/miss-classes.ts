// Diagnosis of the misses of the shipped ranking (ledger learned leave-one-article-out, overlap rerank on, as `kb
// link` runs) on the dev reports of one kind: each miss is put in the classes of mechanism it shows, and the counts
// per class are printed. Rows are anonymous (no report id, subject or article path is printed), so the output can be
// quoted in notes.
//
// Classes (a miss can be in several; "primary" takes the first that applies, in this order):
//   non-English    the report is mostly not English (labeled.ts isNonEnglish)
//   near-duplicate a candidate ranked above the gold article shares ≥ NEAR of its plain words by idf cosine
//   top-5 not 1    the gold article is at positions 2–5
//   vocabulary gap the gold article holds < GAP of the report's plain-word idf mass (the words the KB knows)
//   head silent    the gold article holds the words, but its head (title, summary, symptoms) < HEAD of that mass
//   deep           none of the above: the words are there, in the head too, and it still ranks below 5
// Also printed per miss: the gold position in the top 50, the share of mass held by the gold article (whole / head)
// and by the first result, and whether the first result is in the gold article's folder.
//
// Run: KB_CORPUS=<corpus> nice -n 10 npx node bench/case-index/miss-classes.ts [kind=symptom] [file=cases-dev2.jsonl]
import path from 'node:path';
import { buildIndex, DEFAULT_OVERLAP_WEIGHT, overlapQuery, parseDocumentSources, rank, readDocumentSources, type OverlapData } from '@nimbus/case-index';
import { corpusRoot } from '../corpus-root.ts';
import { goldPosition, readDevReports } from './labeled.ts';

const NEAR = 0.5;
const GAP = 0.35;
const HEAD = 0.2;
const kind = process.argv[2] ?? 'symptom';
const fileName = process.argv[3] ?? 'cases-dev2.jsonl';

const corpus = process.env.KB_CORPUS ?? corpusRoot();
const documents = (await parseDocumentSources(await readDocumentSources(path.join(corpus, 'articles')))).documents;
const index = buildIndex(documents);
const overlap = index.overlap!;
const { files, heldOutLedger } = await readDevReports(corpus, index);
const docOf = new Map(index.docs.map((doc, i) => [doc.path, i]));

/** The document's plain words as a map word → whether in the head. */
function wordsOf(data: OverlapData, doc: number): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (let p = data.offsets[doc]!; p < data.offsets[doc + 1]!; p++) out.set(data.docWords[p]!, data.head[p] === 1);
  return out;
}
function cosine(data: OverlapData, a: number, b: number): number {
  const wa = wordsOf(data, a);
  let dot = 0;
  for (let p = data.offsets[b]!; p < data.offsets[b + 1]!; p++) if (wa.has(data.docWords[p]!)) dot += data.idf[data.docWords[p]!]! ** 2;
  return dot / (data.norms[a]! * data.norms[b]!);
}

const file = files.find((f) => f.name === fileName)!;
const counts: Record<string, number> = {};
const primary: Record<string, number> = {};
let reports = 0;
let hits = 0;
/** The gold article's share of the report's mass (whole / head) where it is first: what a hit looks like. */
const hitShares: string[] = [];
const rows: string[] = [];
for (const item of file.cases.filter((c) => c.kind === kind)) {
  reports++;
  const results = rank(heldOutLedger(item), { subject: item.subject, body: item.body }, { top: 50, evidence: false, overlapWeight: DEFAULT_OVERLAP_WEIGHT });
  const paths = results.map((r) => r.path);
  const position = paths.findIndex((p) => item.gold.includes(p));
  const gold = docOf.get(item.gold[0]!)!;
  const query = overlapQuery(overlap, item.subject, item.body);
  const share = (doc: number, headOnly: boolean) => {
    let held = 0;
    for (const [word, inHead] of wordsOf(overlap, doc)) if (query.mark[word] === query.stamp && (!headOnly || inHead)) held += query.weights[word]!;
    return held / (query.mass || 1);
  };
  if (goldPosition(item.gold, paths) === 0) {
    hits++;
    hitShares.push(`${share(gold, false).toFixed(2)} / ${share(gold, true).toFixed(2)}`);
    continue;
  }
  const goldWhole = share(gold, false);
  const goldHead = share(gold, true);
  const first = results[0]?.doc;
  const above = results.slice(0, position < 0 ? 10 : position).map((r) => r.doc);
  const nearest = Math.max(0, ...above.map((doc) => cosine(overlap, gold, doc)));
  const folder = (p: string) => p.split('/').slice(0, -1).join('/');
  const classes: string[] = [];
  if (item.nonEnglish) classes.push('non-English');
  if (nearest >= NEAR) classes.push('near-duplicate');
  if (position >= 1 && position <= 4) classes.push('top-5 not 1');
  if (goldWhole < GAP) classes.push('vocabulary gap');
  else if (goldHead < HEAD) classes.push('head silent');
  if (classes.length === 0) classes.push('deep');
  for (const c of classes) counts[c] = (counts[c] ?? 0) + 1;
  primary[classes[0]!] = (primary[classes[0]!] ?? 0) + 1;
  rows.push(
    `| ${rows.length + 1} | ${position < 0 ? '>50' : position + 1} | ${goldWhole.toFixed(2)} / ${goldHead.toFixed(2)} | ${first === undefined ? '–' : `${share(first, false).toFixed(2)} / ${share(first, true).toFixed(2)}`} | ${nearest.toFixed(2)} | ${first !== undefined && folder(index.docs[first]!.path) === folder(item.gold[0]!) ? 'yes' : 'no'} | ${query.size} | ${classes.join(', ')} |`,
  );
}
console.log(`${fileName}, kind ${kind}: ${reports} reports, ${hits} first, ${reports - hits} misses (ledger LOAO + overlap rerank)\n`);
console.log('| miss | gold at | gold holds (whole / head) | first holds (whole / head) | max cos(gold, above) | first in gold folder | words | classes |');
console.log('|--:|--:|--:|--:|--:|--:|--:|---|');
for (const row of rows) console.log(row);
console.log(`\nfor comparison, the gold article's share (whole / head) where it ranks first: ${hitShares.sort().join(', ')}`);
console.log(`classes (multi-label): ${JSON.stringify(counts)}`);
console.log(`primary: ${JSON.stringify(primary)}`);
