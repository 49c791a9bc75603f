import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { learnLinkedCases, withLinkedCases } from '../src/linked-cases.ts';
import { rank } from '../src/rank.ts';

const article = (name: string, title: string, body: string) => parseMarkdownArticle(`---\ntitle: ${title}\n---\n${body}`, name);
const index = buildIndex([
  article('presence.md', 'The correct presence status is not reflected', 'Presence stays on an old state.'),
  article('printer.md', 'Printer queue is stuck', 'Jobs wait in the queue.'),
]);

describe('withLinkedCases', () => {
  it('finds an article in the words customers used in the cases linked to it', () => {
    const before = rank(index, 'shows out of office after holiday');
    expect(before.map((result) => result.path)).not.toContain('presence.md');
    const learned = withLinkedCases(index, [
      { subject: 'Still shows out of office after my holiday', body: 'Teams keeps the out of office note.', linkedArticles: ['presence'] },
    ]);
    expect(rank(learned, 'shows out of office after holiday')[0]?.path).toBe('presence.md');
    expect(learned.linked?.cases).toBe(1);
  });

  it('leaves the index it started from unchanged and ignores links to unknown articles', () => {
    const learned = withLinkedCases(index, [{ subject: 'holiday', linkedArticles: ['nowhere'] }]);
    expect(learned.linked?.cases).toBe(0);
    expect(index.linked).toBeUndefined();
    expect(rank(learned, 'printer queue')).toEqual(rank(index, 'printer queue'));
  });

  it('saturates with the number of cases', () => {
    const one = learnLinkedCases(index, [{ subject: 'holiday', linkedArticles: ['presence'] }]);
    const three = learnLinkedCases(index, Array.from({ length: 3 }, () => ({ subject: 'holiday', linkedArticles: ['presence'] })));
    const impact = (postings: typeof one) => postings.terms.get('holidai')!.impacts[0]!;
    expect(impact(three)).toBeGreaterThan(impact(one));
    expect(impact(three)).toBeLessThan(255);
  });
});
