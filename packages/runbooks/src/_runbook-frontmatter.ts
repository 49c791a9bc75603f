import path from 'node:path';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { describeIssue, readValidatedFrontmatter, reportError } from '@nimbus/content';
import { closestMatches } from './closest.ts';
import { generalArea, runbookFrontmatterSchema, type RunbookFrontmatter } from './runbook-schema.ts';
import { code, day } from './_runbook-shared.ts';
import { runbookReviewGraceDays, runbookReviewPeriodDays, type ValidateRunbookOptions } from './runbook-options.ts';

// The frontmatter of a runbook: schema, then what the schema cannot see (taxonomy, articles, review date).
export interface Frontmatter {
  data: RunbookFrontmatter;
  locate(keyPath: ReadonlyArray<PropertyKey>): Point;
}

/** Validates the frontmatter with the schema, then area, severities, articles and the review date; undefined when invalid. */
export function readFrontmatter(file: VFile, options: ValidateRunbookOptions): Frontmatter | undefined {
  const frontmatter = readValidatedFrontmatter(file, runbookFrontmatterSchema, (issue) =>
    describeIssue(issue, { schema: 'runbook', knownKeys: Object.keys(runbookFrontmatterSchema.shape), customNamesPlace: true }),
  );
  if (!frontmatter) return undefined;
  const { data, raw, locate } = frontmatter;
  const { taxonomy } = options;
  if (taxonomy && data.area !== generalArea && !taxonomy.areas.some((area) => area.id === data.area)) {
    const ids = [...taxonomy.areas.map((area) => area.id), generalArea];
    reportError(file, `Unknown area ${code(data.area)}, expected one of ${ids.map(code).join(', ')}`, locate(['area']), 'unknown-area');
  }
  if (taxonomy && taxonomy.severities.length > 0) {
    const scalar = !Array.isArray((raw as { severity?: unknown }).severity);
    data.severity.forEach((severity, index) => {
      if (taxonomy.severities.some((candidate) => candidate.id === severity)) return;
      const ids = taxonomy.severities.map((candidate) => code(candidate.id)).join(', ');
      reportError(file, `Unknown severity ${code(severity)}, expected one of ${ids}`, locate(scalar ? ['severity'] : ['severity', index]), 'unknown-severity');
    });
  }
  if (options.articleIds) {
    const known = new Set(options.articleIds);
    data.articles.forEach((article, index) => {
      if (known.has(article)) return;
      const close = closestMatches(article, [...known]);
      reportError(file, `Unknown article ${code(article)}, no file \`articles/en/${article}.mdx\`${close.length ? ` (did you mean ${close.map(code).join(', ')}?)` : ''}`, locate(['articles', index]), 'unknown-article');
    });
  }
  const period = options.reviewPeriodDays ?? runbookReviewPeriodDays;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const overdue = Math.round(day(today) - day(data.reviewed) - period);
  if (overdue > 0) {
    const fatal = overdue > runbookReviewGraceDays;
    const message = file.message(
      `Unexpected review date ${code(data.reviewed)}, a runbook is reviewed every ${period} days (${overdue} days overdue${fatal ? '' : `, an error after ${runbookReviewGraceDays}`}); have the owner review it and update \`reviewed\``,
      { place: locate(['reviewed']), ruleId: 'review-overdue', source: 'kb' },
    );
    message.fatal = fatal;
  }
  return { data, locate };
}

