// Public API: the isomorphic core plus the Node parts (files, cache, readers, ledger).
export * from './core.ts';
export { defaultCacheDir, indexCacheKey, openIndex } from './index-cache.ts';
export type { OpenedIndex, OpenIndexOptions } from './index-cache.ts';
export { openAtomicLineWriter, readLedger, writeLedger } from './ledger.ts';
export { validateLedger } from './validate-ledger.ts';
export type { AtomicLineWriter } from './ledger.ts';
export { loadDocuments, parseDocumentSources, readDocumentSources } from './load-documents.ts';
export type { DocumentSources, DocumentsMode, LoadedDocuments, ReadSourcesOptions, SkippedDocument, SourceFile } from './load-documents.ts';
export { caseFormatFromPath, parseJsonlLine, readCases, readCsvCases, readJsonlCases, readLines, readZendeskCases, zendeskTicketToCase } from './read-cases.ts';
export type { CaseFormat, CaseReadItem, ReadCasesOptions } from './read-cases.ts';
