import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { validateLedger } from '../src/validate-ledger.ts';

const line = (id: string, article = 'compute/ssh') => JSON.stringify({ case: id, linkedArticles: [article], links: [] });

describe('validateLedger', () => {
  it('accepts one well-formed line per case whose articles exist', () => {
    const file = new VFile({ path: 'cases/ledger.jsonl', value: `${line('A')}\n${line('B')}\n` });
    validateLedger(file, new Set(['compute/ssh']));
    expect(file.messages).toEqual([]);
  });

  it('gives the first entry of a case twice as the second location (cause), the text unchanged', () => {
    const file = new VFile({ path: 'cases/ledger.jsonl', value: `${line('A')}\n${line('B')}\n${line('A')}\n` });
    validateLedger(file, new Set(['compute/ssh']));
    expect(file.messages).toHaveLength(1);
    const [message] = file.messages;
    expect(message).toMatchObject({ line: 3, column: 1, fatal: true, ruleId: 'ledger-record', reason: 'Unexpected second entry for case `A`, line 1 has it already' });
    expect(message!.cause).toBeInstanceOf(VFileMessage);
    expect(message!.cause).toMatchObject({ file: 'cases/ledger.jsonl', line: 1, column: 1, reason: 'The first entry for case `A`', ruleId: 'ledger-record' });
  });

  it('reports malformed lines and links to articles that are gone, at their column', () => {
    const file = new VFile({ path: 'cases/ledger.jsonl', value: `not json\n{"linkedArticles":[]}\n${line('C', 'gone/article')}\n` });
    validateLedger(file, new Set(['compute/ssh']));
    expect(file.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([
      [1, 1, 'ledger-record'],
      [2, 1, 'ledger-record'],
      [3, line('C', 'gone/article').indexOf('"gone/article"') + 1, 'ledger-unknown-article'],
    ]);
  });
});
