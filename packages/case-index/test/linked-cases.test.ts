import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { learnLinkedCases, withLinkedCases } from '../src/linked-cases.ts';
import { rank } from '../src/rank.ts';

const article = (name: string, title: string, body: string) => parseMarkdownArticle(`---\ntitle: ${title}\n---\n${body}`, name);
const index = buildIndex([
  article('quota.md', 'Disk quota exceeded for the share', 'The share reached its quota.'),
  article('printer.md', 'Printer queue is stuck', 'Jobs wait in the queue.'),
]);

describe('withLinkedCases', () => {
  it('finds an article in the words customers used in the cases linked to it', () => {
    const before = rank(index, 'storage full warning every morning');
    expect(before.map((result) => result.path)).not.toContain('quota.md');
    const learned = withLinkedCases(index, [
      { subject: 'Storage full warning every morning', body: 'The warning says storage is full.', linkedArticles: ['quota'] },
    ]);
    expect(rank(learned, 'storage full warning every morning')[0]?.path).toBe('quota.md');
    expect(learned.linked?.cases).toBe(1);
  });

  it('leaves the index it started from unchanged and ignores links to unknown articles', () => {
    const learned = withLinkedCases(index, [{ subject: 'morning', linkedArticles: ['nowhere'] }]);
    expect(learned.linked?.cases).toBe(0);
    expect(index.linked).toBeUndefined();
    expect(rank(learned, 'printer queue')).toEqual(rank(index, 'printer queue'));
  });

  it('ranks a case it learned from (same id) on the articles alone, so its own words never vote for its article', () => {
    const ledger = [{ id: 'C-1', subject: 'Storage full warning every morning', linkedArticles: ['quota'] }];
    const learned = withLinkedCases(index, ledger);
    expect(rank(learned, { id: 'C-2', subject: 'storage full warning every morning' })[0]?.path).toBe('quota.md');
    expect(rank(learned, { ...ledger[0]!, subject: 'storage full warning every morning' })).toEqual(rank(index, 'storage full warning every morning'));
    expect(learned.linked?.caseIds?.has('C-1')).toBe(true);
    // Learning again starts from the articles, not from the first overlay.
    expect(withLinkedCases(learned, []).linked?.cases).toBe(0);
  });

  it('saturates with the number of cases', () => {
    const one = learnLinkedCases(index, [{ subject: 'morning', linkedArticles: ['quota'] }]);
    const three = learnLinkedCases(index, Array.from({ length: 3 }, () => ({ subject: 'morning', linkedArticles: ['quota'] })));
    const impact = (postings: typeof one) => postings.terms.get('morn')!.impacts[0]!;
    expect(impact(three)).toBeGreaterThan(impact(one));
    expect(impact(three)).toBeLessThan(255);
  });
});
