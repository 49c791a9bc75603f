import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import * as prompts from '@clack/prompts';
import { VFile } from 'vfile';
import { articleTemplate, formatMessage, localizedName, slugFromTitle, validateTaxonomy, type Taxonomy } from '@nimbus/content';
import { defaultRunbooksDir, generalArea, runbookTemplate, validateRunbookFile } from '@nimbus/runbooks';
import { loadContent } from '@nimbus/content-loader';
import { repeatedValues } from '../args.ts';
import { KbError, kbErrors } from '../error-catalog.ts';
import { ioOf, out, type KbIO } from '../io.ts';
import { defaultEventsFile, loadEventsReport } from './events-store.ts';
import { formatProblems } from '../format-problems.ts';

async function readTaxonomy(contentDir: string): Promise<Taxonomy> {
  const file = new VFile({ path: 'taxonomy.yaml', value: await readFile(path.join(contentDir, 'taxonomy.yaml'), 'utf8').catch(() => '') });
  const taxonomy = validateTaxonomy(file);
  if (!taxonomy) throw new KbError(kbErrors.Unreadable, `Cannot read ${path.join(contentDir, 'taxonomy.yaml')}: run \`kb check\` to see why`);
  return taxonomy;
}

/** What both verbs start from: the content folder and its taxonomy, whether to prompt, and where prompts talk. */
async function begin(io: KbIO, args: { content?: string | undefined; yes?: boolean | undefined }, heading: string) {
  const contentDir = path.resolve(io.cwd, args.content ?? io.env.KB_CONTENT_DIR ?? 'content');
  const taxonomy = await readTaxonomy(contentDir);
  const interactive = !args.yes && Boolean(io.stdin.isTTY);
  // Prompts talk on the terminal the command was given, never on the process's own streams.
  const streams = { input: io.stdin, output: io.stdout };
  if (interactive) prompts.intro(heading, streams);
  return { contentDir, taxonomy, interactive, streams };
}

/** Asks for a value unless a flag gave it; without a terminal a missing value is an error. */
async function ask(value: string | undefined, flag: string, interactive: boolean, question: () => Promise<string | symbol>): Promise<string> {
  if (value) return value;
  if (!interactive) throw new KbError(kbErrors.MissingInput, `Missing --${flag} (no terminal to ask on)`);
  const answer = await question();
  if (typeof answer !== 'string') throw new KbError(kbErrors.Cancelled, 'Cancelled, nothing was written');
  return answer;
}

/** The queries of one content gap of the events report, ready for the article template. */
async function findGap(io: KbIO, id: string, events: string | undefined): Promise<{ top: string; errors: string[]; symptoms: string[] }> {
  const store = events && !/^postgres(?:ql)?:/.test(events) ? path.resolve(io.cwd, events) : events;
  const report = await loadEventsReport(store || io.env.KB_EVENTS_DATABASE_URL || defaultEventsFile(io.cwd), io.cwd);
  const gap = report.gaps.find((candidate) => candidate.id === id);
  if (!gap) throw new KbError(kbErrors.UnknownName, `No content gap \`${id}\` in the events report (${report.gaps.length} gap(s); \`npx kb report --events\` lists them)`);
  // The first way each wording was typed, one error each.
  const typed = gap.variants.slice(0, 5).map((variant) => variant.example.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { top: (typed[0] ?? gap.query).slice(0, 80), errors: typed, symptoms: typed.map((query) => `Searching for "${query}" finds no answer`) };
}

const article = defineCommand({
  meta: { name: 'article', description: 'Create a new article (state wip) that passes `kb check`' },
  args: {
    title: { type: 'string', description: 'The customer\'s question, e.g. "Why does … fail with …?"' },
    description: { type: 'string', description: 'One-line summary of the symptom' },
    product: { type: 'string', description: 'Product id from taxonomy.yaml' },
    area: { type: 'string', description: 'Area id of that product' },
    error: { type: 'string', description: 'Exact error message or code, verbatim (commas are part of it); repeat the flag for several' },
    owner: { type: 'string', description: 'Owning GitHub team, e.g. @nimbus/l3-storage' },
    slug: { type: 'string', description: 'File name (default: from the title)' },
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    yes: { type: 'boolean', description: 'Never prompt: every value comes from flags' },
    'from-gap': { type: 'string', description: 'Start from a content gap of `kb report --events` (its id, e.g. gap-1a2b3c4d5e): its queries become the symptoms and errors' },
    events: { type: 'string', description: 'Event store for --from-gap (default .kb/events.sqlite)' },
  },
  async run(context) {
    const { args: given, rawArgs } = context;
    const io = ioOf(context);
    const gap = given['from-gap'] ? await findGap(io, given['from-gap'], given.events) : undefined;
    const args = gap ? { ...given, title: given.title ?? `How do I fix "${gap.top}"?`, description: given.description ?? `Readers searched for "${gap.top}" and found no article that answers it.` } : given;
    const { contentDir, taxonomy, interactive, streams } = await begin(io, args, 'New troubleshooting article');
    const title = await ask(args.title, 'title', interactive, () => prompts.text({ message: 'Title — the customer\'s question', placeholder: 'Why does my upload fail with "AccessDenied"?', validate: (v) => ((v ?? '').length < 10 ? 'At least 10 characters' : undefined), ...streams }));
    const description = await ask(args.description, 'description', interactive, () => prompts.text({ message: 'One-line description of the symptom', validate: (v) => ((v ?? '').length < 10 ? 'At least 10 characters' : undefined), ...streams }));
    const product = await ask(args.product, 'product', interactive, () => prompts.select({ message: 'Product', options: taxonomy.products.map((p) => ({ value: p.id, label: localizedName(p, 'en') })), ...streams }));
    const known = taxonomy.products.find((p) => p.id === product);
    if (!known) throw new KbError(kbErrors.UnknownName, `Unknown product \`${product}\`, expected one of ${taxonomy.products.map((p) => p.id).join(', ')}`);
    const area = await ask(args.area, 'area', interactive, () => prompts.select({ message: 'Area', options: known.areas.map((id) => ({ value: id, label: id })), ...streams }));
    if (!known.areas.includes(area)) throw new KbError(kbErrors.UnknownName, `Unknown area \`${area}\` for ${product}, expected one of ${known.areas.join(', ')}`);
    const givenErrors = repeatedValues(rawArgs, context.cmd.args as ArgsDef, 'error').map((error) => error.trim()).filter(Boolean);
    // Errors given as flags win; from a gap, what readers typed stands in for them until the author rewords it.
    const errors = givenErrors.length > 0 || !gap ? givenErrors : [...gap.errors];
    if (errors.length === 0 && interactive) {
      // One message per answer, verbatim: a message may itself contain commas.
      for (;;) {
        const answer = await ask(undefined, 'error', true, () => prompts.text({ message: errors.length ? 'Another error message or code (Enter when done)' : 'Exact error message or code (optional, Enter to skip)', defaultValue: '', ...streams }));
        if (answer.trim() === '') break;
        errors.push(answer.trim());
      }
    }
    const owner = await ask(args.owner, 'owner', interactive, () => prompts.text({ message: 'Owning team', placeholder: '@nimbus/l3-compute', validate: (v) => (/^@[\w.-]+(?:\/[\w.-]+)?$/.test(v ?? '') ? undefined : 'Like @org/team'), ...streams }));
    const slug = args.slug ?? slugFromTitle(title);
    const relative = path.join('articles', 'en', product, `${slug}.mdx`);
    const target = path.join(contentDir, relative);
    if (existsSync(target)) throw new KbError(kbErrors.TargetExists, `${path.relative(io.cwd, target)} exists already, pick another --slug`);

    const template = articleTemplate({ title, description, product, area, owner, errors, today: new Date().toISOString().slice(0, 10) });
    // A gap's queries are what readers typed: the first symptoms to check and reword.
    const source = gap ? template.replace('symptoms: []', `symptoms:\n${gap.symptoms.map((symptom) => `  - ${JSON.stringify(symptom)}`).join('\n')}`) : template;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, source, { flag: 'wx' });
    // Prove the promise: the new file passes every error rule of `kb check`.
    const content = await loadContent(contentDir, { rules: 'all' });
    const problems = content.files.filter((file) => file.path === relative).flatMap((file) => file.messages.map((message) => ({ message, file: path.relative(io.cwd, target) })));
    if (problems.some(({ message }) => message.fatal)) throw new KbError(kbErrors.InvalidContent, `Created ${path.relative(io.cwd, target)}, but it does not pass kb check:\n${formatProblems(problems, 'text')}`);
    const done = `Created ${path.relative(io.cwd, target)} (state: wip). Fill in the sections, then run \`npx kb check\`.`;
    if (interactive) prompts.outro(done, streams);
    else out(io, done);
  },
});

const runbook = defineCommand({
  meta: { name: 'runbook', description: 'Create a new runbook for L2 that passes `kb runbook --check`' },
  args: {
    title: { type: 'string', description: 'What the runbook resolves, as L2 would search for it' },
    area: { type: 'string', description: `Area id from taxonomy.yaml, or \`${generalArea}\`` },
    owner: { type: 'string', description: 'Owning L3 team, e.g. @nimbus/l3-networking' },
    severity: { type: 'string', description: 'Severity id from taxonomy.yaml; repeat the flag for several (default: every severity)' },
    error: { type: 'string', description: 'An error message that leads here, verbatim; repeat the flag for several' },
    alert: { type: 'string', description: 'A monitoring alert that leads here; repeat the flag for several' },
    symptom: { type: 'string', description: 'What the customer reports; repeat the flag for several' },
    id: { type: 'string', description: 'Runbook id and file name (default: from the title)' },
    dir: { type: 'string', description: 'Runbook folder (default: $KB_RUNBOOKS_DIR or the @nimbus/runbooks package)' },
    content: { type: 'string', description: 'Content folder for the taxonomy (default: $KB_CONTENT_DIR or ./content)' },
    yes: { type: 'boolean', description: 'Never prompt: every value comes from flags' },
  },
  async run(context) {
    const { args, rawArgs } = context;
    const io = ioOf(context);
    const { taxonomy, interactive, streams } = await begin(io, args, 'New runbook');
    const title = await ask(args.title, 'title', interactive, () => prompts.text({ message: 'Title — what the runbook resolves', validate: (v) => ((v ?? '').length < 10 ? 'At least 10 characters' : undefined), ...streams }));
    const areas = [...taxonomy.areas.map((area) => area.id), generalArea];
    const area = await ask(args.area, 'area', interactive, () => prompts.select({ message: 'Area', options: areas.map((id) => ({ value: id, label: id })), ...streams }));
    if (!areas.includes(area)) throw new KbError(kbErrors.UnknownName, `Unknown area \`${area}\`, expected one of ${areas.join(', ')}`);
    const owner = await ask(args.owner, 'owner', interactive, () => prompts.text({ message: 'Owning L3 team', placeholder: '@nimbus/l3-networking', validate: (v) => (/^@[\w.-]+(?:\/[\w.-]+)?$/.test(v ?? '') ? undefined : 'Like @org/team'), ...streams }));
    const argsDef = context.cmd.args as ArgsDef;
    const known = taxonomy.severities.map((severity) => severity.id);
    const severities = repeatedValues(rawArgs, argsDef, 'severity');
    for (const severity of severities) if (!known.includes(severity)) throw new KbError(kbErrors.UnknownName, `Unknown severity \`${severity}\`, expected one of ${known.join(', ')}`);
    const triggers = { alerts: repeatedValues(rawArgs, argsDef, 'alert'), errors: repeatedValues(rawArgs, argsDef, 'error'), symptoms: repeatedValues(rawArgs, argsDef, 'symptom') };
    if (triggers.alerts.length + triggers.errors.length + triggers.symptoms.length === 0) {
      if (!interactive) throw new KbError(kbErrors.MissingInput, 'Missing --error, --alert or --symptom: what leads an engineer to this runbook (no terminal to ask on)');
      triggers.symptoms.push(await ask(undefined, 'symptom', true, () => prompts.text({ message: 'What the customer reports (a symptom that leads here)', validate: (v) => ((v ?? '').trim() ? undefined : 'Required'), ...streams })));
    }
    const id = args.id ?? slugFromTitle(title);
    const dir = path.resolve(io.cwd, args.dir || io.env.KB_RUNBOOKS_DIR || defaultRunbooksDir());
    const target = path.join(dir, `${id}.mdx`);
    if (existsSync(target)) throw new KbError(kbErrors.TargetExists, `${path.relative(io.cwd, target)} exists already, pick another --id`);
    const source = runbookTemplate({ title, area, owner, severities: severities.length ? severities : known, triggers, today: new Date().toISOString().slice(0, 10) });
    // Checked before it is written: a runbook that would not pass is never left behind.
    const file = new VFile({ path: `${id}.mdx`, value: source });
    validateRunbookFile(file, { taxonomy });
    const problems = file.messages.filter((message) => message.fatal);
    if (problems.length > 0) throw new KbError(kbErrors.InvalidContent, `Not written, the runbook would not pass kb runbook --check:\n${problems.map((message) => formatMessage(message, path.relative(io.cwd, target))).join('\n')}`);
    await mkdir(dir, { recursive: true });
    await writeFile(target, source, { flag: 'wx' });
    const done = `Created ${path.relative(io.cwd, target)}. Write its steps, then run \`npx kb runbook --check\`.`;
    if (interactive) prompts.outro(done, streams);
    else out(io, done);
  },
});

export default defineCommand({
  meta: { name: 'new', description: 'Create a new article or runbook from the template' },
  subCommands: { article, runbook },
});
