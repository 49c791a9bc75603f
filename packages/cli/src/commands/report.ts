import path from 'node:path';
import { defineCommand, parseArgs } from 'citty';
import { buildReport, DEFAULT_GOOD_MATCH, DEFAULT_OVERLAP_WEIGHT, rank, summarizeCase, type ReportCase } from '@nimbus/case-index';
import { emptyRedactionCounts } from '@nimbus/redact';
import { formatEventsReport } from '@nimbus/events';
import { KbError, kbError, kbErrors } from '../error-catalog.ts';
import { formatReport } from '../format-report.ts';
import { err, ioOf } from '../io.ts';
import { defaultEventsFile, loadEventsReport } from './events-store.ts';
import { describeRedactions } from '@nimbus/redact';
import { caseFormat, goodCases, openCaseIndex } from '../case-input.ts';
import { defaultArticlesDir } from './suggest.ts';
import { loadVocabulary } from '../vocabulary.ts';
import { learnFromLedger, linkedCasesArg, loadLinkedCases } from '../linked-cases.ts';

const reportArgs = {
  cases: { type: 'string', description: 'Case export: JSON Lines (default), CSV (.csv) or Zendesk JSON (.json); `-` reads standard input' },
  articles: { type: 'string', description: 'Folder of articles (default: content/articles)' },
  events: { type: 'string', description: 'Report the site events instead: votes, reasons and flags per article, searches no article answered, case-form outcomes, trends. FILE is the collector\'s store (default .kb/events.sqlite; a postgres:// URL works too)' },
  format: { type: 'string', default: 'text', description: 'text | json' },
  'good-match': { type: 'string', description: `Confidence from which the best suggestion counts as the case's article (default ${DEFAULT_GOOD_MATCH})` },
  'input-format': { type: 'string', description: 'jsonl | csv | zendesk (default: from the file extension)' },
  runbooks: { type: 'string', description: 'Folder of runbooks to index beside the articles' },
  'index-cache': { type: 'string', description: 'Folder for the cached index (default: node_modules/.cache/kb; `off` to always rebuild)' },
  'linked-cases': linkedCasesArg,
} as const;

/** The event store `--events` names: a file relative to the working folder, or a PostgreSQL URL as it is. */
const eventStore = (value: string, cwd: string) => (/^postgres(?:ql)?:/.test(value) ? value : path.resolve(cwd, value));

export default defineCommand({
  meta: { name: 'report', description: 'KCS report of a case export (link rate, article reuse, content gaps, trends per month), or of the site events (--events)' },
  args: reportArgs,
  async run(context) {
    const { rawArgs } = context;
    const io = ioOf(context);
    let args = context.args;
    // `--events` may come without its FILE (`--events --format json`): then the next flag is not its value.
    if (args.events?.startsWith('-')) args = parseArgs(rawArgs.flatMap((arg) => (arg === '--events' ? ['--events', defaultEventsFile(io.cwd)] : [arg])), reportArgs) as typeof args;
    const format = args.format;
    if (format !== 'text' && format !== 'json') throw kbError(kbErrors.InvalidOption, 'format', format, 'text or json');
    if (args.events !== undefined) {
      if (args.cases) throw new KbError(kbErrors.ConflictingOptions, 'Give either --cases or --events, not both');
      const report = await loadEventsReport(args.events ? eventStore(args.events, io.cwd) : io.env.KB_EVENTS_DATABASE_URL || defaultEventsFile(io.cwd), io.cwd);
      io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatEventsReport(report)}\n`);
      return 0;
    }
    if (!args.cases) throw new KbError(kbErrors.MissingInput, 'Missing --cases FILE (or --events [FILE] for the site events)');
    let goodMatch = DEFAULT_GOOD_MATCH;
    if (args['good-match'] !== undefined) {
      goodMatch = Number(args['good-match']);
      if (!(goodMatch >= 0 && goodMatch <= 1)) throw new KbError(kbErrors.InvalidOption, `Expected --good-match between 0 and 1, got \`${args['good-match']}\``);
    }
    const inputFormat = caseFormat(args['input-format']);
    const articles = args.articles ?? defaultArticlesDir(io);
    const opened = await openCaseIndex(io, { articles, runbooks: args.runbooks, 'index-cache': args['index-cache'] });
    const index = learnFromLedger(opened.index, await loadLinkedCases(io, args['linked-cases']));
    const totals = { skipped: 0, redactions: emptyRedactionCounts() };
    const synonyms = await loadVocabulary(io);
    // Each case is reduced to a small summary as it is read, so a large export never sits in memory whole.
    const summaries: ReportCase[] = [];
    for await (const item of goodCases(io, args.cases, inputFormat, totals)) {
      summaries.push(summarizeCase(index, item.case, rank(index, item.case, { top: 3, overlapWeight: DEFAULT_OVERLAP_WEIGHT, ...(synonyms ? { synonyms } : {}) })));
    }
    const seen = new Set<string>();
    const articleList = index.docs
      .filter((doc) => doc.kind === 'article' && !seen.has(doc.id) && seen.add(doc.id))
      .map((doc) => ({ id: doc.id, title: doc.title }));
    const report = buildReport(summaries, { goodMatch, articles: articleList });
    if (format === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(`${formatReport(report)}\n`);
    err(
      io,
      `kb: ${summaries.length} case(s) reported${totals.skipped ? `, ${totals.skipped} bad record(s) skipped` : ''}; redacted: ${describeRedactions(totals.redactions)}`,
    );
    return 0;
  },
});
