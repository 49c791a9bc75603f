import type { VFile } from 'vfile';
import { z } from 'zod';
import { parseFrontmatter } from './frontmatter.ts';
import { locales } from './locales.ts';
import { reportError } from './validate-article.ts';
import { describeIssue } from './zod-issue.ts';

// content/vocabulary.yaml: the words customers use for what articles say. Every search box expands queries with it,
// so a typo in it (an empty phrase, a group of one, a phrase in two groups) would quietly change every search.

const phrase = z.string().trim().min(1, 'Expected a non-empty phrase').max(80, 'Expected a phrase of at most 80 characters');
const phrases = z.array(phrase).min(1, 'Expected at least one phrase');

/** The schema of `content/vocabulary.yaml`. */
export const vocabularySchema = z
  .object({
    synonyms: z.array(phrases.min(2, 'Expected a group of at least two phrases that mean the same')).default([]),
    phrasings: z.array(z.object({ say: phrases, means: phrases }).strict()).default([]),
    stopwords: z.partialRecord(z.enum(locales), z.array(phrase)).default({}),
  })
  .strict();

/** The vocabulary as validated. */
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** Parses and validates `vocabulary.yaml`; problems are added to `file.messages` at their key or item. */
export function validateVocabulary(file: VFile): Vocabulary | undefined {
  const parsed = parseFrontmatter({ yaml: String(file.value), firstLine: 1, closingLine: 1 });
  for (const problem of parsed.problems) reportError(file, `Invalid YAML: ${problem.reason}`, problem.place, 'vocabulary-yaml');
  if (parsed.problems.length > 0) return undefined;
  const result = vocabularySchema.safeParse(parsed.data ?? {}, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) reportError(file, describeIssue(issue, { schema: 'vocabulary' }), parsed.locate(issue.path), 'vocabulary-schema');
    return undefined;
  }
  const vocabulary = result.data;
  // A phrase twice in one group says nothing; in two groups it silently joins them.
  const groupOf = new Map<string, number>();
  vocabulary.synonyms.forEach((group, groupIndex) => {
    const inGroup = new Set<string>();
    group.forEach((item, itemIndex) => {
      const key = item.toLowerCase();
      const place = parsed.locate(['synonyms', groupIndex, itemIndex]);
      if (inGroup.has(key)) reportError(file, `\`${item}\` is twice in this group`, place, 'vocabulary-duplicate');
      else if (groupOf.has(key)) {
        reportError(file, `\`${item}\` is already in synonym group ${groupOf.get(key)! + 1}: merge the two groups or drop one`, place, 'vocabulary-duplicate');
      }
      inGroup.add(key);
      if (!groupOf.has(key)) groupOf.set(key, groupIndex);
    });
  });
  vocabulary.phrasings.forEach(({ say, means }, index) => {
    const saying = new Set(say.map((item) => item.toLowerCase()));
    means.forEach((item, itemIndex) => {
      if (saying.has(item.toLowerCase())) {
        reportError(file, `\`${item}\` is both said and meant: it would expand to itself`, parsed.locate(['phrasings', index, 'means', itemIndex]), 'vocabulary-duplicate');
      }
    });
  });
  return vocabulary;
}
