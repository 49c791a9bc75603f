import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from 'citty';
import * as prompts from '@clack/prompts';
import { VFile } from 'vfile';
import { articleTemplate, localizedName, slugFromTitle, validateTaxonomy, type Taxonomy } from '@nimbus/content';
import { loadContent } from '@nimbus/content-loader';
import { UserError } from '../errors.ts';
import { defaultEventsFile, loadEventsReport } from './events-store.ts';
import { formatProblems } from '../format-problems.ts';

async function readTaxonomy(contentDir: string): Promise<Taxonomy> {
  const file = new VFile({ path: 'taxonomy.yaml', value: await readFile(path.join(contentDir, 'taxonomy.yaml'), 'utf8').catch(() => '') });
  const taxonomy = validateTaxonomy(file);
  if (!taxonomy) throw new UserError(`Cannot read ${path.join(contentDir, 'taxonomy.yaml')}: run \`kb check\` to see why`);
  return taxonomy;
}

/** Asks for a value unless a flag gave it; without a terminal a missing value is an error. */
async function ask(value: string | undefined, flag: string, interactive: boolean, question: () => Promise<string | symbol>): Promise<string> {
  if (value) return value;
  if (!interactive) throw new UserError(`Missing --${flag} (no terminal to ask on)`);
  const answer = await question();
  if (typeof answer !== 'string') throw new UserError('Cancelled, nothing was written', 130);
  return answer;
}

/** The queries of one content gap of the events report, ready for the article template. */
async function findGap(id: string, events: string | undefined): Promise<{ top: string; errors: string[]; symptoms: string[] }> {
  const report = await loadEventsReport(events || process.env.KB_EVENTS_DATABASE_URL || defaultEventsFile());
  const gap = report.gaps.find((candidate) => candidate.id === id);
  if (!gap) throw new UserError(`No content gap \`${id}\` in the events report (${report.gaps.length} gap(s); \`npx kb report --events\` lists them)`);
  // The first way each wording was typed, without commas: the template's --error takes a comma-separated list.
  const typed = gap.variants.slice(0, 5).map((variant) => variant.example.replace(/,/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { top: (typed[0] ?? gap.query).slice(0, 80), errors: typed, symptoms: typed.map((query) => `Searching for "${query}" finds no answer`) };
}

const article = defineCommand({
  meta: { name: 'article', description: 'Create a new article (state wip) that passes `kb check`' },
  args: {
    title: { type: 'string', description: 'The customer\'s question, e.g. "Why does … fail with …?"' },
    description: { type: 'string', description: 'One-line summary of the symptom' },
    product: { type: 'string', description: 'Product id from taxonomy.yaml' },
    area: { type: 'string', description: 'Area id of that product' },
    error: { type: 'string', description: 'Exact error message or code (comma-separated for several)' },
    owner: { type: 'string', description: 'Owning GitHub team, e.g. @nimbus/l3-storage' },
    slug: { type: 'string', description: 'File name (default: from the title)' },
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    yes: { type: 'boolean', description: 'Never prompt: every value comes from flags' },
    'from-gap': { type: 'string', description: 'Start from a content gap of `kb report --events` (its id, e.g. gap-1a2b3c4d5e): its queries become the symptoms and errors' },
    events: { type: 'string', description: 'Event store for --from-gap (default .kb/events.sqlite)' },
  },
  async run({ args: given }) {
    const gap = given['from-gap'] ? await findGap(given['from-gap'], given.events) : undefined;
    const args = gap ? { ...given, title: given.title ?? `How do I fix "${gap.top}"?`, description: given.description ?? `Readers searched for "${gap.top}" and found no article that answers it.`, error: given.error ?? gap.errors.join(',') } : given;
    const contentDir = path.resolve(args.content ?? process.env.KB_CONTENT_DIR ?? 'content');
    const taxonomy = await readTaxonomy(contentDir);
    const interactive = !args.yes && Boolean(process.stdin.isTTY);
    if (interactive) prompts.intro('New troubleshooting article');
    const title = await ask(args.title, 'title', interactive, () => prompts.text({ message: 'Title — the customer\'s question', placeholder: 'Why does my upload fail with "AccessDenied"?', validate: (v) => ((v ?? '').length < 10 ? 'At least 10 characters' : undefined) }));
    const description = await ask(args.description, 'description', interactive, () => prompts.text({ message: 'One-line description of the symptom', validate: (v) => ((v ?? '').length < 10 ? 'At least 10 characters' : undefined) }));
    const product = await ask(args.product, 'product', interactive, () => prompts.select({ message: 'Product', options: taxonomy.products.map((p) => ({ value: p.id, label: localizedName(p, 'en') })) }));
    const known = taxonomy.products.find((p) => p.id === product);
    if (!known) throw new UserError(`Unknown product \`${product}\`, expected one of ${taxonomy.products.map((p) => p.id).join(', ')}`);
    const area = await ask(args.area, 'area', interactive, () => prompts.select({ message: 'Area', options: known.areas.map((id) => ({ value: id, label: id })) }));
    if (!known.areas.includes(area)) throw new UserError(`Unknown area \`${area}\` for ${product}, expected one of ${known.areas.join(', ')}`);
    const errorText = args.error ?? (interactive ? await ask(undefined, 'error', true, () => prompts.text({ message: 'Exact error message or code (comma-separated, optional)', defaultValue: '' })) : '');
    const owner = await ask(args.owner, 'owner', interactive, () => prompts.text({ message: 'Owning team', placeholder: '@nimbus/l3-compute', validate: (v) => (/^@[\w.-]+(?:\/[\w.-]+)?$/.test(v ?? '') ? undefined : 'Like @org/team') }));
    const slug = args.slug ?? slugFromTitle(title);
    const relative = path.join('articles', 'en', product, `${slug}.mdx`);
    const target = path.join(contentDir, relative);
    if (existsSync(target)) throw new UserError(`${path.relative(process.cwd(), target)} exists already, pick another --slug`);

    const template = articleTemplate({ title, description, product, area, owner, errors: errorText.split(',').map((e) => e.trim()).filter(Boolean), today: new Date().toISOString().slice(0, 10) });
    // A gap's queries are what readers typed: the first symptoms to check and reword.
    const source = gap ? template.replace('symptoms: []', `symptoms:\n${gap.symptoms.map((symptom) => `  - ${JSON.stringify(symptom)}`).join('\n')}`) : template;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, source, { flag: 'wx' });
    // Prove the promise: the new file passes every error rule of `kb check`.
    const content = await loadContent(contentDir, { rules: 'all' });
    const problems = content.files.filter((file) => file.path === relative).flatMap((file) => file.messages.map((message) => ({ message, file: path.relative(process.cwd(), target) })));
    if (problems.some(({ message }) => message.fatal)) throw new UserError(`Created ${path.relative(process.cwd(), target)}, but it does not pass kb check:\n${formatProblems(problems, 'text')}`);
    const done = `Created ${path.relative(process.cwd(), target)} (state: wip). Fill in the sections, then run \`npx kb check\`.`;
    if (interactive) prompts.outro(done);
    else console.log(done);
  },
});

export default defineCommand({
  meta: { name: 'new', description: 'Create a new article or runbook from the template' },
  subCommands: { article },
});
