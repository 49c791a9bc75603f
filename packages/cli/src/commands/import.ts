import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from 'citty';
import { parse as parseYaml } from 'yaml';
import { kcsStates, visibilities, type KcsState, type Visibility } from '@nimbus/content';
import { importKnowledgeBase, ImportOwnerError, ImportSourceError, ImportTargetError, reportClasses, type ImportOptions, type ImportResult, type OwnerMapping, type ReportClass } from '@nimbus/importer';
import { KbError, kbError, kbErrors } from '../error-catalog.ts';
import { err, ioOf, type KbIO } from '../io.ts';
import { createProgress } from '../progress.ts';

export default defineCommand({
  meta: { name: 'import', description: 'Convert a Markdown knowledge base (docfx/GitHub flavoured) into a content folder; every article not-validated and internal until someone reviews it' },
  args: {
    src: { type: 'positional', required: true, description: 'Folder of Markdown articles with YAML frontmatter' },
    dest: { type: 'positional', required: true, description: 'Content folder to create (taxonomy.yaml, articles/, import-report.json)' },
    force: { type: 'boolean', default: false, description: 'Replace DEST when it is not empty' },
    provider: { type: 'string', description: 'Provider name in taxonomy.yaml (default: "Imported knowledge base")' },
    manifest: { type: 'string', description: 'JSON Lines file with the public `url` of each source `path`, for provenance, images and links' },
    'base-url': { type: 'string', description: 'Public URL of the source folder: an article is BASE-URL + its path without `.md`' },
    attribution: { type: 'string', description: 'File with the source\'s attribution notice, copied into ATTRIBUTION.md' },
    license: { type: 'string', description: 'Licence of the source, named on every article (e.g. "CC BY 4.0")' },
    today: { type: 'string', description: 'Import day as YYYY-MM-DD (default: today)' },
    reviewed: { type: 'string', default: 'source', description: 'source: `reviewed` is the source\'s date (the import day only when it has none) | import: the import day' },
    state: { type: 'string', default: 'not-validated', description: `KCS state of every article: ${kcsStates.join(' | ')}, or detect (validated when it has a resolution section)` },
    visibility: { type: 'string', default: 'internal', description: 'internal (engineers only) | public (customers too, once validated)' },
    'owner-map': { type: 'string', description: 'YAML or JSON file mapping each source author (ms.author / author) to its team, e.g. `jdoe: "@contoso/l3-mail"`' },
    owner: { type: 'string', description: 'Owner of the articles whose author the map does not name, e.g. @contoso/kb-team' },
    'max-product-size': { type: 'string', description: 'Split a folder with more articles than this into products (default 350)' },
    'min-product-size': { type: 'string', description: 'Keep a subfolder with fewer articles than this in its parent\'s product (default 20)' },
    workers: { type: 'string', description: 'Worker threads for the conversion (default 1: they pay off only with idle cores)' },
    discover: { type: 'boolean', default: true, description: 'Use SOURCE.md and manifest.jsonl next to SRC when --attribution/--manifest are not given (--no-discover: never)' },
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const started = performance.now();
    const src = path.resolve(io.cwd, args.src);
    const dest = path.resolve(io.cwd, args.dest);
    const info = await stat(src).catch(() => undefined);
    if (!info) throw new KbError(kbErrors.NotFound, `Missing source folder \`${args.src}\``);
    if (!info.isDirectory()) throw new KbError(kbErrors.NotFound, `Unexpected source \`${args.src}\`, expected a folder of Markdown files`);
    if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw kbError(kbErrors.InvalidDay, 'today', args.today);
    if (args.reviewed !== 'import' && args.reviewed !== 'source') throw kbError(kbErrors.InvalidOption, 'reviewed', args.reviewed, 'source or import');
    const state = args.state as KcsState | 'detect';
    if (state !== 'detect' && !(kcsStates as readonly string[]).includes(state)) throw kbError(kbErrors.InvalidOption, 'state', args.state, `${kcsStates.join(', ')} or detect`);
    const visibility = args.visibility as Visibility;
    if (!(visibilities as readonly string[]).includes(visibility)) throw kbError(kbErrors.InvalidOption, 'visibility', args.visibility, `${visibilities.join(' or ')}`);
    if (args.owner !== undefined && !OWNER.test(args.owner)) throw new KbError(kbErrors.InvalidOption, `Unexpected --owner \`${args.owner}\`, expected a GitHub team or user like @contoso/kb-team`);
    const owners: OwnerMapping = { ...(args['owner-map'] !== undefined ? { byAuthor: await readOwnerMap(path.resolve(io.cwd, args['owner-map']), args['owner-map']) } : {}), ...(args.owner !== undefined ? { fallback: args.owner } : {}) };
    if (args.manifest !== undefined && args['base-url'] !== undefined) throw new KbError(kbErrors.ConflictingOptions, 'Unexpected --manifest together with --base-url, give one of them');

    // A corpus often keeps its provenance beside the articles folder: use it unless told otherwise, and say so.
    // Printed once the import worked, so a bad invocation stays one line.
    const notes: string[] = [];
    let manifest = args.manifest;
    let attributionFile = args.attribution;
    if (args.discover) {
      const beside = (name: string) => stat(path.join(path.dirname(src), name)).then((file) => (file.isFile() ? path.join(path.dirname(src), name) : undefined), () => undefined);
      if (manifest === undefined && args['base-url'] === undefined && (manifest = await beside('manifest.jsonl'))) notes.push(`Used public URLs from ${manifest} (--no-discover to ignore it)`);
      if (attributionFile === undefined && (attributionFile = await beside('SOURCE.md'))) notes.push(`Used the attribution notice of ${attributionFile} (--no-discover to ignore it)`);
    }
    const progress = createProgress(io, 'Converting articles');
    const attribution = attributionFile !== undefined ? await readAttribution(path.resolve(io.cwd, attributionFile), attributionFile) : undefined;
    const options: ImportOptions & { force: boolean; workers?: number } = {
      force: args.force,
      workers: sizeOption(args.workers, '--workers'),
      provider: args.provider,
      today: args.today,
      reviewed: args.reviewed,
      state,
      visibility,
      owners,
      onProgress: (done, total) => progress.update(done, total),
      // A Creative Commons notice names its licence; every article repeats it next to its provenance.
      license: args.license ?? (attribution ? /\bCC BY(?:-SA|-NC|-ND)* \d\.\d\b/.exec(attribution)?.[0] : undefined),
      maxProductSize: sizeOption(args['max-product-size'], '--max-product-size'),
      minProductSize: sizeOption(args['min-product-size'], '--min-product-size'),
      sourceUrl: manifest !== undefined ? await readManifest(path.resolve(io.cwd, manifest), manifest) : args['base-url'] !== undefined ? baseUrl(args['base-url']) : undefined,
      attribution,
    };
    let result: ImportResult;
    try {
      result = await importKnowledgeBase(src, dest, options);
    } catch (error) {
      progress.end();
      if (error instanceof ImportOwnerError) {
        throw kbError(kbErrors.ImportOwnerError, error.message);
      }
      if (error instanceof ImportTargetError) throw new KbError(kbErrors.ImportTargetError, error.message);
      // A source file that cannot be imported as it is: its path as the user gave the source folder, and the position.
      if (error instanceof ImportSourceError) {
        const shown = error.file.startsWith(`${src}${path.sep}`) ? path.join(args.src, path.relative(src, error.file)) : error.file;
        throw new KbError(kbErrors.ImportSourceError, `${shown}${error.line !== undefined ? `:${error.line}:${error.column ?? 1}` : ''}: ${error.reason}`);
      }
      throw error;
    }
    progress.end();
    for (const note of notes) err(io, note);
    printSummary(io, result, dest, (performance.now() - started) / 1000);
  },
});

const OWNER = /^@[\w.-]+(?:\/[\w.-]+)?$/;

/** Source author → owner, from a YAML or JSON mapping; a value that is no GitHub owner is named with its author. */
async function readOwnerMap(absolute: string, file: string): Promise<Record<string, string>> {
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new KbError(kbErrors.NotFound, `Missing owner map \`${file}\``);
  });
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new KbError(kbErrors.InvalidFile, `${file}: unexpected content, expected a YAML or JSON mapping of author to owner (${(error as Error).message.split('\n')[0]})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new KbError(kbErrors.InvalidFile, `${file}: unexpected content, expected a mapping of author to owner, like \`jdoe: "@contoso/l3-mail"\``);
  const map: Record<string, string> = {};
  for (const [author, owner] of Object.entries(data)) {
    if (typeof owner !== 'string' || !OWNER.test(owner)) throw new KbError(kbErrors.InvalidFile, `${file}: unexpected owner \`${String(owner)}\` for author \`${author}\`, expected a GitHub team or user like @contoso/l3-mail`);
    map[author] = owner;
  }
  return map;
}

function sizeOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw new KbError(kbErrors.InvalidOption, `Unexpected ${flag} \`${value}\`, expected a positive whole number`);
  return size;
}

/** `path` → `url` from a JSON Lines manifest; a manifest path may carry a prefix (`corpus/articles/…`). */
async function readManifest(absolute: string, file: string): Promise<(path: string) => string | undefined> {
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new KbError(kbErrors.NotFound, `Missing manifest \`${file}\``);
  });
  const urls = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: { path?: unknown; url?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      throw new KbError(kbErrors.InvalidFile, `${file}:${index + 1}: unexpected line, expected a JSON object with \`path\` and \`url\``);
    }
    if (typeof entry.path !== 'string' || typeof entry.url !== 'string') return;
    const segments = entry.path.split('/');
    // Register every suffix, so `corpus/articles/support/x.md` answers for `support/x.md`.
    for (let start = 0; start < segments.length; start++) {
      const key = segments.slice(start).join('/');
      if (!urls.has(key)) urls.set(key, entry.url);
    }
  });
  return (sourcePath) => urls.get(sourcePath);
}

function baseUrl(value: string): (path: string) => string {
  let base: URL;
  try {
    base = new URL(value.endsWith('/') ? value : `${value}/`);
  } catch {
    throw new KbError(kbErrors.InvalidOption, `Unexpected --base-url \`${value}\`, expected an absolute URL`);
  }
  return (sourcePath) => new URL(sourcePath.replace(/\.(?:md|markdown)$/i, ''), base).href;
}

/** The attribution notice of a provenance file: its blockquote after the word "attribution", or the whole file. */
async function readAttribution(absolute: string, file: string): Promise<string> {
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new KbError(kbErrors.NotFound, `Missing attribution file \`${file}\``);
  });
  const lines = text.split(/\r?\n/);
  const from = lines.findIndex((line) => /attribution/i.test(line));
  const start = lines.findIndex((line, index) => index > from && /^>/.test(line));
  if (from === -1 || start === -1) return text.trim();
  const quote: string[] = [];
  for (let index = start; index < lines.length && /^>/.test(lines[index] ?? ''); index++) quote.push((lines[index] ?? '').replace(/^>\s?/, ''));
  return quote.join('\n').trim();
}

function printSummary(io: KbIO, result: ImportResult, dest: string, seconds: number): void {
  const { summary, counts } = result.report;
  const number = (value: number) => value.toLocaleString('en-US');
  const relative = path.relative(io.cwd, dest);
  const where = relative === '' ? '.' : relative.startsWith('..') ? dest : relative;
  err(
    io,
    `Imported ${number(summary.imported)} of ${number(summary.found)} articles into ${where}/ in ${seconds.toFixed(1)} s` +
      ` (${number(summary.validated)} validated, ${number(summary.products)} products, ${number(summary.skipped)} left out)`,
  );
  // Said once, so nobody mistakes the import for a review: what was not in the source, and what is due.
  if (summary.undated > 0) err(io, `${number(summary.undated)} article(s) had no date in the source: their \`updated\` and \`reviewed\` are the import day.`);
  if (summary.reviewDue > 0) err(io, `${number(summary.reviewDue)} article(s) are due for review by their source's date: \`kb check\` lists them.`);
  const classes = Object.entries(counts) as [ReportClass, number][];
  if (classes.length === 0) {
    err(io, 'Nothing was lost on the way.');
    return;
  }
  err(io, `Report: ${where}/import-report.json, by class:`);
  const width = Math.max(...classes.map(([name]) => name.length));
  for (const [name, count] of classes) err(io, `  ${name.padEnd(width)} ${number(count).padStart(7)}  ${reportClasses[name]}`);
}
