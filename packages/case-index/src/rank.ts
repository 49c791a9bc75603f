import type { CaseIndex, StoredDocument } from './build-index.ts';
import { calibrated, scoreMargin, type Calibration } from './calibrate.ts';
import { rescoreCandidates } from './coordination.ts';
import { addEvidence, type Evidence } from './evidence.ts';
import { expand } from './expand-terms.ts';
import { feedbackCandidates, type FeedbackSelect } from './feedback.ts';
import { feedbackExpansions, type Feedback } from './feedback-terms.ts';
import { buildQuery, type CaseText, type Query, type QueryOptions } from './query.ts';
import { nextStamp, scratchFor, type Scratch } from './rank-scratch.ts';
import { OVERLAP_DEPTH, rerankByOverlap } from './rerank-overlap.ts';
import { rerankLearned, type RerankModel, type RerankWord } from './rerank-learned.ts';
import { resolveTerms, type ResolvedTerm } from './resolve-terms.ts';
import { impactOf, linkedImpact } from './term-impact.ts';
import { titleCoverage } from './title-coverage.ts';

// Isomorphic: the ranking the CLI, the internal site and the browser's case form share.
// The entry of the ranking: its options and results, and the scoring loop; each step it calls lives in a module of its own.

export type { Evidence } from './evidence.ts';

/** One ranked document. */
export interface RankedResult {
  /** Position of the document in `index.docs`. */
  doc: number;
  id: string;
  kind: StoredDocument['kind'];
  /** Path relative to the indexed folder. */
  path: string;
  title: string;
  /** Relevance score: higher is better; comparable between results of one case, not across cases. */
  score: number;
  /**
   * 0…1: the calibrated probability that this document is the case's article, from its {@link coverage} and how far
   * its score stands from the best other document's (see `calibrate.ts`). Comparable across cases; the reports count
   * a case as linked from `DEFAULT_GOOD_MATCH` and call it a content gap below.
   */
  confidence: number;
  /**
   * 0…1: how much of the case the document explains — the share of the case's weighted terms it holds (terms no
   * document knows count against it), the share of the case's error signatures it names, and how much of its title
   * the case repeats.
   */
  coverage: number;
  evidence: Evidence;
}

/** Options of {@link rank}. */
export interface RankOptions extends QueryOptions {
  /** Results to return at most. Default 10. */
  top?: number;
  /** Only documents for which this returns true (e.g. public articles). */
  filter?: (doc: StoredDocument) => boolean;
  /** Keep only the best document of each id, so a translation does not take a second slot. Default true. */
  dedupeById?: boolean;
  /** Query terms used at most, the most informative first; bounds the time a huge log takes. Default 64. */
  maxQueryTerms?: number;
  /** Compute evidence (slightly slower). Default true. */
  evidence?: boolean;
  /** How much a document whose title the case repeats is raised (0 turns it off). Default 1.5. */
  titleBoost?: number;
  /**
   * Query terms in more documents than this are not scored (they still count for confidence): in a large index they
   * cost the most time and say the least. Default: a quarter of the documents, but never fewer than 512.
   */
  maxPostings?: number;
  /**
   * Exponent of the share of the customer's scored words (by weight) a candidate holds, multiplied into its score when
   * candidates are re-scored: a document that holds every word of a short query beats one that holds a rare one many
   * times. 0 turns it off. Default 0.5, chosen by nested leave-one-article-out on both dev files' subject lines
   * (bench/search/quality.ts).
   */
  coordination?: number;
  /** Scored words up to which a query is held to {@link coordination} in full; beyond, the exponent falls as 1/words. Default 4 (chosen like it). */
  coordinationTerms?: number;
  /** Candidates re-scored by title coverage. Default 50. */
  rerankDepth?: number;
  /**
   * Weight of the related terms the index learned from its articles (query expansion), relative to the case's own
   * words; 0 turns expansion off. Default 0: measured leave-one-article-out on both dev files it did not help (equal
   * on cases-dev, slightly worse on cases-dev2) and halved rank() throughput.
   */
  expansionWeight?: number;
  /** Related terms added to a query at most. Default 12. */
  maxExpansionTerms?: number;
  /** Coefficients of the confidence model. Default {@link defaultCalibration}. */
  calibration?: Calibration;
  /** Weight of the words of linked cases (the ledger, when the index learned it) relative to an article's body. Default 0.5. */
  linkedWeight?: number;
  /**
   * Weight of the overlap rerank (`rerank-overlap.ts`): for a case quoting no error signature, its top
   * {@link OVERLAP_DEPTH} are reordered by the plain-word cosine with each whole article. Needs case text (not a prepared
   * `Query`) and an index that kept its plain words. Default 0 (off); `kb link`, `kb suggest` and `kb report` pass
   * `DEFAULT_OVERLAP_WEIGHT`; the site's search box does not (see the package README).
   */
  overlapWeight?: number;
  /**
   * The learned rerank (`rerank-learned.ts`): for a case quoting no error signature, its top {@link OVERLAP_DEPTH} are
   * reordered by this linear model over several features (`DEFAULT_RERANK_MODEL`, fitted on pseudo-queries from
   * articles). Takes the place of the overlap rerank when given. Needs case text and an index that kept its plain words.
   */
  rerankModel?: RerankModel;
  /**
   * Pseudo-relevance feedback (RM3, `feedback.ts`): λ, the share of the second query's weight given to the words of the
   * first ranking's best {@link feedbackDocs} documents (0 < λ < 1; 0 turns it off). Default 0.
   */
  feedbackWeight?: number;
  /** Documents of the first ranking read for feedback. Default 5. */
  feedbackDocs?: number;
  /** Feedback terms added at most (the query's own terms are never added again). Default 10. */
  feedbackTerms?: number;
  /** How feedback terms are chosen: `rm` (relevance model, default) or `rm-idf` (times idf). */
  feedbackSelect?: FeedbackSelect;
  /** `no-signature` (default): feedback only for a case quoting no error signature, as the overlap rerank; `every`. */
  feedbackGate?: 'no-signature' | 'every';
  /** Sees the learned rerank's candidates and feature vectors before they are reordered (for fitting a model). */
  onRerankFeatures?: (candidates: readonly number[], features: readonly Float64Array[]) => void;
}

/** The query's terms as rank scores them: its own (the most informative first, cut to `maxQueryTerms`) and the related terms added. */
function scoredTerms(index: CaseIndex, query: Query, options: RankOptions, scratch: Scratch, stamp: number) {
  const { resolved: ownTerms, unknownWords, unknownSignatures } = resolveTerms(index, query, scratch, stamp);
  const maxTerms = options.maxQueryTerms ?? 64;
  const own = ownTerms.length > maxTerms ? ownTerms.slice(0, maxTerms) : ownTerms;
  const expansions = expand(index, own, options.expansionWeight ?? 0, options.maxExpansionTerms ?? 12, scratch, stamp);
  return { ownTerms, own, expansions, unknownWords, unknownSignatures };
}

/**
 * The related terms {@link rank} adds to a query on this index, strongest first: what a partial index (a browser's
 * shards) must hold postings for to rank as the whole index does.
 */
export function expansionTerms(index: CaseIndex, input: string | CaseText | Query, options: RankOptions = {}): string[] {
  const query = typeof input === 'object' && 'terms' in input ? input : buildQuery(input, options);
  const scratch = scratchFor(index);
  return scoredTerms(index, query, options, scratch, nextStamp(scratch)).expansions.map((term) => term.term.term);
}

/** The text of a case as written, or undefined for a prepared query (its words are stemmed already). */
function caseTextOf(input: string | CaseText | Query): CaseText | undefined {
  if (typeof input === 'string') return { body: input };
  return 'terms' in input ? undefined : input;
}

/** Ranks the index's documents for a case, free text or a prepared {@link Query}. */
export function rank(learnedIndex: CaseIndex, input: string | CaseText | Query, options: RankOptions = {}): RankedResult[] {
  // A case the ledger learned from is ranked on the articles alone: its own words must not vote for its article.
  const caseId = typeof input === 'object' && 'id' in input && typeof input.id === 'string' ? input.id : undefined;
  const index = caseId !== undefined && learnedIndex.linked?.base && learnedIndex.linked.caseIds?.has(caseId) ? learnedIndex.linked.base : learnedIndex;
  const query = typeof input === 'object' && 'terms' in input ? input : buildQuery(input, options);
  const feedbackWeight = options.feedbackWeight ?? 0;
  const top = options.top ?? 10;
  if (feedbackWeight > 0 && feedbackWeight < 1 && top > 0 && (options.feedbackGate === 'every' || query.signatures.length === 0)) {
    // Pseudo-relevance feedback: the first ranking's best documents lend their words to a second one.
    const first = rankQuery(index, input, query, { ...options, top: options.feedbackDocs ?? 5, evidence: false });
    const maxPostings = options.maxPostings ?? Math.max(512, index.docs.length / 4);
    const feedbackTerms = options.feedbackTerms ?? 10;
    const candidates = feedbackCandidates(
      index,
      first.map((result) => result.doc),
      first.map((result) => result.score),
      options.feedbackSelect ?? 'rm',
      maxPostings,
      feedbackTerms + (options.maxQueryTerms ?? 64),
    );
    return rankQuery(index, input, query, options, { candidates, weight: feedbackWeight, terms: feedbackTerms });
  }
  return rankQuery(index, input, query, options);
}

function rankQuery(index: CaseIndex, input: string | CaseText | Query, query: Query, options: RankOptions, feedback?: Feedback): RankedResult[] {
  const top = options.top ?? 10;
  const dedupe = options.dedupeById ?? true;
  const wantEvidence = options.evidence ?? true;
  const scratch = scratchFor(index);
  const stamp = nextStamp(scratch);
  const { ownTerms, own, expansions, unknownWords, unknownSignatures } = scoredTerms(index, query, options, scratch, stamp);
  const fed = feedback ? feedbackExpansions(index, own, feedback, scratch, stamp) : [];
  const terms = expansions.length > 0 || fed.length > 0 ? [...own, ...expansions, ...fed] : own;
  if (terms.length === 0 || top <= 0) return [];
  const titleBoost = options.titleBoost ?? 1.5;
  const maxPostings = options.maxPostings ?? Math.max(512, index.docs.length / 4);
  // The query's terms (all resolved ones, not only those scored) are marked in `queryMark` by resolveTerms.
  const { scores, touched, queryMark, docGroup, groupMark } = scratch;
  const { offsets, postingDocs, impacts } = index;
  let touchedCount = 0;
  let mass = 0;
  const linked = index.linked;
  const linkedWeight = options.linkedWeight ?? 0.5;
  for (const { id, weight, term, expansion } of terms) {
    if (!expansion) mass += weight;
    const overlay = linked && linkedWeight > 0 ? linked.terms.get(term.term) : undefined;
    if (overlay) {
      for (let position = 0; position < overlay.docs.length; position++) {
        const doc = overlay.docs[position]!;
        const score = scores[doc]!;
        if (score === 0) touched[touchedCount++] = doc;
        scores[doc] = score + linkedWeight * weight * overlay.impacts[position]!;
      }
    }
    if (id < 0) continue;
    const end = offsets[id + 1]!;
    if (end - offsets[id]! > maxPostings) continue;
    for (let position = offsets[id]!; position < end; position++) {
      const doc = postingDocs[position]!;
      const score = scores[doc]!;
      // Every impact is at least 1, so a score of 0 means the document was not touched yet. Written without a branch:
      // whether a posting's document is new is unpredictable.
      touched[touchedCount] = doc;
      touchedCount += score === 0 ? 1 : 0;
      scores[doc] = score + weight * impacts[position]!;
    }
  }

  // The overlap rerank reads plain words of the case: only for text input quoting no signature (a code already says which article).
  const overlapWeight = options.overlapWeight ?? 0;
  const rerankModel = options.rerankModel;
  const overlapText = (overlapWeight > 0 || rerankModel) && index.overlap && query.signatures.length === 0 ? caseTextOf(input) : undefined;
  // Keep the best few in a small sorted array: cheaper than sorting every touched document.
  const depth = overlapText ? (dedupe ? OVERLAP_DEPTH * 3 + 5 : OVERLAP_DEPTH) : 0;
  const keep = Math.max(dedupe ? top * 3 + 5 : top, titleBoost > 0 || (options.coordination ?? 0.5) > 0 ? (options.rerankDepth ?? 50) : 0, depth);
  const best: number[] = [];
  let floor = -1;
  const filter = options.filter;
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    const score = scores[doc]!;
    if (score <= floor) continue;
    if (filter && !filter(index.docs[doc]!)) continue;
    let position = best.length;
    while (position > 0 && scores[best[position - 1]!]! < score) position--;
    best.splice(position, 0, doc);
    if (best.length > keep) best.pop();
    if (best.length === keep) floor = scores[best[keep - 1]!]!;
  }

  const coordination = options.coordination ?? 0.5;
  if (titleBoost > 0 || coordination > 0) {
    const rescoring = { titleBoost, coordination, coordinationTerms: options.coordinationTerms ?? 4, maxPostings, withLinked: linked !== undefined && linkedWeight > 0 };
    rescoreCandidates(index, terms, best, scores, scratch, stamp, rescoring);
  }

  const ordered: number[] = [];
  for (const doc of best) {
    if (dedupe) {
      const group = docGroup[doc]!;
      if (groupMark[group] === stamp) continue;
      groupMark[group] = stamp;
    }
    ordered.push(doc);
  }
  if (overlapText && rerankModel) {
    const words: RerankWord[] = [];
    const wordTerms: ResolvedTerm[] = [];
    const seen = new Set<string>();
    for (const term of own) {
      if (term.term.signature || term.expansion || seen.has(term.term.term)) continue;
      seen.add(term.term.term);
      words.push({ id: term.id, weight: term.weight });
      wordTerms.push(term);
    }
    const holdsWord = (at: number, doc: number) => {
      const term = wordTerms[at]!;
      return (term.id >= 0 && impactOf(index, term.id, doc) > 0) || (linked !== undefined && linkedWeight > 0 && linkedImpact(index, term.term.term, doc) > 0);
    };
    const input = { text: overlapText, words, holds: holdsWord, titleCoverage: (doc: number) => titleCoverage(index, doc, scratch, stamp) };
    rerankLearned(index, input, ordered, scores, rerankModel, options.onRerankFeatures);
  } else if (overlapText) rerankByOverlap(index.overlap!, overlapText, ordered, scores, overlapWeight);
  const results: RankedResult[] = [];
  for (const [position, doc] of ordered.slice(0, top).entries()) {
    const stored = index.docs[doc]!;
    const score = scores[doc]! / 255;
    const result: RankedResult = {
      doc,
      id: stored.id,
      kind: stored.kind,
      path: stored.path,
      title: stored.title,
      score: Math.round(score * 10_000) / 10_000,
      confidence: 0,
      coverage: 0,
      evidence: { signatures: [], terms: [] },
    };
    if (wantEvidence) {
      addEvidence(index, terms, result, {
        mass: mass + unknownWords,
        unknownSignatures,
        titleCoverage: titleCoverage(index, doc, scratch, stamp),
      });
      const other = position === 0 ? ordered[1] : ordered[0];
      const margin = scoreMargin(scores[doc]!, other === undefined ? 0 : scores[other]!);
      result.confidence = Math.round(calibrated(result.coverage, margin, options.calibration) * 1000) / 1000;
    }
    results.push(result);
  }
  for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
  return results;
}
