export { errorData, KbError, kbError, kbErrors } from './error-catalog.ts';
export type { KbErrorData, KbErrorName } from './error-catalog.ts';
export { formatProblems } from './format-problems.ts';
export type { LocatedMessage, ProblemFormat } from './format-problems.ts';
export { run } from './main.ts';
