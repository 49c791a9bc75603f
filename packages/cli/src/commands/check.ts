import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from 'citty';
import { VFile } from 'vfile';
import { validateLedger } from '@nimbus/case-index';
import { loadContent } from '@nimbus/content-loader';
import { validateVocabulary } from '@nimbus/content';
import { defaultRunbooksDir, loadRunbooks, validateArticleRunbooks } from '@nimbus/runbooks';
import { formatProblems, type ProblemFormat } from '../format-problems.ts';
import { UserError } from '../errors.ts';

export default defineCommand({
  meta: { name: 'check', description: 'Validate content: one line per problem, `path:line:col: error|warning: message (rule-id)`' },
  args: {
    paths: { type: 'positional', required: false, description: 'Files or folders to report on (default: everything)' },
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    format: { type: 'string', default: 'text', description: 'text | json | github' },
    today: { type: 'string', description: 'Check review dates as of this day (YYYY-MM-DD); default: today' },
    runbooks: { type: 'string', description: 'Runbook folder (default: the runbooks package, unless --content names another content folder)' },
  },
  async run({ args }) {
    const format = args.format as ProblemFormat;
    if (!['text', 'json', 'github'].includes(format)) throw new UserError(`Unknown --format \`${args.format}\`, expected text, json or github`);
    const contentDir = path.resolve(args.content ?? process.env.KB_CONTENT_DIR ?? 'content');
    if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new UserError(`Unexpected --today \`${args.today}\`, expected YYYY-MM-DD`);
    const content = await loadContent(contentDir, { rules: 'all', today: args.today });
    // The repository's runbooks belong to the repository's content; another content folder brings its own or none.
    const runbooksDir = args.runbooks ?? process.env.KB_RUNBOOKS_DIR ?? (args.content === undefined ? defaultRunbooksDir() : undefined);
    const runbookFiles: { file: VFile; dir: string }[] = [];
    if (runbooksDir) {
      const englishIds = content.articles.filter((article) => article.locale === 'en').map((article) => article.id);
      const loaded = await loadRunbooks(runbooksDir, { taxonomy: content.taxonomy, articleIds: englishIds, today: args.today });
      runbookFiles.push(...loaded.files.map((file) => ({ file, dir: loaded.dir })));
      const ids = loaded.files.map((file) => path.basename(file.path, path.extname(file.path)));
      for (const file of content.files) if (file.path.startsWith('articles/')) validateArticleRunbooks(file, ids);
    }
    const scope = (args._ as string[]).map((entry) => path.resolve(entry));
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
    // The search vocabulary: every search box expands queries with it.
    const vocabularyText = await readFile(path.join(content.dir, 'vocabulary.yaml'), 'utf8').catch(() => undefined);
    if (vocabularyText !== undefined) {
      const vocabulary = new VFile({ path: 'vocabulary.yaml', value: vocabularyText });
      validateVocabulary(vocabulary);
      ledgerFiles.push({ file: vocabulary, dir: content.dir });
    }
    const allFiles = [...content.files.map((file) => ({ file, dir: content.dir })), ...runbookFiles, ...ledgerFiles];
    const messages = allFiles
      .filter(({ file, dir }) => inScope(path.join(dir, file.path)))
      .flatMap(({ file, dir }) => file.messages.map((message) => ({ message, file: path.relative(process.cwd(), path.join(dir, file.path)) })));
    const output = formatProblems(messages, format);
    if (output) process.stdout.write(`${output}\n`);
    const errors = messages.filter(({ message }) => message.fatal).length;
    if (format === 'text') {
      console.error(`${allFiles.length} files checked: ${errors} error(s), ${messages.length - errors} warning(s)`);
    }
    if (errors > 0) process.exitCode = 1;
  },
});
