import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from 'citty';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { validateLedger } from '@nimbus/case-index';
import { checkKnowledgeBase } from '@nimbus/content-loader';
import { defaultRunbooksDir } from '@nimbus/runbooks';
import { RULES_HELP } from '../check-rules.ts';
import { formatProblems, type ProblemFormat } from '../format-problems.ts';
import { kbError, kbErrors } from '../error-catalog.ts';
import { err, ioOf } from '../io.ts';

export default defineCommand({
  meta: { name: 'check', description: `Validate content: one line per problem, \`path:line:col: error|warning: message (rule-id)\`; ${RULES_HELP}` },
  args: {
    paths: { type: 'positional', required: false, description: 'Files or folders to report on (default: everything)' },
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    format: { type: 'string', default: 'text', description: 'text | json (each problem with its rule\'s `url`) | github' },
    today: { type: 'string', description: 'Check review dates as of this day (YYYY-MM-DD); default: today' },
    runbooks: { type: 'string', description: 'Runbook folder (default: the runbooks package, unless --content names another content folder)' },
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const format = args.format as ProblemFormat;
    if (!['text', 'json', 'github'].includes(format)) throw kbError(kbErrors.InvalidOption, 'format', args.format, 'text, json or github');
    const contentDir = path.resolve(io.cwd, args.content ?? io.env.KB_CONTENT_DIR ?? 'content');
    if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw kbError(kbErrors.InvalidDay, 'today', args.today);
    // The repository's runbooks belong to the repository's content; another content folder brings its own or none.
    const runbooksArg = args.runbooks ?? io.env.KB_RUNBOOKS_DIR;
    const runbooksDir = runbooksArg !== undefined ? (runbooksArg && path.resolve(io.cwd, runbooksArg)) || undefined : args.content === undefined ? defaultRunbooksDir() : undefined;
    // The same entry point as the build's validation: one set of rules, one place.
    const { content, files: checkedFiles } = await checkKnowledgeBase({ contentDir, runbooksDir, today: args.today });
    const scope = (args._ as string[]).map((entry) => path.resolve(io.cwd, entry));
    const inScope = (file: string) => scope.length === 0 || scope.some((entry) => file === entry || file.startsWith(`${entry}${path.sep}`));
    // The link ledger kept beside the cases: its links must still lead to articles.
    const ledgerFiles: { file: VFile; dir: string }[] = [];
    const ledgerPath = path.join(content.dir, 'cases', 'ledger.jsonl');
    const ledgerText = await readFile(ledgerPath, 'utf8').catch(() => undefined);
    if (ledgerText !== undefined) {
      const ledger = new VFile({ path: 'cases/ledger.jsonl', value: ledgerText });
      validateLedger(ledger, new Set(content.articles.map((article) => article.id)));
      ledgerFiles.push({ file: ledger, dir: content.dir });
    }
    const allFiles = [...checkedFiles, ...ledgerFiles];
    const messages = allFiles
      .filter(({ file, dir }) => inScope(path.join(dir, file.path)))
      .flatMap(({ file, dir }) =>
        file.messages.map((message) => {
          const shown = (relative: string) => path.relative(io.cwd, path.join(dir, relative));
          const cause = message.cause instanceof VFileMessage && message.cause.file ? { causeFile: shown(message.cause.file) } : {};
          return { message, file: shown(file.path), ...cause };
        }),
      );
    const output = formatProblems(messages, format);
    if (output) io.stdout.write(`${output}\n`);
    const errors = messages.filter(({ message }) => message.fatal).length;
    if (format === 'text') {
      err(io, `${allFiles.length} files checked: ${errors} error(s), ${messages.length - errors} warning(s)`);
    }
    return errors > 0 ? 1 : 0;
  },
});
