import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { feedbackCandidates, forwardIndex } from '../src/feedback.ts';
import { rank } from '../src/rank.ts';

const articles = new URL('fixtures/feedback/', import.meta.url);
const documents = readdirSync(articles)
  .sort()
  .map((name) => parseMarkdownArticle(readFileSync(new URL(name, articles), 'utf8'), name));
const index = buildIndex(documents, { associations: false });
const paths = (results: ReadonlyArray<{ path: string }>) => results.map((result) => result.path);
const docNumber = (path: string) => index.docs.findIndex((doc) => doc.path === path);

describe('forwardIndex', () => {
  it('holds, per document, exactly the word terms whose postings name it, with the same impacts', () => {
    const forward = forwardIndex(index);
    for (let doc = 0; doc < index.docs.length; doc++) {
      const fromPostings = new Map<number, number>();
      index.terms.forEach((term, id) => {
        if (!/^\p{L}{3,}$/u.test(term)) return;
        for (let p = index.offsets[id]!; p < index.offsets[id + 1]!; p++) if (index.postingDocs[p] === doc) fromPostings.set(id, index.impacts[p]!);
      });
      const forwardTerms = new Map<number, number>();
      for (let at = forward.offsets[doc]!; at < forward.offsets[doc + 1]!; at++) forwardTerms.set(forward.terms[at]!, forward.impacts[at]!);
      expect(forwardTerms).toEqual(fromPostings);
      expect(forward.totals[doc]).toBe([...fromPostings.values()].reduce((a, b) => a + b, 0));
    }
  });

  it('is built once and shared by an index with the same postings', () => {
    expect(forwardIndex({ ...index })).toBe(forwardIndex(index));
  });
});

describe('feedbackCandidates', () => {
  it('is the relevance model: score-weighted share of each document\'s impact, times idf for rm-idf', () => {
    const a = docNumber('freezes.md');
    const b = docNumber('hangs-processing.md');
    const forward = forwardIndex(index);
    const share = (doc: number, id: number) => {
      for (let at = forward.offsets[doc]!; at < forward.offsets[doc + 1]!; at++) if (forward.terms[at] === id) return forward.impacts[at]! / forward.totals[doc]!;
      return 0;
    };
    const safe = index.termIds.get('safe')!;
    const rm = feedbackCandidates(index, [a, b], [3, 1], 'rm', 1000, 1000);
    expect(rm.find((c) => c.id === safe)!.value).toBeCloseTo(0.75 * share(a, safe) + 0.25 * share(b, safe), 12);
    expect(rm.reduce((sum, c) => sum + c.value, 0)).toBeCloseTo(1, 12);
    const rmIdf = feedbackCandidates(index, [a, b], [3, 1], 'rm-idf', 1000, 1000);
    expect(rmIdf.find((c) => c.id === safe)!.value).toBeCloseTo(rm.find((c) => c.id === safe)!.value * index.idf[safe]!, 6);
    // Best first, cut to max; a term in more documents than maxPostings is left out.
    const top = feedbackCandidates(index, [a, b], [3, 1], 'rm', 1000, 3);
    expect(top.map((c) => c.id)).toEqual(rm.slice(0, 3).map((c) => c.id));
    expect(feedbackCandidates(index, [a, b], [3, 1], 'rm', 1, 1000).some((c) => c.id === safe)).toBe(false);
  });
});

describe('rank with feedback', () => {
  const report = { subject: 'Outlook freezes', body: '' };

  it('finds an article that shares no word with the report through the words of the first one', () => {
    expect(paths(rank(index, report))).toEqual(['freezes.md']);
    const fed = paths(rank(index, report, { feedbackWeight: 0.3 }));
    expect(fed[0]).toBe('freezes.md');
    expect(fed[1]).toBe('hangs-processing.md');
  });

  it('never counts a feedback term as explained, nor shows it as evidence', () => {
    const [, second] = rank(index, report, { feedbackWeight: 0.3 });
    expect(second!.evidence.terms).toEqual([]);
    expect(second!.coverage).toBe(0);
  });

  it('leaves a case quoting an error signature alone by default, and feeds it back with the gate `every`', () => {
    const coded = { subject: 'Update fails with 0x80070070', body: '' };
    expect(rank(index, coded, { feedbackWeight: 0.5 })).toEqual(rank(index, coded));
    expect(paths(rank(index, coded, { feedbackWeight: 0.5, feedbackGate: 'every' })).length).toBeGreaterThan(paths(rank(index, coded)).length);
  });

  it('is off at weight 0 and at 1 or more (no query left to interpolate with)', () => {
    expect(rank(index, report, { feedbackWeight: 0 })).toEqual(rank(index, report));
    expect(rank(index, report, { feedbackWeight: 1 })).toEqual(rank(index, report));
  });
});
