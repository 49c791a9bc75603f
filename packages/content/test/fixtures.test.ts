// One loop over test/fixtures/articles/<case>/: `input.mdx` is validated as if it were at the path in `path.txt`
// (relative to the content folder), and its messages must equal `expected.txt`, one `line:col: error: reason (rule-id)` a line.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { validateArticle } from '../src/validate-article.ts';
import { messagesOf, realTaxonomy } from './helpers.ts';

const fixturesDir = new URL('./fixtures/articles/', import.meta.url);
const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const taxonomy = realTaxonomy();

const read = (name: string, file: string) => readFileSync(new URL(`${name}/${file}`, fixturesDir), 'utf8');
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Rules about the body (and hidden characters in valid frontmatter): the article is still returned. */
const bodyRules = new Set(['mdx-syntax', 'mdx-code', 'link-unsafe', 'internal-placement', 'internal-reference', 'frontmatter-text']);
/** Rules about the whole file, the only ones allowed to sit at 1:1. */
const wholeFileRules = new Set(['article-path', 'frontmatter-missing']);

function run(name: string) {
  const file = new VFile({ path: read(name, 'path.txt').trim(), value: read(name, 'input.mdx') });
  const article = validateArticle(file, { taxonomy });
  return { file, article };
}

describe('validateArticle fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', (name) => {
    const { file, article } = run(name);
    const expected = lines(read(name, 'expected.txt'));
    expect(messagesOf(file)).toEqual(expected);

    for (const message of file.messages) {
      expect(message.fatal, 'every problem of an article is an error').toBe(true);
      expect(message.source).toBe('kb');
      if (!wholeFileRules.has(message.ruleId ?? '')) {
        expect(`${message.line}:${message.column}`, `${message.ruleId} must point at the offending place, not the top of the file`).not.toBe('1:1');
      }
    }

    // The article comes back exactly when nothing but the body is wrong.
    const onlyBodyProblems = file.messages.every((message) => bodyRules.has(message.ruleId ?? ''));
    if (onlyBodyProblems) {
      expect(article).toBeDefined();
      expect(article?.path).toBe(file.path);
      expect(article?.id).toBe(file.path.split('/').slice(2).join('/').replace(/\.mdx$/, ''));
    } else {
      expect(article).toBeUndefined();
    }
  });

  it('breaks exactly one rule per fixture, and covers every rule of validateArticle', () => {
    const rulesSeen = new Set<string>();
    for (const name of cases) {
      const { file } = run(name);
      const rules = new Set(file.messages.map((message) => message.ruleId));
      if (name.startsWith('valid')) {
        expect(rules.size, name).toBe(0);
        continue;
      }
      expect([...rules], name).toHaveLength(1);
      const [rule] = rules;
      expect(name.startsWith(rule ?? '?'), `fixture ${name} is named after its rule ${rule}`).toBe(true);
      rulesSeen.add(rule ?? '');
    }
    expect([...rulesSeen].sort()).toEqual([
      'article-path',
      'frontmatter-missing',
      'frontmatter-schema',
      'frontmatter-text',
      'frontmatter-yaml',
      'internal-placement',
      'internal-reference',
      'link-unsafe',
      'locale-mismatch',
      'mdx-code',
      'mdx-syntax',
      'product-folder',
      'translation-source',
      'unknown-area',
      'unknown-product',
    ]);
  });
});
