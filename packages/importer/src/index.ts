export { convertKnowledgeBase } from './convert-knowledge-base.ts';
export type { ImportOptions, ImportReport, ImportResult, ImportSummary } from './convert-knowledge-base.ts';
export { ImportSourceError, ImportTargetError, importKnowledgeBase, readSourceFolder, writeContentFolder } from './io.ts';
export type { WriteOptions } from './io.ts';
export { reportClasses } from './_report.ts';
export type { ReportClass, ReportEntry } from './_report.ts';
export type { SourceFile } from './_source.ts';
export type { GroupingOptions } from './_taxonomy.ts';
