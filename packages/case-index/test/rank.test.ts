import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { buildQuery, lineWeight } from '../src/query.ts';
import { rank } from '../src/rank.ts';

const root = new URL('fixtures/ranking/', import.meta.url);

function indexOf(folder: URL) {
  const articles = new URL('articles/', folder);
  const documents = readdirSync(articles)
    .sort()
    .map((name) => parseMarkdownArticle(readFileSync(new URL(name, articles), 'utf8'), name));
  return buildIndex(documents);
}

describe('rank on fixture corpora', () => {
  for (const name of readdirSync(root).sort()) {
    const folder = new URL(`${name}/`, root);
    it(name, () => {
      const index = indexOf(folder);
      const supportCase = JSON.parse(readFileSync(new URL('case.json', folder), 'utf8')) as { subject: string; body: string };
      const expected = JSON.parse(readFileSync(new URL('expected.json', folder), 'utf8')) as { first: string; signatures: string[] };
      const [first, second] = rank(index, supportCase, { top: 3 });
      expect(first?.path).toBe(expected.first);
      expect(first?.evidence.signatures.map((signature) => signature.key)).toEqual(expect.arrayContaining(expected.signatures));
      expect(first?.evidence.terms.length).toBeGreaterThan(0);
      if (second) expect(first!.score).toBeGreaterThan(second.score);
    });
  }
});

describe('rank', () => {
  const index = indexOf(new URL('exact-code-beats-near-miss/', root));

  it('explains more of a case with its exact code than a near miss does', () => {
    const results = rank(index, 'Install error - 0x80070005');
    expect(results[0]?.path).toBe('windows-update-0x80070005.md');
    expect(results[0]!.confidence).toBeGreaterThan(results[1]!.confidence);
  });

  it('returns nothing for text that matches no document', () => {
    expect(rank(index, 'zzzz qqqq')).toEqual([]);
  });

  it('honours top, filter and evidence options', () => {
    expect(rank(index, 'Windows Update error', { top: 1 })).toHaveLength(1);
    const filtered = rank(index, 'Windows Update error 0x80070005', { filter: (doc) => doc.path !== 'windows-update-0x80070005.md' });
    expect(filtered.map((result) => result.path)).not.toContain('windows-update-0x80070005.md');
    expect(rank(index, 'Install error - 0x80070005', { evidence: false })[0]?.evidence).toEqual({ signatures: [], terms: [] });
  });

  it('keeps one result per article id (a translation does not take a second slot)', () => {
    const english = parseMarkdownArticle('---\ntitle: SSH fails with Permission denied (publickey)\nproduct: compute\n---\nPermission denied (publickey).', 'en/compute/ssh-denied.mdx');
    const chinese = parseMarkdownArticle(
      '---\ntitle: SSH 出現 Permission denied (publickey)\nproduct: compute\ntranslationOf: compute/ssh-denied\n---\nPermission denied (publickey).',
      'zh-tw/compute/ssh-denied.mdx',
    );
    const results = rank(buildIndex([english, chinese]), 'Permission denied (publickey)');
    expect(results).toHaveLength(1);
    expect(results[0]?.id).toBe('compute/ssh-denied');
  });

  it('ignores redaction markers', () => {
    const plain = rank(index, 'Install error 0x80070005');
    const marked = rank(index, 'Install error 0x80070005 [redacted:email] [redacted:email]');
    expect(marked.map((result) => [result.path, result.score])).toEqual(plain.map((result) => [result.path, result.score]));
  });
});

describe('coordination', () => {
  const index = indexOf(new URL('short-query-holds-every-word/', root));
  const scoreOf = (coordination: number, path: string) => rank(index, 'Unable to mount fileshare: Permission denied', { coordination }).find((result) => result.path === path)!.score;

  it('lowers a document by the share of a short query’s words it lacks, and leaves one holding them all', () => {
    const whole = 'mount-file-share-permission-denied.md';
    const partial = 'fileshare-cluster-resource.md';
    expect(scoreOf(0.5, partial) / scoreOf(0, partial)).toBeLessThan(scoreOf(0.5, whole) / scoreOf(0, whole));
    // It holds every word but "fileshare" (it writes "file share"): lowered a little, far less than the partial match.
    expect(scoreOf(0.5, whole) / scoreOf(0, whole)).toBeGreaterThan(0.8);
  });

  it('barely touches a long query, a bag of words of which any article holds a part', () => {
    const long = `Unable to mount fileshare: Permission denied ${'after the cluster failover the role offline path unreachable storage key secret volume boot '.repeat(2)}`;
    const ratio = rank(index, long, { coordination: 0.5 })[0]!.score / rank(index, long, { coordination: 0 })[0]!.score;
    expect(ratio).toBeGreaterThan(0.85);
  });

  it('counts a word as held where the document holds an expansion of it, and only that word', () => {
    const text = 'Unable to mount fileshare: Permission denied';
    const ratio = (path: string, aliases: Record<string, string>) => {
      const query = buildQuery(text, { aliases });
      const score = (coordination: number) => rank(index, query, { coordination }).find((result) => result.path === path)!.score;
      return score(0.5) / score(0);
    };
    const whole = 'mount-file-share-permission-denied.md';
    const partial = 'fileshare-cluster-resource.md';
    // "fileshare" → "share" (an expansion weighs half the word): the article that writes "file share" holds an
    // expansion of every word of the query, so it is not lowered at all — not by half of "fileshare".
    expect(ratio(whole, {})).toBeLessThan(1);
    expect(ratio(whole, { fileshare: 'share' })).toBeCloseTo(1, 10);
    // The expansion covers "fileshare" only: the partial match still lacks "mount", "permission" and "denied".
    expect(ratio(partial, { fileshare: 'share' })).toBeCloseTo(ratio(partial, {}), 10);
  });
});

describe('lineWeight', () => {
  it('weighs a ticket form’s prompts and unticked options below what the customer wrote', () => {
    expect(lineWeight('> Describe the problem.')).toBeLessThan(1);
    expect(lineWeight('### Application')).toBeLessThan(1);
    expect(lineWeight('- [ ] feature request')).toBeLessThan(0.5);
    expect(lineWeight('Outlook keeps crashing when I open a shared calendar')).toBe(1);
    expect(lineWeight('> Error: access is denied')).toBeGreaterThan(1);
  });
});

describe('confidence', () => {
  const index = indexOf(new URL('exact-code-beats-near-miss/', root));

  it('is a probability, lower for a result the case explains less and that stands less far ahead', () => {
    const [first, second] = rank(index, 'Windows Update install error 0x80070005');
    expect(first!.confidence).toBeGreaterThan(second!.confidence);
    expect(first!.confidence).toBeLessThanOrEqual(1);
    expect(second!.confidence).toBeGreaterThanOrEqual(0);
    expect(first!.coverage).toBeGreaterThanOrEqual(second!.coverage);
  });
});
