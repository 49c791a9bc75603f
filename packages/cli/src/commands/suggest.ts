import path from 'node:path';
import { defineCommand } from 'citty';
import { rank, type IndexDocument } from '@nimbus/case-index';
import { redact } from '@nimbus/redact';
import { loadRunbooks, runbookIndexDocument } from '@nimbus/runbooks';
import { KbError, kbError, kbErrors } from '../error-catalog.ts';
import { err, ioOf, out, type KbIO } from '../io.ts';
import { loadVocabulary } from '../vocabulary.ts';
import { describeRedactions } from '@nimbus/redact';
import { openCaseIndex, positiveInteger } from '../case-input.ts';
import { evidenceText } from '../case-output.ts';
import { learnFromLedger, linkedCasesArg, loadLinkedCases } from '../linked-cases.ts';

/** `content/articles` of `$KB_CONTENT_DIR` (or `./content`), the default folder of `kb suggest` and `kb report`. */
export function defaultArticlesDir(io: KbIO): string {
  return path.join(path.resolve(io.cwd, io.env.KB_CONTENT_DIR ?? 'content'), 'articles');
}

/** The runbooks of `@nimbus/runbooks` (only those without errors), as index documents. */
export async function packageRunbooks(): Promise<IndexDocument[]> {
  const { runbooks } = await loadRunbooks();
  return runbooks.map(runbookIndexDocument);
}

export default defineCommand({
  meta: { name: 'suggest', description: 'Show the articles and runbooks that best match a problem description' },
  args: {
    text: { type: 'positional', required: false, description: 'The problem: an error message, a subject, a paste of a log (or `-` for standard input)' },
    articles: { type: 'string', description: 'Folder of articles (default: content/articles)' },
    runbooks: { type: 'string', description: 'Folder of runbooks (default: the runbooks of @nimbus/runbooks; `off` for articles only)' },
    top: { type: 'string', default: '5', description: 'Number of suggestions' },
    format: { type: 'string', default: 'text', description: 'text | json' },
    'index-cache': { type: 'string', description: 'Folder for the cached index (default: node_modules/.cache/kb; `off` to always rebuild)' },
    'linked-cases': linkedCasesArg,
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const format = args.format;
    if (format !== 'text' && format !== 'json') throw kbError(kbErrors.InvalidOption, 'format', format, 'text or json');
    const top = positiveInteger(args.top, 'top', 5);
    const words = (args._ as string[]).join(' ');
    let input = words;
    if (words === '-' || (words === '' && !io.stdin.isTTY)) {
      const chunks: Buffer[] = [];
      for await (const chunk of io.stdin) chunks.push(chunk as Buffer);
      input = Buffer.concat(chunks).toString('utf8');
    }
    if (input.trim() === '') throw new KbError(kbErrors.MissingInput, 'Expected a problem description, like `kb suggest "SSH fails with Permission denied (publickey)"`');
    // Redact before anything else sees the text: it may hold a pasted token or a customer's address.
    const { text, counts } = redact(input);
    const articles = args.articles ?? defaultArticlesDir(io);
    // An explicit folder is read like any Markdown; by default the runbook package's validated runbooks are used.
    const runbooksDir = args.runbooks && args.runbooks !== 'off' ? args.runbooks : undefined;
    const extra = args.runbooks === undefined ? await packageRunbooks() : [];
    const opened = await openCaseIndex(io, { articles, runbooks: runbooksDir, 'index-cache': args['index-cache'] }, extra);
    const index = learnFromLedger(opened.index, await loadLinkedCases(io, args['linked-cases']));
    const synonyms = await loadVocabulary(io);
    const results = rank(index, text, { top, ...(synonyms ? { synonyms } : {}) });
    // What was redacted, in counts only, on stderr in every format (the JSON also carries the counts).
    const redacted = describeRedactions(counts);
    if (redacted !== 'nothing') err(io, `kb: redacted before searching: ${redacted}`);
    if (format === 'json') {
      const json = {
        redactions: counts,
        results: results.map(({ id, kind, path: file, title, score, confidence, evidence }) => ({ id, kind, path: file, title, score, confidence, evidence })),
      };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return;
    }
    if (results.length === 0) {
      out(io, 'No matching article or runbook. If this is a new problem, it may be a content gap worth an article.');
    }
    results.forEach((result, position) => {
      out(io, `${position + 1}. ${result.title}`);
      out(io, `   ${result.kind} ${result.id} · ${result.path} · confidence ${result.confidence.toFixed(2)}`);
      out(io, `   ${evidenceText(result)}`);
    });
  },
});
