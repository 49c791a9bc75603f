import type { CaseIndex } from './build-index.ts';
import type { QueryTerm } from './query.ts';
import type { ResolvedTerm } from './resolve-terms.ts';
import { signatureStrength } from './signatures.ts';
import { impactOf, linkedImpact } from './term-impact.ts';

/** Why a document was ranked: what an engineer checks before trusting a suggestion. */
export interface Evidence {
  /** Error signatures of the case found in the document, strongest first. @example [{ key: "smtp:5.7.57", text: "5.7.57" }] */
  signatures: Array<{ key: string; text: string }>;
  /** Words of the case that contributed most, as the case wrote them. */
  terms: string[];
}

/** The part of a ranked result (`RankedResult`) that `addEvidence` fills in. */
export interface ExplainedResult {
  doc: number;
  coverage: number;
  evidence: Evidence;
}

/** What the confidence of a result is measured against. */
export interface ConfidenceBase {
  /** Weight of all query terms, those the index does not know included. */
  mass: number;
  /** Strength of the case's signatures that no document has. */
  unknownSignatures: number;
  titleCoverage: number;
}

/**
 * Fills in evidence and confidence of one result. Confidence asks whether the document explains the case: the share of
 * the case's weighted terms it holds, the share of the case's error signatures it names, and how much of its title the
 * case repeats. Terms and codes no article knows count against every document, which is what makes a content gap.
 */
export function addEvidence(index: CaseIndex, terms: readonly ResolvedTerm[], result: ExplainedResult, base: ConfidenceBase): void {
  const contributions: Array<{ term: QueryTerm; value: number }> = [];
  let matchedWeight = 0;
  let signatureTotal = base.unknownSignatures;
  let signatureMatched = 0;
  for (const { term, id, weight, expansion } of terms) {
    if (expansion) continue;
    const strength = term.signature ? signatureStrength[term.signature.kind] : 0;
    signatureTotal += strength;
    const impact = Math.max(id < 0 ? 0 : impactOf(index, id, result.doc), linkedImpact(index, term.term, result.doc));
    if (impact === 0) continue;
    if (!term.signature) matchedWeight += weight * Math.sqrt(impact);
    signatureMatched += strength;
    contributions.push({ term, value: weight * impact });
  }
  contributions.sort((a, b) => b.value - a.value);
  const surfaces = new Set<string>();
  for (const { term } of contributions) {
    if (term.signature) result.evidence.signatures.push({ key: term.signature.key, text: term.signature.text });
    else if (surfaces.size < 6) surfaces.add(term.surface);
  }
  result.evidence.terms = [...surfaces];
  const signatureMass = terms.reduce((sum, { term, weight, expansion }) => sum + (term.signature && !expansion ? weight : 0), 0);
  const termCoverage = Math.min(1, matchedWeight / Math.max(1e-9, base.mass - signatureMass));
  const lexical = 0.7 * termCoverage + 0.3 * base.titleCoverage;
  const coverage = signatureTotal > 0 ? 0.5 * lexical + 0.5 * (signatureMatched / signatureTotal) : lexical;
  result.coverage = Math.round(coverage * 1000) / 1000;
}
