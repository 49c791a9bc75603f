// The public surface of @nimbus/runbooks: removing or renaming an export must fail here.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fromSource from '../src/index.ts';
import * as fromPackage from '@nimbus/runbooks';
import type { LoadedRunbooks, Runbook, RunbookStep, StepGraph, ValidateRunbookOptions, WalkRecord } from '../src/index.ts';

const expected = [
  'AnswersError', 'answersTemplate', 'END', 'ESCALATE', 'WalkError', 'answersDriver', 'approvals', 'branchIndex', 'buildCaseNote', 'checkRunbookChangesets', 'nodesToText', 'parseAnswers', 'audiences', 'caseNoteHeadings', 'changesSince', 'checkParameterValue', 'closestMatches',
  'compareVersions', 'defaultRunbooksDir', 'editDistance', 'fillPlaceholders', 'findByTrigger', 'generalArea', 'getRunbook',
  'loadRunbooks', 'namesRunbook', 'parameterMatcher', 'parameterSchema', 'parseChangelog', 'PLACEHOLDER', 'placeholdersIn',
  'renderCaseNote', 'runbookChangelog', 'runbookIndexDocument', 'runbookTemplate', 'runbookComponents', 'runbookFrontmatterSchema', 'runbookIdOf', 'runbookProblems',
  'runbookReviewGraceDays', 'runbookReviewPeriodDays', 'runbookRules', 'sectionTitles', 'stepGraph', 'stepKinds', 'triggersSchema',
  'validateArticleRunbooks', 'validateRunbookFile', 'validateRunbookFiles', 'validateRunbookFolder', 'walkRunbook',
].sort();

describe('@nimbus/runbooks exports', () => {
  it('src/index.ts exports exactly the documented API', () => {
    expect(Object.keys(fromSource).sort()).toEqual(expected);
  });

  it('the package name resolves to the same module; the package ships its runbooks and changelog', () => {
    expect(fromPackage.validateRunbookFile).toBe(fromSource.validateRunbookFile);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string>; files: string[]; private?: boolean };
    expect(pkg.exports).toEqual({ '.': './src/index.ts', './package.json': './package.json' });
    expect(pkg.files).toEqual(expect.arrayContaining(['src', 'runbooks', 'CHANGELOG.md', 'README.md']));
    expect(pkg.private).toBeUndefined();
  });

  it('exports its types (checked by `npm run typecheck`)', () => {
    expectTypeOf<Runbook>().toHaveProperty('steps').toEqualTypeOf<RunbookStep[]>();
    expectTypeOf<LoadedRunbooks>().toHaveProperty('runbooks').toEqualTypeOf<Runbook[]>();
    expectTypeOf<ValidateRunbookOptions>().toHaveProperty('today');
    expectTypeOf<StepGraph>().toHaveProperty('trappedCycles').toEqualTypeOf<string[][]>();
    expectTypeOf<WalkRecord>().toHaveProperty('exit');
    expectTypeOf(fromSource.loadRunbooks).returns.resolves.toEqualTypeOf<LoadedRunbooks>();
  });
});
