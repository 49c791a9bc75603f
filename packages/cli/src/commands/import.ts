import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from 'citty';
import { importKnowledgeBase, ImportSourceError, ImportTargetError, reportClasses, type ImportOptions, type ImportResult, type ReportClass } from '@nimbus/importer';
import { UserError } from '../errors.ts';
import { err, ioOf, type KbIO } from '../io.ts';

export default defineCommand({
  meta: { name: 'import', description: 'Convert a Markdown knowledge base (docfx/GitHub flavoured) into a content folder that `kb check` accepts' },
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
    reviewed: { type: 'string', default: 'import', description: 'import: `reviewed` is the import day | source: the source\'s date' },
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
    if (!info) throw new UserError(`Missing source folder \`${args.src}\``);
    if (!info.isDirectory()) throw new UserError(`Unexpected source \`${args.src}\`, expected a folder of Markdown files`);
    if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new UserError(`Unexpected --today \`${args.today}\`, expected YYYY-MM-DD`);
    if (args.reviewed !== 'import' && args.reviewed !== 'source') throw new UserError(`Unknown --reviewed \`${args.reviewed}\`, expected import or source`);
    if (args.manifest !== undefined && args['base-url'] !== undefined) throw new UserError('Unexpected --manifest together with --base-url, give one of them');

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
    const attribution = attributionFile !== undefined ? await readAttribution(path.resolve(io.cwd, attributionFile), attributionFile) : undefined;
    const options: ImportOptions & { force: boolean; workers?: number } = {
      force: args.force,
      workers: sizeOption(args.workers, '--workers'),
      provider: args.provider,
      today: args.today,
      reviewed: args.reviewed,
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
      if (error instanceof ImportTargetError) throw new UserError(error.message);
      // A source file that cannot be imported as it is: its path as the user gave the source folder, and the position.
      if (error instanceof ImportSourceError) {
        const shown = error.file.startsWith(`${src}${path.sep}`) ? path.join(args.src, path.relative(src, error.file)) : error.file;
        throw new UserError(`${shown}${error.line !== undefined ? `:${error.line}:${error.column ?? 1}` : ''}: ${error.reason}`);
      }
      throw error;
    }
    for (const note of notes) err(io, note);
    printSummary(io, result, dest, (performance.now() - started) / 1000);
  },
});

function sizeOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw new UserError(`Unexpected ${flag} \`${value}\`, expected a positive whole number`);
  return size;
}

/** `path` → `url` from a JSON Lines manifest; a manifest path may carry a prefix (`corpus/articles/…`). */
async function readManifest(absolute: string, file: string): Promise<(path: string) => string | undefined> {
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new UserError(`Missing manifest \`${file}\``);
  });
  const urls = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: { path?: unknown; url?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      throw new UserError(`${file}:${index + 1}: unexpected line, expected a JSON object with \`path\` and \`url\``);
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
    throw new UserError(`Unexpected --base-url \`${value}\`, expected an absolute URL`);
  }
  return (sourcePath) => new URL(sourcePath.replace(/\.(?:md|markdown)$/i, ''), base).href;
}

/** The attribution notice of a provenance file: its blockquote after the word "attribution", or the whole file. */
async function readAttribution(absolute: string, file: string): Promise<string> {
  const text = await readFile(absolute, 'utf8').catch(() => {
    throw new UserError(`Missing attribution file \`${file}\``);
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
  const classes = Object.entries(counts) as [ReportClass, number][];
  if (classes.length === 0) {
    err(io, 'Nothing was lost on the way.');
    return;
  }
  err(io, `Report: ${where}/import-report.json, by class:`);
  const width = Math.max(...classes.map(([name]) => name.length));
  for (const [name, count] of classes) err(io, `  ${name.padEnd(width)} ${number(count).padStart(7)}  ${reportClasses[name]}`);
}
