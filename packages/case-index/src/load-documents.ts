import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parseMarkdownArticle, type DocumentKind, type IndexDocument } from './document.ts';

/** How a folder of articles is read. */
export type DocumentsMode =
  /** Our content folder (or its `articles/` folder): MDX validated by `@nimbus/content-loader`. */
  | 'content'
  /** Any folder of Markdown/MDX files with YAML frontmatter, read leniently. */
  | 'markdown';

/** One source file, read. */
export interface SourceFile {
  /** Path relative to the indexed folder, with `/` separators. */
  path: string;
  /** Absolute path. */
  absolute: string;
  bytes: Buffer;
  /** `sha256:` and the first 16 hex digits of the file's SHA-256: the version a link records. */
  digest: string;
}

/** A folder's source files, before parsing. */
export interface DocumentSources {
  /** Absolute path of the indexed folder. */
  dir: string;
  mode: DocumentsMode;
  /** The content folder (with `taxonomy.yaml`) in `content` mode. */
  contentRoot?: string;
  kind: DocumentKind;
  files: SourceFile[];
  /** SHA-256 over every path and byte (and the taxonomy in `content` mode): the cache key of an index. */
  hash: string;
}

/** A document that could not be indexed. */
export interface SkippedDocument {
  path: string;
  reason: string;
}

/** Documents read from a folder. */
export interface LoadedDocuments {
  sources: DocumentSources;
  documents: IndexDocument[];
  skipped: SkippedDocument[];
}

/** Options of {@link readDocumentSources}. */
export interface ReadSourcesOptions {
  /** Kind of the documents in the folder. Default `'article'`. */
  kind?: DocumentKind;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Finds how to read `dir` and reads its bytes (no parsing: enough to decide whether a cached index is current). */
export async function readDocumentSources(dir: string, options: ReadSourcesOptions = {}): Promise<DocumentSources> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`Expected a folder of articles at ${dir}`);
  let contentRoot: string | undefined;
  if ((await exists(path.join(root, 'taxonomy.yaml'))) && (await exists(path.join(root, 'articles')))) contentRoot = root;
  else if (path.basename(root) === 'articles' && (await exists(path.join(root, '..', 'taxonomy.yaml')))) contentRoot = path.dirname(root);
  const pattern = contentRoot === root ? ['articles/**/*.{md,mdx}'] : ['**/*.{md,mdx,markdown}'];
  const relative = (await glob(pattern, { cwd: root, ignore: ['**/node_modules/**'] })).sort();
  // 64 reads at a time: opening every file of a 31,520-article folder at once runs out of file descriptors (EMFILE).
  const limit = pLimit(64);
  const files = await Promise.all(
    relative.map((file) => limit(async () => {
      const absolute = path.join(root, file);
      const bytes = await readFile(absolute);
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
      return { path: file.split(path.sep).join('/'), absolute, bytes, digest };
    })),
  );
  const hash = createHash('sha256');
  hash.update(`${contentRoot ? 'content' : 'markdown'}\0${options.kind ?? 'article'}\0`);
  if (contentRoot) hash.update(await readFile(path.join(contentRoot, 'taxonomy.yaml')).catch(() => Buffer.alloc(0)));
  for (const file of files) hash.update(`\0${file.path}\0${file.digest}`);
  return {
    dir: root,
    mode: contentRoot ? 'content' : 'markdown',
    ...(contentRoot ? { contentRoot } : {}),
    kind: options.kind ?? 'article',
    files,
    hash: hash.digest('hex'),
  };
}

/** Parses the sources into documents: our MDX through `@nimbus/content-loader`, anything else leniently. */
export async function parseDocumentSources(sources: DocumentSources): Promise<LoadedDocuments> {
  const documents: IndexDocument[] = [];
  const skipped: SkippedDocument[] = [];
  if (sources.mode === 'markdown' || !sources.contentRoot) {
    for (const file of sources.files) {
      documents.push(parseMarkdownArticle(file.bytes.toString('utf8'), file.path, { kind: sources.kind, version: file.digest }));
    }
    return { sources, documents, skipped };
  }
  // Loaded here, not at the top: opening a cached index (and every `kb link` worker) never needs the content loader.
  const { loadContent } = await import('@nimbus/content-loader');
  const content = await loadContent(sources.contentRoot);
  const byAbsolute = new Map(sources.files.map((file) => [file.absolute, file]));
  const valid = new Set<string>();
  for (const article of content.articles) {
    const file = byAbsolute.get(path.join(sources.contentRoot, article.path));
    if (!file) continue;
    valid.add(file.absolute);
    const document = parseMarkdownArticle(file.bytes.toString('utf8'), file.path, { kind: sources.kind, version: file.digest });
    // The loader's validated frontmatter is authoritative for our own articles.
    documents.push({
      ...document,
      id: article.id,
      title: article.title,
      description: article.description,
      errors: article.errors,
      symptoms: article.symptoms,
      product: article.product,
      area: article.area,
      locale: article.locale,
      visibility: article.visibility,
      state: article.state,
      updated: article.updated,
    });
  }
  for (const file of sources.files) {
    if (!valid.has(file.absolute)) skipped.push({ path: file.path, reason: 'invalid article (run `kb check` for details)' });
  }
  return { sources, documents, skipped };
}

/** Reads and parses every document under `dir`. */
export async function loadDocuments(dir: string, options: ReadSourcesOptions = {}): Promise<LoadedDocuments> {
  return parseDocumentSources(await readDocumentSources(dir, options));
}
