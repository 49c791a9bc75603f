export { UserError } from './errors.ts';
export { formatProblems } from './format-problems.ts';
export type { LocatedMessage, ProblemFormat } from './format-problems.ts';
export { run } from './main.ts';
