import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { loadRunbooks, validateArticleRunbooks, type LoadedRunbooks } from '@nimbus/runbooks';
import { formatMessage, validateVocabulary } from '@nimbus/content';
import { loadContent, type LoadedContent } from './load-content.ts';
import type { ValidationThreads } from './validate-articles.ts';

/** Options of {@link checkKnowledgeBase}. */
export interface CheckKnowledgeBaseOptions {
  /** The content folder (`taxonomy.yaml`, `articles/`). */
  contentDir: string;
  /** Runbooks the articles' `runbooks` must name; none for a content folder without its own. */
  runbooksDir?: string;
  /**
   * `check` (default, `kb check`) or `build`: the same rules, except that the build leaves out review dates (a day
   * passing must not stop a deploy) and needs no runbook review either.
   */
  purpose?: 'check' | 'build';
  /** Today as `YYYY-MM-DD`, for review dates. Default: the current day. */
  today?: string;
  /** A validation cache file (per-article results by content hash). Default: none. */
  cacheFile?: string;
  /** Threads validating articles (see `loadContent`). Default `auto`. */
  threads?: ValidationThreads;
}

/** A checked file and the folder its path is relative to. */
export interface CheckedFile {
  file: VFile;
  dir: string;
}

/** What {@link checkKnowledgeBase} found. */
export interface KnowledgeBaseCheck {
  content: LoadedContent;
  runbooks: LoadedRunbooks | undefined;
  /** Every file read (taxonomy, articles, runbooks, the search vocabulary) with its messages. */
  files: CheckedFile[];
}

/**
 * Validates a knowledge base the one way `kb check` and the build both do: taxonomy, every article (every rule of
 * `kb check`: structure, KCS standard, secrets, internal sections), the collection (links, anchors, `related`, what
 * ships), runbooks, and the runbooks articles name. Never throws for bad content.
 */
export async function checkKnowledgeBase(options: CheckKnowledgeBaseOptions): Promise<KnowledgeBaseCheck> {
  const build = options.purpose === 'build';
  const content = await loadContent(options.contentDir, { rules: 'all', today: options.today, reviews: !build, cacheFile: options.cacheFile, threads: options.threads ?? 'auto' });
  let runbooks: LoadedRunbooks | undefined;
  if (options.runbooksDir) {
    const englishIds = content.articles.filter((article) => article.locale === 'en').map((article) => article.id);
    runbooks = await loadRunbooks(options.runbooksDir, {
      taxonomy: content.taxonomy,
      articleIds: englishIds,
      today: options.today,
      ...(build ? { reviewPeriodDays: Number.POSITIVE_INFINITY } : {}),
    });
    const ids = runbooks.files.map((file) => path.basename(file.path, path.extname(file.path)));
    for (const file of content.files) if (file.path.startsWith('articles/')) validateArticleRunbooks(file, ids);
  }
  const files = [...content.files.map((file) => ({ file, dir: content.dir })), ...(runbooks?.files.map((file) => ({ file, dir: runbooks.dir })) ?? [])];
  // The search vocabulary (optional): every search box expands queries with it, so it is checked like content.
  const vocabularyText = await readFile(path.join(content.dir, 'vocabulary.yaml'), 'utf8').catch(() => undefined);
  if (vocabularyText !== undefined) {
    const vocabulary = new VFile({ path: 'vocabulary.yaml', value: vocabularyText });
    validateVocabulary(vocabulary);
    files.push({ file: vocabulary, dir: content.dir });
  }
  return { content, runbooks, files };
}

/** Errors and warnings of checked files, one `path:line:col: …` line each, paths relative to `cwd`. */
export function checkProblems(files: readonly CheckedFile[], cwd: string = process.cwd()): { errors: string[]; warnings: string[] } {
  const lines = (fatal: boolean) =>
    files.flatMap(({ file, dir }) => file.messages.filter((message) => Boolean(message.fatal) === fatal).map((message) => formatMessage(message, path.relative(cwd, path.join(dir, file.path)) || file.path)));
  return { errors: lines(true), warnings: lines(false) };
}
