// The isomorphic part of the package: everything the browser's case form and the site need, without `node:` imports.
export { buildIndex, defaultIndexParams, fieldNames, fieldTexts, slugText, storedDocument, bm25Idf, TITLE_BREAK } from './build-index.ts';
export type { BuildIndexOptions, CaseIndex, FieldName, FieldParams, IndexParams, StoredDocument } from './build-index.ts';
export { emptyAssociations, learnAssociations } from './associations.ts';
export type { AssociationOptions, Associations } from './associations.ts';
export { calibrated, defaultCalibration, fitCalibration, scoreMargin } from './calibrate.ts';
export type { Calibration, CalibrationSample } from './calibrate.ts';
export { caseSchema, parseCase, redactCase } from './case.ts';
export type { SupportCase, SupportCaseInput } from './case.ts';
export { dropRelatedSections, markdownHeadings, markdownToText, parseMarkdownArticle, readFrontmatter, symptomSection } from './document.ts';
export type { DocumentKind, IndexDocument, ParseMarkdownOptions } from './document.ts';
export { ledgerEntry, linkLine } from './link.ts';
export { learnLinkedCases, withLinkedCases } from './linked-cases.ts';
export type { LinkedCase, LinkedPostings } from './linked-cases.ts';
export type { LedgerEntry, LedgerLink, LinkLine } from './link.ts';
export { buildQuery, defaultAliases, lineWeight } from './query.ts';
export type { CaseText, Query, QueryOptions, QueryTerm } from './query.ts';
export { expansionTerms, rank } from './rank.ts';
export { buildOverlap, DEFAULT_OVERLAP_WEIGHT, OVERLAP_DEPTH, overlapFeature, overlapQuery, plainWords } from './rerank-overlap.ts';
export type { OverlapData, OverlapQuery, SerializedOverlap } from './rerank-overlap.ts';
export { compileSynonyms, phraseTerms, synonymTerms } from './synonyms.ts';
export type { SynonymTable, SynonymTerm, VocabularySource } from './synonyms.ts';
export { applySynonyms, SYNONYM_WEIGHT } from './apply-synonyms.ts';
export type { Evidence, RankedResult, RankOptions } from './rank.ts';
export {
  addRedactionCounts,
  emptyRedactionCounts,
  redact,
  REDACTION_MARKER,
  redactionKinds,
  redactionMarker,
  totalRedactions,
} from './redact.ts';
export type { Redacted, RedactionCounts, RedactionKind } from './redact.ts';
export { buildReport, DEFAULT_GOOD_MATCH, summarizeCase } from './report.ts';
export type { ArticleReuse, CaseReport, ContentGap, MonthTrend, ReportCase, ReportOptions, SummarizableCase } from './report.ts';
export { IndexFormatError, INDEX_FORMAT, INDEX_VERSION, loadIndex, serializeIndex } from './serialize.ts';
export type { SerializedIndex } from './serialize.ts';
export { extractSignatures, SIGNATURE_PREFIX, signatureKind, signatureStrength } from './signatures.ts';
export type { Signature, SignatureKind } from './signatures.ts';
export { isCodeLike, isNoiseTerm, joinCode, splitCompound, tokenize, tokens } from './tokenize.ts';
export type { Emit } from './tokenize.ts';
