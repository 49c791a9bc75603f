import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, type CaseIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';
import { buildQuery } from '../src/query.ts';
import { rank } from '../src/rank.ts';
import { letterDigitParts } from '../src/term-parts.ts';
import { splitCompound } from '../src/tokenize.ts';
import { rankingFixtureCases, rankingFixtureIndex } from './ranking-fixtures.ts';

// rank() keeps its per-query sets in reused stamp arrays and its best documents in a small sorted array; this is the
// same scoring written the plain way (Maps, Sets, one sort of every scored document), and both must agree exactly.

const index = rankingFixtureIndex();

/** The ranking of `text` without any of rank()'s shortcuts (no expansion, no linked cases, no evidence). */
function referenceRank(caseIndex: CaseIndex, text: string, options: { top: number; dedupeById: boolean; titleBoost: number; rerankDepth?: number }) {
  const query = buildQuery(text);
  // Coordination weighs the customer's words; a held expansion covers the words it stands for; a signature counts not at all.
  const resolved: Array<{ id: number; weight: number; kind: 'word' | 'expansion' | 'signature'; term: string; from: readonly string[] }> = [];
  const seen = new Set<number>();
  const add = (id: number, weight: number, kind: 'word' | 'expansion' | 'signature', term: string, from: readonly string[] = []) => {
    if (seen.has(id)) return;
    seen.add(id);
    resolved.push({ id, weight, kind, term, from });
  };
  for (const term of query.terms) {
    const id = caseIndex.termIds.get(term.term);
    if (id !== undefined) add(id, term.weight * caseIndex.idf[id]!, term.signature ? 'signature' : term.expansion ? 'expansion' : 'word', term.term, term.from);
    else if (!term.signature) {
      const compound = term.surface.length > 24 ? undefined : splitCompound(term.surface, (candidate) => caseIndex.termIds.has(candidate));
      const parts = compound ?? letterDigitParts(term.term).filter((part) => caseIndex.termIds.has(part));
      for (const part of parts) add(caseIndex.termIds.get(part)!, 0.7 * term.weight * caseIndex.idf[caseIndex.termIds.get(part)!]!, term.expansion ? 'expansion' : 'word', part, term.from);
    }
  }
  resolved.sort((a, b) => b.weight - a.weight);
  const scores = new Map<number, number>();
  const scored = resolved.slice(0, 64);
  for (const { id, weight } of scored) {
    for (let position = caseIndex.offsets[id]!; position < caseIndex.offsets[id + 1]!; position++) {
      const doc = caseIndex.postingDocs[position]!;
      scores.set(doc, (scores.get(doc) ?? 0) + weight * caseIndex.impacts[position]!);
    }
  }
  // Coordination (on by default): candidates are re-scored by the share of the query's word weight they hold.
  const keep = Math.max(options.dedupeById ? options.top * 3 + 5 : options.top, options.rerankDepth ?? 50);
  // Stable sorts: equal scores keep the order in which documents were first scored, as rank() does.
  const best = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)!).slice(0, keep);
  const querySet = seen;
  const titleCoverage = (doc: number) => {
    let top = 0;
    let total = 0;
    let matched = 0;
    const titles = [...caseIndex.titleTerms.subarray(caseIndex.titleOffsets[doc]!, caseIndex.titleOffsets[doc + 1]!), -1];
    for (const id of titles) {
      if (id === -1 || id === 0xffff_ffff) {
        if (total > 0) top = Math.max(top, matched / total);
        total = 0;
        matched = 0;
        continue;
      }
      total += caseIndex.idf[id]!;
      if (querySet.has(id)) matched += caseIndex.idf[id]!;
    }
    return top;
  };
  const words = scored.filter((term) => term.kind === 'word');
  const expansions = scored.filter((term) => term.kind === 'expansion');
  const wordMass = words.reduce((sum, term) => sum + term.weight, 0);
  const holds = (doc: number, id: number) => caseIndex.postingDocs.subarray(caseIndex.offsets[id]!, caseIndex.offsets[id + 1]!).includes(doc);
  const coordination = (doc: number) => {
    if (wordMass === 0) return 1;
    const coveredByExpansion = new Set(expansions.filter((term) => holds(doc, term.id)).flatMap((term) => term.from));
    const held = words.filter((term) => holds(doc, term.id) || coveredByExpansion.has(term.term)).reduce((sum, term) => sum + term.weight, 0);
    return (held / wordMass) ** (0.5 * Math.min(1, 4 / words.length));
  };
  const boosted = new Map(best.map((doc) => [doc, scores.get(doc)! * (1 + options.titleBoost * titleCoverage(doc) ** 2) * coordination(doc)]));
  const ordered = [...best].sort((a, b) => boosted.get(b)! - boosted.get(a)!);
  const ids = new Set<string>();
  return ordered
    .filter((doc) => !options.dedupeById || (!ids.has(caseIndex.docs[doc]!.id) && ids.add(caseIndex.docs[doc]!.id)))
    .slice(0, options.top)
    .map((doc) => ({ doc, score: Math.round((boosted.get(doc)! / 255) * 10_000) / 10_000 }));
}

const queries = [
  ...rankingFixtureCases(),
  ...readFileSync(new URL('fixtures/cases/hostile.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const record = JSON.parse(line) as { subject?: unknown; body?: unknown };
        return [`${String(record.subject ?? '')}\n${String(record.body ?? '')}`];
      } catch {
        return [];
      }
    }),
  'Install error 0x80070005 access denied',
  'fileshare username permission denied (publickey)',
  // Words no article has, read as their letter and digit runs.
  'Framework3.5 install fails with error0x80070005',
];

describe('rank agrees with a plain reference ranking', () => {
  it.each([
    { top: 10, dedupeById: true, titleBoost: 1.5 },
    { top: 3, dedupeById: false, titleBoost: 1.5 },
    { top: 5, dedupeById: true, titleBoost: 0 },
  ])('on every fixture case and hostile record, %o', (options) => {
    let rankedSeveral = 0;
    for (const text of queries) {
      const fast = rank(index, text, { ...options, evidence: false, expansionWeight: 0 }).map(({ doc, score }) => ({ doc, score }));
      expect(fast).toEqual(referenceRank(index, text, options));
      if (fast.length > 1) rankedSeveral++;
    }
    // Not an agreement on empty lists: most queries rank several documents.
    expect(rankedSeveral).toBeGreaterThan(queries.length / 2);
  });
});

// Coordination reads whether each kept document holds each word: in one pass over a short posting list, by binary
// search in a long one (many times the kept documents). A generated index whose words sit in all, half, a fifth or
// two of its documents, reranked at small depths, takes both ways.
describe('rank agrees with the reference on long and short posting lists', () => {
  const generated = buildIndex(
    Array.from({ length: 40 }, (_, n) => {
      const words = ['cluster', n % 2 === 0 ? 'timeout' : 'restart', n % 5 === 0 ? 'certificate' : 'quota', n < 2 ? 'rotation' : 'upgrade'];
      return parseMarkdownArticle(`---\ntitle: Node pool note ${n} ${words[n % 4]}\n---\n## Symptoms\n\n${words.join(' ')} on node pool ${n}.\n`, `generated/note-${n}.md`);
    }),
    { associations: false },
  );
  it.each([1, 2, 5, 50])('rerank depth %i', (rerankDepth) => {
    for (const text of ['cluster timeout certificate rotation', 'cluster restart quota', 'certificate rotation on the cluster node pool', 'upgrade timeout']) {
      for (const options of [
        { top: 1, dedupeById: false, titleBoost: 1.5, rerankDepth },
        { top: 3, dedupeById: true, titleBoost: 0, rerankDepth },
      ]) {
        const fast = rank(generated, text, { ...options, evidence: false, expansionWeight: 0 }).map(({ doc, score }) => ({ doc, score }));
        expect(fast.length).toBeGreaterThan(0);
        expect(fast).toEqual(referenceRank(generated, text, options));
      }
    }
  });
});
