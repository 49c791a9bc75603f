// Runbooks for the internal site. Only internal pages call into this module: the public build never reads a
// runbook file, so no runbook text can reach its pages, chunks or search index.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VFile } from 'vfile';
import { formatMessage } from '@nimbus/content';
import {
  loadRunbooks,
  parseChangelog,
  PLACEHOLDER,
  runbookChangelog,
  runbookProblems,
  runbookReviewPeriodDays,
  validateArticleRunbooks,
  type ChangelogEntry,
  type Runbook,
} from '@nimbus/runbooks';
import { audiences, contentDir } from '../../lib/site-config.ts';
import { getTaxonomy, localizedArticles } from '../../lib/catalog.ts';

/** Runbooks, their package version and changelog, as the internal site shows them. */
export interface RunbookCatalog {
  runbooks: Runbook[];
  /** Version of `@nimbus/runbooks`. */
  version: string;
  /** Changelog entries, newest first. */
  changelog: ChangelogEntry[];
}

/** Whether this build shows runbooks at all. */
export const runbooksEnabled = audiences.includes('internal');

function packageDir(): string {
  // Resolved like Node would from the site (the build runs in apps/site), not from a bundled chunk's location.
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  return path.dirname(require.resolve('@nimbus/runbooks/package.json'));
}

/** An error about content, not code: its `path:line:col` lines are the whole story, so it carries no stack trace. */
function contentError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

let catalogPromise: Promise<RunbookCatalog> | undefined;

/** Loads and validates every runbook once per build; any error stops the build with `path:line:col` lines. */
export function getRunbookCatalog(): Promise<RunbookCatalog> {
  if (!runbooksEnabled) throw new Error('Runbooks are internal: the public build must not load them');
  catalogPromise ??= (async () => {
    const dir = packageDir();
    // `none`: the build names no runbook folder (a content folder other than the repository's brings none).
    if (process.env.KB_RUNBOOKS_DIR === 'none') return { runbooks: [], version: '', changelog: [] };
    const runbooksDir = process.env.KB_RUNBOOKS_DIR || path.join(dir, 'runbooks');
    if (!existsSync(runbooksDir)) throw contentError(`No runbook folder at ${runbooksDir} (KB_RUNBOOKS_DIR)`);
    const articleIds = (await localizedArticles('en', 'internal')).filter((item) => !item.fallback).map((item) => item.article.id);
    // Review dates are shown on each page instead of failing the build as time passes; `kb check` enforces them.
    const loaded = await loadRunbooks(runbooksDir, { taxonomy: await getTaxonomy(), articleIds, reviewPeriodDays: Number.POSITIVE_INFINITY });
    const { errors } = runbookProblems(loaded);
    if (errors.length > 0) throw contentError(`Runbooks have ${errors.length} error(s):\n${errors.join('\n')}`);
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    const changelogText = await readFile(path.join(dir, 'CHANGELOG.md'), 'utf8').catch(() => '');
    return { runbooks: loaded.runbooks, version: pkg.version, changelog: parseChangelog(changelogText, loaded.runbooks.map((runbook) => runbook.id)) };
  })();
  return catalogPromise;
}

/** The changelog entries that name a runbook. */
export function changelogOf(catalog: RunbookCatalog, id: string): ChangelogEntry[] {
  return runbookChangelog(catalog.changelog, id);
}

/**
 * The runbooks of an article: those its `runbooks` frontmatter names and those whose `articles` name it.
 * An id that names no runbook stops the build at its frontmatter line.
 */
export async function runbooksForArticle(article: { id: string; path: string; runbooks: readonly string[] }): Promise<Runbook[]> {
  const { runbooks } = await getRunbookCatalog();
  if (article.runbooks.some((id) => !runbooks.some((runbook) => runbook.id === id))) {
    const file = new VFile({ path: article.path, value: await readFile(path.join(contentDir, article.path), 'utf8') });
    validateArticleRunbooks(file, runbooks.map((runbook) => runbook.id));
    throw contentError(file.messages.map((message) => formatMessage(message, path.join(path.relative(process.cwd(), contentDir), article.path))).join('\n'));
  }
  return runbooks.filter((runbook) => article.runbooks.includes(runbook.id) || runbook.articles.includes(article.id));
}

/** Text split at `{name}` placeholders, so pages can render each parameter as an element the script fills. */
export function placeholderSegments(text: string): ({ text: string } | { parameter: string })[] {
  const segments: ({ text: string } | { parameter: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ parameter: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The day a runbook's review falls due, and whether it is past. */
export function reviewDue(runbook: Runbook, today: string = new Date().toISOString().slice(0, 10)): { due: string; overdue: boolean } {
  const due = new Date(Date.parse(`${runbook.reviewed}T00:00:00Z`) + runbookReviewPeriodDays * 86_400_000).toISOString().slice(0, 10);
  return { due, overdue: due < today };
}

/** Anchor id of a step on its runbook page. */
export function stepAnchor(stepId: string): string {
  return `step-${stepId}`;
}
