import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type { Article } from './article-schema.ts';
import type { BodyFacts } from './body-facts.ts';

/** Options of {@link checkArticleRules}. */
export interface ArticleRuleOptions {
  /** Today as `YYYY-MM-DD`, for review dates. Default: the current day. */
  today?: string;
  /**
   * Check review dates (`review-overdue`). Default `true`; the build passes `false`: a date passing must not stop a
   * deploy, while `kb check` in CI keeps reporting it.
   */
  reviews?: boolean;
}

/** Days after `reviewed` by which an article of each state must be reviewed again. */
export const reviewPeriodDays: Record<Article['state'], number | undefined> = {
  draft: undefined,
  wip: 30,
  'not-validated': 90,
  validated: 365,
  archived: undefined,
};

/** Days past the review period during which an overdue review is a warning before it becomes an error. */
export const reviewGraceDays = 60;

// `\b` only knows ASCII word characters, so the Chinese headings get a pattern of their own.
const RESOLUTION_HEADING = /^(?:resolution|resolutions|solution|solutions|workaround|workarounds|fix|fixes|how to fix|resolve the issue|steps to resolve)\b|^(?:解決方法|解決方案|因應措施|解決辦法)/i;

/** Whether a heading names the resolution an article must have (the `resolution-missing` rule; the importer's state). */
export function isResolutionHeading(text: string): boolean {
  return RESOLUTION_HEADING.test(text.trim());
}

const PROBLEM_TITLE = /[?？]|^(?:how|why|what|when|where|which|can't|cannot|unable|error|troubleshoot)\b|\b(?:fail(?:s|ed|ure)?|error|denied|cannot|can't|unable|not work|doesn't|isn't|won't|stuck|slow|timeout|timed out|refused|invalid|missing)\b|如何|為什麼|無法|錯誤|失敗|逾時/i;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The KCS content standard and content hygiene, for one article whose frontmatter is valid:
 * a resolution section, a title phrased as the customer's problem, every `errors` entry verbatim in the body and
 * quoted as code, a review that is not overdue. (Secrets and personal data: `checkSecrets`, which needs no tree.)
 */
export function checkArticleRules(
  file: VFile,
  article: Article,
  facts: BodyFacts,
  locate: (path: ReadonlyArray<PropertyKey>) => Point,
  options: ArticleRuleOptions = {},
): void {
  const source = String(file.value);
  const bodyStart = source.indexOf('\n---', 3) + 4;
  const body = source.slice(bodyStart);
  const report = (reason: string, place: Point | undefined, ruleId: string, fatal: boolean) => {
    const message = file.message(reason, { place, ruleId, source: 'kb' });
    message.fatal = fatal;
  };

  if (!facts.headings.some((heading) => heading.depth <= 3 && isResolutionHeading(heading.text))) {
    report('Missing a `## Resolution` section, the KCS standard needs the fix as numbered steps', locate(['title']), 'kcs-resolution', article.state === 'validated');
  }
  if (!PROBLEM_TITLE.test(article.title)) {
    report('Unexpected title, expected the customer\'s problem or question (e.g. "Why does … fail with …?")', locate(['title']), 'kcs-title', false);
  }
  article.errors.forEach((error, index) => {
    if (!body.includes(error)) {
      report(`Missing \`${error}\` in the body, quote every error of \`errors\` verbatim so customers who paste it find the article`, locate(['errors', index]), 'error-not-in-body', true);
    }
  });
  if (article.errors.length > 0 && !article.errors.some((error) => facts.code.includes(error))) {
    report('Unexpected unquoted errors, put at least one exact error message in inline code or a code block', locate(['errors']), 'kcs-error-quoted', false);
  }
  const period = options.reviews === false ? undefined : reviewPeriodDays[article.state];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (period !== undefined) {
    const overdue = day(today) - day(article.reviewed) - period;
    if (overdue > 0) {
      const fatal = overdue > reviewGraceDays;
      report(`Unexpected review date \`${article.reviewed}\`, a ${article.state} article is reviewed every ${period} days (${Math.round(overdue)} days overdue${fatal ? '' : `, an error after ${reviewGraceDays}`})`, locate(['reviewed']), 'review-overdue', fatal);
    }
  }
}
