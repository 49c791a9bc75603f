import { defineCommand } from 'citty';
import { buildReport, DEFAULT_GOOD_MATCH, emptyRedactionCounts, formatReport, rank, summarizeCase, type ReportCase } from '@nimbus/case-index';
import { UserError } from '../errors.ts';
import { err, ioOf } from '../io.ts';
import { caseFormat, describeRedactions, goodCases, openCaseIndex } from './link.ts';
import { defaultArticlesDir } from './suggest.ts';
import { loadVocabulary } from '../vocabulary.ts';

export default defineCommand({
  meta: { name: 'report', description: 'KCS report of a case export: link rate, article reuse, content gaps, trends per month' },
  args: {
    cases: { type: 'string', required: true, description: 'Case export: JSON Lines (default), CSV (.csv) or Zendesk JSON (.json); `-` reads standard input' },
    articles: { type: 'string', description: 'Folder of articles (default: content/articles)' },
    format: { type: 'string', default: 'text', description: 'text | json' },
    'good-match': { type: 'string', description: `Confidence from which the best suggestion counts as the case's article (default ${DEFAULT_GOOD_MATCH})` },
    'input-format': { type: 'string', description: 'jsonl | csv | zendesk (default: from the file extension)' },
    runbooks: { type: 'string', description: 'Folder of runbooks to index beside the articles' },
    'index-cache': { type: 'string', description: 'Folder for the cached index (default: node_modules/.cache/kb; `off` to always rebuild)' },
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const format = args.format;
    if (format !== 'text' && format !== 'json') throw new UserError(`Unknown --format \`${format}\`, expected text or json`);
    let goodMatch = DEFAULT_GOOD_MATCH;
    if (args['good-match'] !== undefined) {
      goodMatch = Number(args['good-match']);
      if (!(goodMatch >= 0 && goodMatch <= 1)) throw new UserError(`Expected --good-match between 0 and 1, got \`${args['good-match']}\``);
    }
    const inputFormat = caseFormat(args['input-format']);
    const articles = args.articles ?? defaultArticlesDir(io);
    const { index } = await openCaseIndex(io, { articles, runbooks: args.runbooks, 'index-cache': args['index-cache'] });
    const totals = { skipped: 0, redactions: emptyRedactionCounts() };
    const synonyms = await loadVocabulary(io);
    // Each case is reduced to a small summary as it is read, so a large export never sits in memory whole.
    const summaries: ReportCase[] = [];
    for await (const item of goodCases(io, args.cases, inputFormat, totals)) {
      summaries.push(summarizeCase(index, item.case, rank(index, item.case, { top: 3, ...(synonyms ? { synonyms } : {}) })));
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
  },
});
