export { contentProblems, loadContent } from './load-content.ts';
export type { LoadContentOptions, LoadedContent } from './load-content.ts';
