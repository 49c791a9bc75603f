import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nimbus/atomic-file';
import path from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { VFileMessage } from 'vfile-message';
import {
  answersDriver,
  answersTemplate,
  fillPlaceholders,
  AnswersError,
  findByTrigger,
  buildCaseNote,
  parseAnswers,
  placeholdersIn,
  validateRunbookFiles,
  walkRunbook,
  WalkError,
  type WalkAnswers,
  type WalkDriver,
} from '@nimbus/runbooks';
import { formatMessage } from '@nimbus/content';
import { describeRedactions, totalRedactions } from '@nimbus/redact';
import { KbError, kbError, kbErrors } from '../error-catalog.ts';
import { repeatedValues } from '../args.ts';
import { err, ioOf } from '../io.ts';
import { formatProblems, type LocatedMessage, type ProblemFormat } from '../format-problems.ts';
import { introduce, promptDriver } from '../runbook-prompts.ts';
import { checkParams, openRunbooks, paramArgs, readContentFacts, resolveRunbook, runbookLocations, runbooksVersion } from '../runbook-source.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default defineCommand({
  meta: { name: 'runbook', description: 'Walk a runbook step by step and write the case note (Findings, Actions taken, Next steps planned, Recommendations)' },
  args: {
    id: { type: 'positional', required: false, description: 'Runbook id, like vm-unreachable (kb runbook --list shows them)' },
    param: { type: 'string', description: 'A parameter as key=value; repeat the flag for several, e.g. --param instanceId=i-0abc4f2e9d81c7a53' },
    steps: { type: 'boolean', description: 'Print the step ids and their branches as an answers file to fill in (for --answers)' },
    answers: { type: 'string', description: 'Walk without prompts, from a JSON or YAML answers file' },
    out: { type: 'string', description: 'Write the case note to this file instead of stdout' },
    list: { type: 'boolean', description: 'List the runbooks' },
    find: { type: 'string', description: 'List the runbooks whose triggers match this alert, error or symptom' },
    check: { type: 'boolean', description: 'Validate the runbooks (or the files given) and exit 1 on errors' },
    format: { type: 'string', default: 'text', description: 'With --check: text | json | github' },
    today: { type: 'string', description: 'Check review dates as of this day (YYYY-MM-DD); default: today' },
    dir: { type: 'string', description: 'Runbook folder (default: $KB_RUNBOOKS_DIR or the @nimbus/runbooks package)' },
    content: { type: 'string', description: 'Content folder for the taxonomy and articles (default: $KB_CONTENT_DIR or ./content)' },
  },
  async run(context) {
    const { args, rawArgs } = context;
    const io = ioOf(context);
    if (args.today !== undefined && !DAY.test(args.today)) throw kbError(kbErrors.InvalidDay, 'today', args.today);
    const locations = runbookLocations(io, args);
    const facts = await readContentFacts(locations.content);
    const positionals = (args._ as string[]) ?? [];

    if (args.check) {
      const format = args.format as ProblemFormat;
      if (!['text', 'json', 'github'].includes(format)) throw kbError(kbErrors.InvalidOption, 'format', args.format, 'text, json or github');
      const options = { ...facts, ...(args.today ? { today: args.today } : {}) };
      let messages: LocatedMessage[];
      let checked: number;
      if (positionals.length > 0) {
        const files = await validateRunbookFiles(positionals.map((entry) => path.relative(io.cwd, path.resolve(io.cwd, entry))), { ...options, cwd: io.cwd });
        messages = files.flatMap((file) => file.messages.map((message) => ({ message, file: file.path })));
        checked = files.length;
      } else {
        const loaded = await openRunbooks(io, locations, options);
        messages = loaded.files.flatMap((file) => file.messages.map((message) => ({ message, file: path.relative(io.cwd, path.join(loaded.dir, file.path)) })));
        checked = loaded.files.length;
      }
      const output = formatProblems(messages, format);
      if (output) io.stdout.write(`${output}\n`);
      const errors = messages.filter(({ message }) => message.fatal).length;
      if (format === 'text') err(io, `${checked} runbook(s) checked: ${errors} error(s), ${messages.length - errors} warning(s)`);
      return errors > 0 ? 1 : 0;
    }

    const loaded = await openRunbooks(io, locations, { ...(facts.taxonomy ? { taxonomy: facts.taxonomy } : {}), ...(args.today ? { today: args.today } : {}) });
    if (args.list || args.find !== undefined) {
      const rows = args.find !== undefined
        ? findByTrigger(loaded.runbooks, args.find, { limit: 10 }).map((match) => `${match.runbook.id}\t${match.score.toFixed(2)}\t${match.kind}: ${match.trigger}`)
        : loaded.runbooks.map((runbook) => `${runbook.id}\t${runbook.area}\t${runbook.title}`);
      if (rows.length === 0 && args.find !== undefined) throw new KbError(kbErrors.UnknownName, `No runbook matches \`${args.find}\``);
      io.stdout.write(`${rows.join('\n')}\n`);
      return;
    }

    const id = args.id;
    if (!id) throw new KbError(kbErrors.MissingInput, 'Missing runbook id: kb runbook <id> [--param key=value…] [--answers FILE] [--out FILE], or kb runbook --list');
    const runbook = resolveRunbook(io, loaded, id);
    if (args.steps) {
      io.stdout.write(answersTemplate(runbook));
      return 0;
    }
    const file = loaded.files.find((candidate) => candidate.path === `${id}.mdx`);
    for (const warning of file?.messages ?? []) err(io, formatMessage(warning, path.relative(io.cwd, path.join(loaded.dir, warning.file ?? `${id}.mdx`))));

    let answers: WalkAnswers | undefined;
    if (args.answers) answers = await readAnswers(path.resolve(io.cwd, args.answers), args.answers);
    if (answers) checkParams(runbook, answers.parameters, args.answers);
    const cli = paramArgs(repeatedValues(rawArgs, context.cmd.args as ArgsDef, 'param'));
    checkParams(runbook, cli);
    const values: Record<string, string> = { ...answers?.parameters, ...cli };

    const version = runbooksVersion();
    let driver: WalkDriver;
    const streams = { input: io.stdin, output: io.stderr };
    if (answers) {
      try {
        driver = answersDriver(runbook, answers);
      } catch (error) {
        throw error instanceof WalkError ? new KbError(kbErrors.WalkError, `${args.answers}: ${error.message}`) : error;
      }
    } else {
      if (!io.stdin.isTTY) throw new KbError(kbErrors.MissingInput, 'No terminal to ask in: run kb runbook in a terminal, or pass --answers FILE');
      introduce(runbook, version, streams);
      driver = promptDriver(runbook, values, streams, facts.taxonomy);
    }
    let record;
    try {
      record = await walkRunbook(runbook, values, driver);
    } catch (error) {
      if (error instanceof WalkError) throw new KbError(kbErrors.WalkError, answers ? `${args.answers}: ${error.message}` : error.message);
      throw error;
    }
    if (answers) {
      const walked = record.steps.flatMap((entry) => placeholdersIn([entry.step.title, ...entry.step.commands.map((command) => command.value)].join('\n')));
      const missing = [...new Set(walked)].filter((name) => values[name] === undefined);
      if (missing.length > 0) err(io, `kb: no value for ${missing.map((name) => `\`${name}\``).join(', ')}; the case note keeps the placeholders`);
    }
    if (record.exit === 'escalate') {
      // Said where the engineer looks, not only in the note: this case now goes to L3.
      const last = record.steps.at(-1)!;
      const branch = last.step.ifDifferent[last.branch ?? 0];
      err(io, `kb: Escalate to L3 (${runbook.owner}) from step ${last.step.number} (${last.step.id})${branch ? `: ${fillPlaceholders(branch.text, values).replace(/\s+/g, ' ').trim()}` : ''}`);
      err(io, 'kb: the case note lists what to attach.');
    } else if (record.verification && !record.verification.passed) {
      err(io, `kb: Escalate to L3 (${runbook.owner}): the verification failed; the case note lists what to attach.`);
    }
    // Notes, next steps and parameter values are redacted; say what was, in counts only, never the values.
    const note = buildCaseNote(record, { version });
    if (args.out) {
      await writeFileAtomic(path.resolve(io.cwd, args.out), note.text);
      err(io, `Case note written to ${args.out}`);
    } else {
      io.stdout.write(note.text);
    }
    if (totalRedactions(note.redactions) > 0) err(io, `kb: redacted from the case note: ${describeRedactions(note.redactions)}`);
  },
});

/** Reads and parses an answers file; problems are one line with the file's position. */
async function readAnswers(absolute: string, file: string): Promise<WalkAnswers> {
  const source = await readFile(absolute, 'utf8').catch(() => {
    throw new KbError(kbErrors.Unreadable, `Cannot read the answers file \`${file}\``);
  });
  try {
    return parseAnswers(source);
  } catch (error) {
    if (error instanceof AnswersError) {
      const message = new VFileMessage(error.message, { place: error.place });
      throw new KbError(kbErrors.AnswersError, `${file}:${message.line ?? 1}:${message.column ?? 1}: ${error.message}`);
    }
    throw error;
  }
}
