import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentRules, ruleUrl } from '../src/index.ts';

const sourceDir = new URL('../src/', import.meta.url);
const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(new URL(name, sourceDir), 'utf8'));
// A rule id is written as `ruleId: 'x'`, or as the literal argument after the place in a report helper
// (`report(article, reason, place, 'x')`, `reportError(file, reason, place, 'x')`).
const RULE_ID = /ruleId: '([a-z]+(?:-[a-z]+)*)'|, '([a-z]+(?:-[a-z]+)+)'(?:, [^,()]+)?\)/g;

describe('contentRules', () => {
  it('has an entry for every rule id the validators of this package report', () => {
    const ids = new Set(sources.flatMap((source) => [...source.matchAll(RULE_ID)].map((match) => match[1] ?? match[2]!)));
    expect(ids.size).toBeGreaterThan(30);
    const known = new Set(contentRules.map((rule) => rule.id));
    expect([...ids].filter((id) => !known.has(id))).toEqual([]);
  });

  it('lists each rule once, with a description and its url', () => {
    expect(new Set(contentRules.map((rule) => rule.id)).size).toBe(contentRules.length);
    for (const rule of contentRules) {
      expect(rule.description).toMatch(/\.$/);
      expect(rule.url).toBe(ruleUrl(rule.id));
    }
  });

  it('points each url at an anchor of CONTRIBUTING.md (a declared input of this task)', () => {
    const contributing = readFileSync(new URL('../../../CONTRIBUTING.md', import.meta.url), 'utf8');
    for (const rule of contentRules) expect(contributing, rule.id).toContain(`<a id="rule-${rule.id}"></a>`);
  });
});
