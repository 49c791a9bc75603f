import { readFile } from 'node:fs/promises';
import { contentProblems, loadContent, type LoadedContent } from '@nimbus/content-loader';
import type { Article } from '@nimbus/content';
import { contentDir } from './site-config.ts';

/** An article and its MDX body (without frontmatter), as pages render it. */
export interface ArticleEntry {
  data: Article;
  body: string;
}

/** The articles of a loaded content folder, every audience's (pages filter by their own). */
export function articleEntries(content: LoadedContent): ArticleEntry[] {
  return [...eachArticleEntry(content)];
}

/** {@link articleEntries} one at a time: a writer that streams them never holds every body twice. */
export function* eachArticleEntry(content: LoadedContent): Generator<ArticleEntry> {
  const sources = new Map(content.files.map((file) => [file.path, file]));
  for (const article of content.articles) {
    yield { data: article, body: String(sources.get(article.path)?.value ?? '').replace(/^---[\s\S]*?\n---\r?\n/, '') };
  }
}

/** An error about content, not code: its `path:line:col` lines are the whole story, so it carries no stack trace. */
function contentError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

let entriesPromise: Promise<ArticleEntry[]> | undefined;

/**
 * Every article of the content folder. The build script validates once and hands the result over as a file
 * (KB_PREPARED_CONTENT), so pages never parse or validate again; `astro dev` loads and validates here instead.
 */
export function loadArticleEntries(): Promise<ArticleEntry[]> {
  entriesPromise ??= (async () => {
    const prepared = process.env.KB_PREPARED_CONTENT;
    if (prepared) return (JSON.parse(await readFile(prepared, 'utf8')) as { articles: ArticleEntry[] }).articles;
    const content = await loadContent(contentDir);
    const { errors } = contentProblems(content);
    if (errors.length > 0) throw contentError(`Content has ${errors.length} error(s):\n${errors.join('\n')}`);
    return articleEntries(content);
  })();
  return entriesPromise;
}

/** Lets the articles go (a one-shot process done reading them: the next call loads them again). */
export function forgetArticleEntries(): void {
  entriesPromise = undefined;
}
