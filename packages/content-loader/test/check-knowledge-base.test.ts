// checkKnowledgeBase is the one entry point of `kb check` and of the build's validation: the same rules, except that
// the build leaves out review dates (a day passing must not stop a deploy).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkKnowledgeBase, checkProblems } from '../src/check-knowledge-base.ts';

const clean = fileURLToPath(new URL('./fixtures/clean/', import.meta.url));

describe('checkKnowledgeBase', () => {
  it('runs every rule of kb check for the build too, review dates aside', async () => {
    const today = '2028-01-01';
    const check = checkProblems((await checkKnowledgeBase({ contentDir: clean, today })).files, clean);
    const build = checkProblems((await checkKnowledgeBase({ contentDir: clean, today, purpose: 'build' })).files, clean);
    expect(check.errors.some((line) => line.endsWith('(review-overdue)'))).toBe(true);
    expect(build.errors).toEqual(check.errors.filter((line) => !line.endsWith('(review-overdue)')));
    // A rule of the KCS standard, which the build did not run before it shared kb check's entry point.
    expect(build.errors).toContain(
      'articles/en/object-storage/presigned-url-signature-does-not-match.mdx:7:5: error: Missing `SignatureDoesNotMatch` in the body, quote every error of `errors` verbatim so customers who paste it find the article (error-not-in-body)',
    );
    expect(build.warnings).toEqual(check.warnings);
  });

  it('returns every file it read with the folder its path is relative to', async () => {
    const { files, content, runbooks } = await checkKnowledgeBase({ contentDir: clean, purpose: 'build' });
    expect(runbooks).toBeUndefined();
    expect(files.map(({ file }) => file.path)).toEqual(content.files.map((file) => file.path));
    expect(new Set(files.map(({ dir }) => dir))).toEqual(new Set([content.dir]));
  });
});
