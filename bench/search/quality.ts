// The search benchmark's quality half in seconds, without building the site (issue 11): the dev files' subject lines
// ranked as the internal site's search page ranks them — the page's own `searchPage` over the shards the build writes,
// read from memory (apps/site/test/unit/search-ranking-parity.test.ts checks that this is `rank` on the whole index) —
// beside `kb link` on the same subject lines (the corpus folder, the repository vocabulary). MRR@8 and no-result
// count per file and kind. The Pagefind fallback the page tries when the shards find nothing is not run here; the
// browser bench (`npm run bench -- search`) is the one to quote.
//
// `SEARCH_RANK_OPTIONS='{"expansionWeight":0.3}'` ranks with extra rank options (an ablation; both engines).
// `SEARCH_GRID='[{"expansionWeight":0},{"expansionWeight":0.3}]'` also scores a choice among option sets by nested
// leave-one-article-out: each report is ranked with the set that scored best on the reports of both files whose gold
// shares no article with its own (ties: the first set), so nothing is chosen with the report's own article.
// The corpus is imported once into a cache folder (SEARCH_QUALITY_CACHE, default under the OS temp folder).
// Run: `BENCH_CORPUS=../shared/corpus nice -n 10 npx node bench/search/quality.ts`.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex, openIndex, rank, type CaseIndex, type Query, type RankOptions, type SynonymTable } from '@nimbus/case-index';
import { importKnowledgeBase } from '@nimbus/importer';
import { buildSearchFiles, ShardedSearch, type SearchFiles } from '@nimbus/search-index';
import { loadVocabulary } from '../../packages/cli/src/vocabulary.ts';
import { readLabeledCases, type LabeledCase } from '../case-index/labeled.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(process.env.BENCH_CORPUS ?? path.join(repoRoot, '../shared/corpus'));
const TOP = 8;

/** The corpus imported as the browser bench imports it, once per corpus and importer version (reused while present). */
async function importedContent(): Promise<string> {
  const cache = path.resolve(process.env.SEARCH_QUALITY_CACHE ?? path.join(tmpdir(), 'kb-search-quality'));
  const content = path.join(cache, 'content');
  if (existsSync(path.join(content, '.complete'))) return content;
  await rm(cache, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  const partial = path.join(cache, 'content.partial');
  await importKnowledgeBase(path.join(corpus, 'articles'), partial, { force: true, state: 'detect', visibility: 'public', reviewed: 'import', owners: { fallback: '@nimbus/kb-maintainers' } });
  await cp(path.join(repoRoot, 'content/vocabulary.yaml'), path.join(partial, 'vocabulary.yaml'));
  await writeFile(path.join(partial, '.complete'), '');
  await rename(partial, content);
  return content;
}

/** A client reading the build's files from memory, as the page reads them over HTTP. */
function memoryClient({ manifest, files }: SearchFiles): ShardedSearch {
  return new ShardedSearch(async (file, as) => {
    const content = file === 'manifest.json' ? JSON.stringify(manifest) : files.get(file.slice(manifest.base.length + 1));
    if (content === undefined) throw new Error(`No file ${file}`);
    if (as === 'text') return typeof content === 'string' ? content : new TextDecoder().decode(content);
    return content as Uint8Array;
  });
}

/** One engine: a report and rank options → whether it answered and where its gold article is (-1: not in the top 8). */
type Engine = (item: LabeledCase, options: RankOptions) => { position: number; empty: boolean };

interface Prepared {
  files: Array<{ name: string; cases: LabeledCase[] }>;
  engines: Record<string, Engine>;
}

async function prepare(): Promise<Prepared> {
  const content = await importedContent();
  const files = await Promise.all(['cases-dev.jsonl', 'cases-dev2.jsonl'].map(async (name) => ({ name, cases: await readLabeledCases(path.join(corpus, name)) })));
  // The site's modules read the audience and the content folder when they load.
  process.env.KB_CONTENT_DIR = content;
  process.env.KB_AUDIENCE = 'internal';
  // As the build runs for a content folder other than the repository's: the repository's runbooks link articles it lacks.
  process.env.KB_RUNBOOKS_DIR = 'none';
  const { searchDocuments, siteVocabulary } = await import('../../apps/site/src/lib/search-shards.ts');
  const { pageFilter, searchPage } = await import('../../apps/site/src/scripts/search-query.ts');
  const { documents, texts } = await searchDocuments('internal');
  const siteSynonyms = await siteVocabulary();
  const siteIndex = buildIndex(documents);
  const engine = memoryClient(buildSearchFiles(siteIndex, texts, siteSynonyms ? { synonyms: siteSynonyms } : {}));
  const filter = pageFilter({ pageLocale: 'en' });
  // The query as the page ranks it (typos corrected), once per subject: what `rank` then sees under any options.
  const pageQueries = new Map<string, string | Query>();
  // What the page lists when `rank` finds nothing on the whole index: the best postings of words every other article
  // has (client.ts), as the page ranks them with the default options.
  const pageAnswers = new Map<string, Array<{ path: string }>>();
  for (const item of files.flatMap((file) => file.cases)) {
    const found = await searchPage(engine, item.subject, { pageLocale: 'en', top: TOP });
    pageQueries.set(item.subject, found.corrections.length > 0 ? found.query : item.subject);
    pageAnswers.set(item.subject, found.results.map((result) => ({ path: siteIndex.docs[result.doc]!.path })));
  }
  // Site ids are the corpus file names as slugs; a hit is gold when its id and title are the gold article's.
  const byPath = new Map(documents.map((document) => [document.path, document]));
  const goldIds = new Map<string, Set<string>>();
  const { index: kbIndex } = await openIndex(path.join(corpus, 'articles'), { cacheDir: false });
  const kbTitles = new Map(kbIndex.docs.map((doc) => [doc.path, doc.title]));
  const normalizeTitle = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const slugOf = (file: string) => path.basename(file).replace(/\.(?:md|markdown|mdx)$/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('-');
  const isSiteGold = (item: LabeledCase, sitePath: string) => {
    let ids = goldIds.get(item.id);
    if (!ids) goldIds.set(item.id, (ids = new Set(item.gold.map(slugOf))));
    const document = byPath.get(sitePath);
    // The page's URL ends in the slug (`/articles/<product>/<slug>/`), as the browser bench compares it.
    const slug = document?.id.split('/').pop() ?? '';
    return document !== undefined && ids.has(slug) && item.gold.some((gold) => slugOf(gold) === slug && normalizeTitle(kbTitles.get(gold) ?? document.title) === normalizeTitle(document.title));
  };
  const kbSynonyms: SynonymTable | undefined = await loadVocabulary({ cwd: repoRoot, env: { KB_CONTENT_DIR: 'content' } });
  const positionIn = (results: ReadonlyArray<{ path: string }>, isGold: (path: string) => boolean) => ({ position: results.findIndex((result) => isGold(result.path)), empty: results.length === 0 });
  const siteRank = (index: CaseIndex, item: LabeledCase, options: RankOptions) => {
    const results = rank(index, pageQueries.get(item.subject)!, { top: TOP, evidence: false, filter, ...(siteSynonyms ? { synonyms: siteSynonyms } : {}), ...options });
    return results.length > 0 ? results : pageAnswers.get(item.subject)!;
  };
  return {
    files,
    engines: {
      'site search, internal site': (item, options) => positionIn(siteRank(siteIndex, item, options), (sitePath) => isSiteGold(item, sitePath)),
      'kb link, subject only': (item, options) =>
        positionIn(rank(kbIndex, { subject: item.subject }, { top: TOP, evidence: false, ...(kbSynonyms ? { synonyms: kbSynonyms } : {}), ...options }), (gold) => item.gold.includes(gold)),
    },
  };
}

const reciprocal = (position: number) => (position >= 0 && position < TOP ? 1 / (position + 1) : 0);

interface Row {
  mrr: number;
  noResults: number;
  n: number;
  byKind: Record<string, { n: number; mrr: number }>;
}

function summarize(cases: readonly LabeledCase[], outcomes: ReadonlyArray<{ position: number; empty: boolean }>): Row {
  const byKind: Record<string, { n: number; mrr: number }> = {};
  cases.forEach((item, i) => {
    const slot = (byKind[item.kind] ??= { n: 0, mrr: 0 });
    slot.n++;
    slot.mrr += reciprocal(outcomes[i]!.position);
  });
  for (const slot of Object.values(byKind)) slot.mrr /= slot.n;
  return {
    mrr: outcomes.reduce((sum, { position }) => sum + reciprocal(position), 0) / Math.max(1, cases.length),
    noResults: outcomes.filter(({ empty }) => empty).length,
    n: cases.length,
    byKind,
  };
}

/** Each report ranked with the option set that did best on the reports sharing no gold article with it. */
function nestedLeaveOneArticleOut(prepared: Prepared, engine: Engine, grid: readonly RankOptions[], base: RankOptions) {
  const all = prepared.files.flatMap((file) => file.cases);
  const outcomes = grid.map((options) => all.map((item) => engine(item, { ...base, ...options })));
  const chosen: number[] = [];
  const result = new Map<LabeledCase, { position: number; empty: boolean }>();
  all.forEach((item, i) => {
    let best = 0;
    let bestScore = -1;
    grid.forEach((_, g) => {
      let total = 0;
      all.forEach((other, j) => {
        if (!other.gold.some((gold) => item.gold.includes(gold))) total += reciprocal(outcomes[g]![j]!.position);
      });
      if (total > bestScore + 1e-12) {
        bestScore = total;
        best = g;
      }
    });
    chosen.push(best);
    result.set(item, outcomes[best]![i]!);
  });
  return { result, chosen };
}

const format = (row: Row) => `${row.mrr.toFixed(3)} (${row.noResults}) · ${Object.entries(row.byKind).map(([kind, slot]) => `${kind} ${slot.mrr.toFixed(3)}/${slot.n}`).join(', ')}`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const prepared = await prepare();
  const prepareMs = performance.now() - started;
  const base = JSON.parse(process.env.SEARCH_RANK_OPTIONS ?? '{}') as RankOptions;
  const grid = process.env.SEARCH_GRID ? (JSON.parse(process.env.SEARCH_GRID) as RankOptions[]) : undefined;
  const rankStarted = performance.now();
  console.log(`\nSubject lines, top ${TOP}: MRR@8 (no results) · per kind MRR/n${Object.keys(base).length ? ` — options ${JSON.stringify(base)}` : ''}\n`);
  console.log('| engine | file | MRR@8 (no results) |');
  console.log('| --- | --- | --- |');
  for (const [name, engine] of Object.entries(prepared.engines)) {
    for (const file of prepared.files) console.log(`| ${name} | ${file.name} | ${format(summarize(file.cases, file.cases.map((item) => engine(item, base))))} |`);
    if (grid) {
      for (const options of grid) {
        const cells = prepared.files.map((file) => format(summarize(file.cases, file.cases.map((item) => engine(item, { ...base, ...options })))));
        console.log(`| ${name}, ${JSON.stringify(options)} | both | ${cells.join(' — ')} |`);
      }
      const { result, chosen } = nestedLeaveOneArticleOut(prepared, engine, grid, base);
      const counts = grid.map((_, g) => chosen.filter((choice) => choice === g).length);
      for (const file of prepared.files) console.log(`| ${name}, nested LOAO over ${grid.length} option sets | ${file.name} | ${format(summarize(file.cases, file.cases.map((item) => result.get(item)!)))} |`);
      console.log(`| (chosen per report: ${grid.map((options, g) => `${JSON.stringify(options)} ×${counts[g]}`).join(', ')}) | | |`);
    }
  }
  if (process.env.SEARCH_COMPARE) {
    // The reports an option set moves, against the base options: where the gold article was and where it is.
    const other = JSON.parse(process.env.SEARCH_COMPARE) as RankOptions;
    for (const [name, engine] of Object.entries(prepared.engines)) {
      for (const file of prepared.files) {
        for (const item of file.cases) {
          const before = engine(item, base).position;
          const after = engine(item, { ...base, ...other }).position;
          if (before !== after) console.log(`${name} ${file.name} ${item.kind} ${before} → ${after} | ${item.subject.slice(0, 80)}`);
        }
      }
    }
  }
  if (process.env.SEARCH_MISSES) {
    const engine = prepared.engines['site search, internal site']!;
    for (const file of prepared.files) {
      for (const item of file.cases) {
        const { position, empty } = engine(item, base);
        if (position !== 0) console.log(`${file.name} ${item.kind} pos=${empty ? 'empty' : position} | ${item.subject.slice(0, 90)} → ${item.gold[0]}`);
      }
    }
  }
  console.log(`\nprepare ${(prepareMs / 1000).toFixed(1)} s, ranking ${((performance.now() - rankStarted) / 1000).toFixed(1)} s`);
}
