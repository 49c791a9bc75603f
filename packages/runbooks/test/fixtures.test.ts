// One loop over test/fixtures/<rule>/: `input.mdx` is validated (as `<rule>.mdx`, or the path in `path.txt`) and its
// messages must equal `expected.txt`, one `line:col: error|warning: reason (rule-id)` a line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { runbookRules, validateRunbookFile } from '../src/index.ts';
import { fixtureOptions, fixturesDir, messagesOf } from './helpers.ts';

const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const read = (name: string, file: string) => readFileSync(new URL(`${name}/${file}`, fixturesDir), 'utf8');
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

function run(name: string) {
  const filePath = existsSync(new URL(`${name}/path.txt`, fixturesDir)) ? read(name, 'path.txt').trim() : `${name}.mdx`;
  const file = new VFile({ path: filePath, value: read(name, 'input.mdx') });
  const runbook = validateRunbookFile(file, fixtureOptions);
  return { file, runbook };
}

/** Rules about the whole file, the only ones allowed at 1:1. */
const wholeFileRules = new Set(['runbook-path', 'frontmatter-missing']);

describe('validateRunbookFile fixtures', () => {
  it.each(cases)('%s', (name) => {
    const { file, runbook } = run(name);
    expect(messagesOf(file)).toEqual(lines(read(name, 'expected.txt')));
    for (const message of file.messages) {
      expect(message.source).toBe('kb');
      if (!wholeFileRules.has(message.ruleId ?? '')) expect(`${message.line}:${message.column}`, `${message.ruleId} points at its place`).not.toBe('1:1');
    }
    // A broken runbook never half-renders: any error and there is no runbook; warnings alone keep it.
    expect(runbook === undefined).toBe(file.messages.some((message) => message.fatal));
  });

  it('breaks exactly one rule per fixture, named after it, and covers every rule but the article link rule', () => {
    const seen = new Set<string>();
    for (const name of cases) {
      const rules = new Set(run(name).file.messages.map((message) => message.ruleId));
      if (name === 'valid') {
        expect(rules.size).toBe(0);
        continue;
      }
      expect([...rules], name).toHaveLength(1);
      const [rule] = rules;
      expect(name.startsWith(rule ?? '?'), `fixture ${name} is named after ${rule}`).toBe(true);
      seen.add(rule ?? '');
    }
    expect([...seen].sort()).toEqual(runbookRules.map((rule) => rule.id).filter((id) => id !== 'unknown-runbook').sort());
  });
});
