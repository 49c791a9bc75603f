import path from 'node:path';
import { defineCommand } from 'citty';
import { loadContent } from '@nimbus/content-loader';
import { formatProblems, type ProblemFormat } from '../format-problems.ts';
import { UserError } from '../errors.ts';

export default defineCommand({
  meta: { name: 'check', description: 'Validate content: one line per problem, `path:line:col: error|warning: message (rule-id)`' },
  args: {
    paths: { type: 'positional', required: false, description: 'Files or folders to report on (default: everything)' },
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    format: { type: 'string', default: 'text', description: 'text | json | github' },
    today: { type: 'string', description: 'Check review dates as of this day (YYYY-MM-DD); default: today' },
  },
  async run({ args }) {
    const format = args.format as ProblemFormat;
    if (!['text', 'json', 'github'].includes(format)) throw new UserError(`Unknown --format \`${args.format}\`, expected text, json or github`);
    const contentDir = path.resolve(args.content ?? process.env.KB_CONTENT_DIR ?? 'content');
    if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new UserError(`Unexpected --today \`${args.today}\`, expected YYYY-MM-DD`);
    const content = await loadContent(contentDir, { rules: 'all', today: args.today });
    const scope = (args._ as string[]).map((entry) => path.resolve(entry));
    const inScope = (file: string) => scope.length === 0 || scope.some((entry) => file === entry || file.startsWith(`${entry}${path.sep}`));
    const messages = content.files
      .filter((file) => inScope(path.join(content.dir, file.path)))
      .flatMap((file) => file.messages.map((message) => ({ message, file: path.relative(process.cwd(), path.join(content.dir, file.path)) })));
    const output = formatProblems(messages, format);
    if (output) process.stdout.write(`${output}\n`);
    const errors = messages.filter(({ message }) => message.fatal).length;
    if (format === 'text') {
      console.error(`${content.files.length} files checked: ${errors} error(s), ${messages.length - errors} warning(s)`);
    }
    if (errors > 0) process.exitCode = 1;
  },
});
