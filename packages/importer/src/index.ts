export { convertKnowledgeBase } from './convert-knowledge-base.ts';
export { ImportOwnerError } from './import-options.ts';
export type { ImportOptions, ImportReport, ImportResult, ImportSummary, OwnerMapping } from './import-options.ts';
export { ImportSourceError, ImportTargetError, importKnowledgeBase, readSourceFolder, writeContentFolder } from './io.ts';
export type { WriteOptions } from './io.ts';
export { reportClasses } from './report.ts';
export type { ReportClass, ReportEntry } from './report.ts';
export type { SourceFile } from './source.ts';
export type { GroupingOptions } from './taxonomy.ts';
