export { contentProblems, loadContent } from './load-content.ts';
export type { LoadContentOptions, LoadedContent } from './load-content.ts';
export { checkKnowledgeBase, checkProblems } from './check-knowledge-base.ts';
export type { CheckedFile, CheckKnowledgeBaseOptions, KnowledgeBaseCheck } from './check-knowledge-base.ts';
export type { ValidationThreads } from './validate-articles.ts';
