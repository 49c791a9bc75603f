import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import pLimit from 'p-limit';
import { VFile } from 'vfile';
import { ValidationCache } from './validation-cache.ts';
import { threadCount, validateArticles, ValidationPool, type ValidationThreads } from './validate-articles.ts';
import { formatMessage, validateCollection, validateTaxonomy, type Article, type Taxonomy } from '@nimbus/content';

/** Options of {@link loadContent}. */
export interface LoadContentOptions {
  /** JSX components articles may use. Default: none. */
  allowedComponents?: readonly string[];
  /** `structure` (default, what the build needs) or `all` (every rule of `kb check`). */
  rules?: 'structure' | 'all';
  /** Today as `YYYY-MM-DD`, for review dates. Default: the current day. */
  today?: string;
  /** Check review dates (default `true`); without them the results do not depend on the day. */
  reviews?: boolean;
  /**
   * A JSON file keeping each article's validation result by content hash between runs: unchanged files are not
   * parsed again. Default: none.
   */
  cacheFile?: string;
  /**
   * Threads validating the articles the cache does not answer: a number, or `auto` (the cores, up to 4, from 256
   * files). Default 1. The result is the same for any number.
   */
  threads?: ValidationThreads;
}

/** A content folder read from disk. */
export interface LoadedContent {
  /** Absolute path of the content folder. */
  dir: string;
  taxonomy: Taxonomy | undefined;
  /** Articles whose frontmatter is valid, sorted by path. */
  articles: Article[];
  /** Every file read, with its messages; paths are relative to the content folder. */
  files: VFile[];
}

/** Reads and validates `taxonomy.yaml` and every article under `articles/`. Never throws for bad content. */
export async function loadContent(dir: string, options: LoadContentOptions = {}): Promise<LoadedContent> {
  const root = path.resolve(dir);
  const readVFile = async (relative: string) => new VFile({ path: relative, cwd: root, value: await readFile(path.join(root, relative), 'utf8') });

  const taxonomyFile = await readVFile('taxonomy.yaml').catch(() => undefined);
  const files: VFile[] = [];
  let taxonomy: Taxonomy | undefined;
  if (taxonomyFile) {
    files.push(taxonomyFile);
    taxonomy = validateTaxonomy(taxonomyFile);
  } else {
    const missing = new VFile({ path: 'taxonomy.yaml', cwd: root });
    missing.message('Missing `taxonomy.yaml`, the list of products and areas articles may name', { ruleId: 'taxonomy-missing', source: 'kb' }).fatal = true;
    files.push(missing);
  }

  const articlePaths = (await glob(['articles/**/*.{md,mdx}'], { cwd: root })).sort();
  const reviews = options.reviews ?? true;
  // Without review dates the day changes nothing, so it stays out of the cache key.
  const today = reviews ? (options.today ?? new Date().toISOString().slice(0, 10)) : undefined;
  const validateOptions = taxonomy && { taxonomy, allowedComponents: options.allowedComponents, rules: options.rules, today, reviews };
  const cache = validateOptions && options.cacheFile ? await ValidationCache.open(options.cacheFile, [String(taxonomyFile?.value), validateOptions.allowedComponents, validateOptions.rules, today, reviews]) : undefined;
  // Threads for the files the cache has no result for (its entries are checked against the content once read), started
  // now so they load the validators while the files are read.
  const pool = validateOptions ? new ValidationPool(threadCount(options.threads ?? 1, articlePaths.filter((file) => !cache?.has(file)).length)) : undefined;
  try {
    // 64 reads at a time: opening every file of a 31,520-article folder at once runs out of file descriptors (EMFILE).
    const limit = pLimit(64);
    const articleFiles = await Promise.all(articlePaths.map((file) => limit(() => readVFile(file))));
    files.push(...articleFiles);
    const articles: Article[] = [];
    if (validateOptions) {
      const replayed = articleFiles.map((file) => cache?.replay(file));
      const toValidate = articleFiles.filter((_file, index) => !replayed[index]);
      const { articles: validated } = await validateArticles(toValidate, validateOptions, pool);
      for (const [index, file] of toValidate.entries()) cache?.record(file, validated[index]);
      const fresh = new Map(toValidate.map((file, index) => [file, validated[index]]));
      for (const [index, file] of articleFiles.entries()) {
        const article = replayed[index] ? replayed[index].article : fresh.get(file);
        if (article) articles.push(article);
      }
      validateCollection(articles, new Map(articleFiles.map((file) => [file.path, file])), { rules: options.rules });
      await cache?.save(articlePaths);
    }
    return { dir: root, taxonomy, articles, files };
  } finally {
    await pool?.close();
  }
}

/** All errors and warnings of the loaded files, one formatted line each, with paths relative to `cwd`. */
export function contentProblems(content: LoadedContent, cwd: string = process.cwd()): { errors: string[]; warnings: string[] } {
  const format = (file: VFile) => (message: VFile['messages'][number]) =>
    formatMessage(message, path.relative(cwd, path.join(content.dir, file.path)) || file.path);
  return {
    errors: content.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(format(file))),
    warnings: content.files.flatMap((file) => file.messages.filter((message) => !message.fatal).map(format(file))),
  };
}
