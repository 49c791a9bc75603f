import { findFrontmatter, parseFrontmatter } from '@nimbus/content';
import type { Point } from 'unist';
import { END, ESCALATE, type Runbook, type RunbookStep } from './runbook.ts';
import { stepGraph } from './step-graph.ts';
import { WalkError, type StepDecision, type WalkDriver } from './walk.ts';

/** One answer for a step: a bare outcome (`expected`), or the outcome with its branch, note and consent. */
export interface StepAnswer {
  outcome: 'expected' | 'different' | 'skipped';
  /** For `different`: the branch's target (`goto` id, `escalate`, `end`) or its 1-based number. */
  branch?: string | number;
  note?: string;
  /** Required for change steps that are not skipped: whether the customer consented (or L3 approved). */
  consent?: boolean;
}

/** A walk decided in advance, from an answers file (JSON or YAML). */
export interface WalkAnswers {
  parameters: Record<string, string>;
  /** Per step id, one answer, or a list used in order when the walk visits the step again (the last repeats). */
  steps: Record<string, StepAnswer[]>;
  verification?: { passed: boolean; note?: string };
  nextSteps: string[];
}

/** A problem in an answers file, with its position. */
export class AnswersError extends Error {
  override name = 'AnswersError';
  readonly place: Point | undefined;
  constructor(message: string, place?: Point) {
    super(message);
    this.place = place;
  }
}

const OUTCOMES = ['expected', 'different', 'skipped'] as const;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses an answers file (YAML, or JSON which YAML reads too). Throws an {@link AnswersError} at the position
 * of the first problem. Step ids and branches are checked against the runbook when the walk uses them.
 */
export function parseAnswers(source: string): WalkAnswers {
  const lines = source.split(/\r?\n/);
  // Reuse the frontmatter reader: it keeps the position of every key.
  const parsed = parseFrontmatter(findFrontmatter(`---\n${source}\n---`) ?? { yaml: source, firstLine: 1, closingLine: lines.length });
  const shift = (point: Point): Point => ({ line: point.line - 1, column: point.column });
  const problem = parsed.problems[0];
  if (problem) throw new AnswersError(`Invalid YAML or JSON: ${problem.reason}`, shift(problem.place));
  const at = (...path: PropertyKey[]) => shift(parsed.locate(path));
  const data = parsed.data ?? {};
  if (!isRecord(data)) throw new AnswersError('Unexpected content, expected a mapping with `parameters`, `steps`, `verification` and `nextSteps`', { line: 1, column: 1 });
  for (const key of Object.keys(data)) {
    if (!['parameters', 'steps', 'verification', 'nextSteps'].includes(key)) throw new AnswersError(`Unexpected key \`${key}\`, expected \`parameters\`, \`steps\`, \`verification\` or \`nextSteps\``, at(key));
  }

  const parameters: Record<string, string> = {};
  if (data.parameters !== undefined) {
    if (!isRecord(data.parameters)) throw new AnswersError('Unexpected `parameters`, expected a mapping of names to values', at('parameters'));
    for (const [name, value] of Object.entries(data.parameters)) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new AnswersError(`Unexpected value for parameter \`${name}\`, expected text`, at('parameters', name));
      parameters[name] = String(value);
    }
  }

  const steps: Record<string, StepAnswer[]> = {};
  if (data.steps !== undefined && !isRecord(data.steps)) throw new AnswersError('Unexpected `steps`, expected a mapping of step ids to answers', at('steps'));
  for (const [id, value] of Object.entries(data.steps ?? {})) {
    const list = Array.isArray(value) ? value : [value];
    steps[id] = list.map((entry, index) => {
      const path = Array.isArray(value) ? ['steps', id, index] : ['steps', id];
      const answer = typeof entry === 'string' ? { outcome: entry } : entry;
      if (!isRecord(answer)) throw new AnswersError(`Unexpected answer for step \`${id}\`, expected an outcome or a mapping with \`outcome\``, at(...path));
      for (const key of Object.keys(answer)) {
        if (!['outcome', 'branch', 'note', 'consent'].includes(key)) throw new AnswersError(`Unexpected key \`${key}\` for step \`${id}\`, expected \`outcome\`, \`branch\`, \`note\` or \`consent\``, at(...path, key));
      }
      if (!(OUTCOMES as readonly unknown[]).includes(answer.outcome)) {
        throw new AnswersError(`Unexpected outcome ${answer.outcome === undefined ? '(none)' : `\`${String(answer.outcome)}\``} for step \`${id}\`, expected \`expected\`, \`different\` or \`skipped\``, at(...path, 'outcome'));
      }
      if (answer.branch !== undefined && typeof answer.branch !== 'string' && typeof answer.branch !== 'number') throw new AnswersError(`Unexpected \`branch\` for step \`${id}\`, expected a step id, \`escalate\`, \`end\` or a number`, at(...path, 'branch'));
      if (answer.note !== undefined && typeof answer.note !== 'string') throw new AnswersError(`Unexpected \`note\` for step \`${id}\`, expected text`, at(...path, 'note'));
      if (answer.consent !== undefined && typeof answer.consent !== 'boolean') throw new AnswersError(`Unexpected \`consent\` for step \`${id}\`, expected true or false`, at(...path, 'consent'));
      return {
        outcome: answer.outcome as StepAnswer['outcome'],
        ...(answer.branch !== undefined ? { branch: answer.branch as string | number } : {}),
        ...(answer.note !== undefined ? { note: answer.note as string } : {}),
        ...(answer.consent !== undefined ? { consent: answer.consent as boolean } : {}),
      };
    });
  }

  let verification: WalkAnswers['verification'];
  if (data.verification !== undefined) {
    const value = data.verification;
    const passed = typeof value === 'boolean' ? value : isRecord(value) ? value.passed : undefined;
    if (typeof passed !== 'boolean') throw new AnswersError('Unexpected `verification`, expected true, false or a mapping with `passed` and `note`', at('verification'));
    const note = isRecord(value) && typeof value.note === 'string' ? value.note : undefined;
    verification = { passed, ...(note !== undefined ? { note } : {}) };
  }
  const nextSteps = data.nextSteps ?? [];
  if (!Array.isArray(nextSteps) || nextSteps.some((line) => typeof line !== 'string')) throw new AnswersError('Unexpected `nextSteps`, expected a list of lines', at('nextSteps'));
  return { parameters, steps, ...(verification ? { verification } : {}), nextSteps: nextSteps as string[] };
}

/** The branch index an answer names: by target (`goto` id, `escalate`, `end`) or 1-based number. */
export function branchIndex(step: RunbookStep, branch: string | number | undefined): number {
  const targets = step.ifDifferent.map((candidate) => (candidate.escalate ? ESCALATE : (candidate.goto ?? END)));
  const choices = `${targets.map((target) => `\`${target}\``).join(', ')} or 1-${targets.length}`;
  if (branch === undefined) {
    if (targets.length === 1) return 0;
    throw new WalkError(`Missing \`branch\` for step \`${step.id}\`, which has ${targets.length} ways to differ: ${choices}`);
  }
  if (typeof branch === 'number') {
    if (Number.isInteger(branch) && branch >= 1 && branch <= targets.length) return branch - 1;
  } else {
    const matching = targets.flatMap((target, index) => (target === branch ? [index] : []));
    if (matching.length === 1) return matching[0]!;
    if (matching.length > 1) throw new WalkError(`Ambiguous \`branch: ${branch}\` for step \`${step.id}\`, several branches go there: give its number (${choices})`);
  }
  throw new WalkError(`Unexpected \`branch: ${branch}\` for step \`${step.id}\`, expected ${choices}`);
}

/** A walk driver that answers from a parsed answers file; a step without an answer stops the walk. */
export function answersDriver(runbook: Runbook, answers: WalkAnswers): WalkDriver {
  const known = new Set(stepGraph(runbook).nodes);
  for (const id of Object.keys(answers.steps)) {
    if (!known.has(id)) throw new WalkError(`Unknown step \`${id}\` in the answers, runbook \`${runbook.id}\` has ${[...known].map((step) => `\`${step}\``).join(', ')}`);
  }
  return {
    async decide(step, visit): Promise<StepDecision> {
      const list = answers.steps[step.id];
      const answer = list?.[Math.min(visit, list.length - 1)];
      if (!answer) throw new WalkError(`No answer for step \`${step.id}\` (step ${step.number}, ${step.title}) in the answers`);
      const note = answer.note !== undefined ? { note: answer.note } : {};
      if (answer.outcome === 'skipped') return { outcome: 'skipped', ...note };
      if (step.kind === 'change') {
        if (answer.consent === undefined) throw new WalkError(`Missing \`consent\` for change step \`${step.id}\`: say whether ${step.approval === 'l3' ? 'L3 approved' : 'the customer consented'} (true or false)`);
        if (!answer.consent) return { outcome: 'declined', ...note };
      }
      if (answer.outcome === 'different') return { outcome: 'different', branch: branchIndex(step, answer.branch), ...note };
      return { outcome: 'expected', ...note };
    },
    async verify() {
      return answers.verification;
    },
    async nextSteps() {
      return answers.nextSteps;
    },
  };
}
