import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { formatMessage } from '../src/format-message.ts';
import { reportError } from '../src/validate-article.ts';

describe('formatMessage', () => {
  const file = new VFile({ path: 'articles/en/dns/a.mdx', value: 'x' });

  it('formats an error as `path:line:col: error: reason (rule-id)`', () => {
    reportError(file, 'Something is wrong', { line: 3, column: 7 }, 'some-rule');
    const [message] = file.messages;
    if (!message) throw new Error('no message');
    expect(formatMessage(message)).toBe('articles/en/dns/a.mdx:3:7: error: Something is wrong (some-rule)');
    expect(formatMessage(message, '../content/articles/en/dns/a.mdx')).toBe('../content/articles/en/dns/a.mdx:3:7: error: Something is wrong (some-rule)');
    expect(formatMessage(message, '')).toBe(':3:7: error: Something is wrong (some-rule)');
  });

  it('takes the start of a range, calls non-fatal messages warnings, and leaves out a missing rule id', () => {
    const other = new VFile({ path: 'taxonomy.yaml' });
    const warning = other.message('Just so you know', { place: { start: { line: 2, column: 4 }, end: { line: 2, column: 9 } } });
    expect(formatMessage(warning)).toBe('taxonomy.yaml:2:4: warning: Just so you know');
  });

  it('puts a message without a place at 1:1', () => {
    const other = new VFile({ path: 'taxonomy.yaml' });
    const message = other.message('Missing file', { ruleId: 'taxonomy-missing' });
    message.fatal = true;
    expect(formatMessage(message)).toBe('taxonomy.yaml:1:1: error: Missing file (taxonomy-missing)');
  });
});
