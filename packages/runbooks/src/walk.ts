import type { Runbook, RunbookStep } from './runbook.ts';
import { END, ESCALATE } from './runbook.ts';
import { stepGraph } from './step-graph.ts';

/** What happened at a step. `declined`: a change step whose consent or approval was not given. */
export type StepOutcome = 'expected' | 'different' | 'skipped' | 'declined';

/** The engineer's answer for one step. */
export interface StepDecision {
  outcome: StepOutcome;
  /** For `different`: index of the `<IfDifferent>` branch that applies. Default 0. */
  branch?: number;
  /** What the engineer saw or did, in their words. */
  note?: string;
}

/** One visited step, in walk order. */
export interface StepRecord extends StepDecision {
  step: RunbookStep;
}

/**
 * How a walk ended: past the last step (`end`, then Verification), at a different result that ends the runbook
 * (`stopped`, e.g. another runbook applies), with a hand-over to L3 (`escalate`), or at a change not agreed (`declined`).
 */
export type WalkExit = 'end' | 'stopped' | 'escalate' | 'declined';

/** Everything a walk recorded; `renderCaseNote` turns it into the case note. */
export interface WalkRecord {
  runbook: Runbook;
  /** Parameter values the walk used. */
  parameters: Record<string, string>;
  steps: StepRecord[];
  exit: WalkExit;
  /** The Verification section's outcome, asked when the walk reaches the end. */
  verification?: { passed: boolean; note?: string };
  /** Further next steps the engineer added. */
  nextSteps: string[];
}

/** Supplies the decisions of a walk: a person at a prompt, or an answers file. */
export interface WalkDriver {
  /** Decides a step; `visit` counts earlier visits of the same step (a step can be repeated after a fix). */
  decide(step: RunbookStep, visit: number): Promise<StepDecision>;
  /** Whether the Verification section passed; undefined to leave it open. */
  verify?(runbook: Runbook): Promise<{ passed: boolean; note?: string } | undefined>;
  /** Next steps to add to the case note. */
  nextSteps?(record: Omit<WalkRecord, 'nextSteps'>): Promise<string[]>;
}

/** A walk that cannot go on: a branch that does not exist, or a loop that never ends. */
export class WalkError extends Error {
  override name = 'WalkError';
}

/** Options of {@link walkRunbook}. */
export interface WalkOptions {
  /** Most step visits before the walk is stopped as a loop. Default 100. */
  maxVisits?: number;
}

/**
 * Walks a runbook from its first step, asking `driver` at each step and following the step graph:
 * an expected (or skipped) result goes on, a different one takes the chosen `<IfDifferent>` branch,
 * a declined change stops the walk.
 */
export async function walkRunbook(runbook: Runbook, parameters: Record<string, string>, driver: WalkDriver, options: WalkOptions = {}): Promise<WalkRecord> {
  const graph = stepGraph(runbook);
  const byId = new Map(runbook.steps.map((step) => [step.id, step]));
  const visits = new Map<string, number>();
  const steps: StepRecord[] = [];
  const maxVisits = options.maxVisits ?? 100;
  let current = graph.start ?? END;
  let exit: WalkExit = 'end';
  while (current !== END && current !== ESCALATE) {
    const step = byId.get(current);
    if (!step) throw new WalkError(`No step \`${current}\` in runbook \`${runbook.id}\``);
    if (steps.length >= maxVisits) throw new WalkError(`Stopped after ${maxVisits} steps: the walk keeps looping through \`${step.id}\``);
    const visit = visits.get(step.id) ?? 0;
    visits.set(step.id, visit + 1);
    const decision = await driver.decide(step, visit);
    if (decision.outcome === 'different') {
      const branch = decision.branch ?? 0;
      if (!step.ifDifferent[branch]) throw new WalkError(`Step \`${step.id}\` has no branch ${branch + 1}: it has ${step.ifDifferent.length}`);
      steps.push({ step, ...decision, branch });
      current = graph.successors(step.id).find((edge) => edge.outcome === 'different' && edge.branch === branch)!.to;
      if (current === END) exit = 'stopped';
      continue;
    }
    steps.push({ step, ...decision });
    if (decision.outcome === 'declined') {
      exit = 'declined';
      break;
    }
    current = graph.successors(step.id).find((edge) => edge.outcome === 'expected')!.to;
  }
  if (current === ESCALATE) exit = 'escalate';
  const verification = exit === 'end' ? await driver.verify?.(runbook) : undefined;
  const partial = { runbook, parameters, steps, exit, ...(verification ? { verification } : {}) };
  return { ...partial, nextSteps: (await driver.nextSteps?.(partial)) ?? [] };
}
