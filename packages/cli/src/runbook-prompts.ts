// The interactive walk of `kb runbook`: @clack/prompts on stderr, so stdout carries only the case note.
import type { Readable, Writable } from 'node:stream';
import { cancel, confirm, intro, isCancel, log, note, select, text } from '@clack/prompts';
import type { Taxonomy } from '@nimbus/content';
import {
  checkParameterValue,
  END,
  fillPlaceholders,
  nodesToText,
  placeholdersIn,
  stepGraph,
  type Runbook,
  type RunbookStep,
  type StepDecision,
  type WalkDriver,
} from '@nimbus/runbooks';
import { KbError, kbErrors } from './error-catalog.ts';

/** Where the prompts read and write. */
export interface PromptStreams {
  input: Readable;
  output: Writable;
}

const cancelled = (streams: PromptStreams): never => {
  cancel('Walk cancelled; no case note was written.', streams);
  throw new KbError(kbErrors.Cancelled, 'Walk cancelled; no case note was written');
};

/** The answer of a prompt, or a cancelled walk. */
function answered<T>(value: T, streams: PromptStreams): Exclude<T, symbol> {
  if (isCancel(value)) cancelled(streams);
  return value as Exclude<T, symbol>;
}

const firstSentence = (value: string) => {
  const line = value.replace(/\s+/g, ' ').trim();
  const end = line.search(/[.:](\s|$)/);
  const sentence = end > 0 ? line.slice(0, end) : line;
  return sentence.length > 90 ? `${sentence.slice(0, 87)}…` : sentence;
};

/** Prints what the engineer needs before the first step: version, access, prerequisites. */
export function introduce(runbook: Runbook, version: string, streams: PromptStreams): void {
  intro(`${runbook.title}  (${runbook.id} v${version})`, streams);
  log.message(
    [
      `For ${runbook.audience} · severity ${runbook.severity.join(', ')} · owner ${runbook.owner}`,
      `Access needed:\n${runbook.access.map((line) => `- ${line}`).join('\n')}`,
      `Prerequisites:\n${nodesToText(runbook.sections.prerequisites.children)}`,
    ].join('\n\n'),
    streams,
  );
}

/** Parameters a step uses, in its title, commands and text. */
function stepParameters(step: RunbookStep): string[] {
  const parts = [step.action, step.expected, ...step.ifDifferent.map((branch) => branch.children), step.rollback ?? [], step.recommend ?? []];
  return placeholdersIn([step.title, ...parts.map((nodes) => nodesToText(nodes))].join('\n'));
}

/**
 * A walk driver that asks a person: each step is shown with its commands filled in, a change step asks for
 * consent first, then the result and a note. Parameters a step needs are asked for (and checked) when the walk
 * first reaches it; `values` receives them.
 */
export function promptDriver(runbook: Runbook, values: Record<string, string>, streams: PromptStreams, taxonomy?: Taxonomy): WalkDriver {
  const graph = stepGraph(runbook);
  const numberOf = new Map(runbook.steps.map((step) => [step.id, step.number]));
  const fill = (value: string) => fillPlaceholders(value, values);
  const textOf = (nodes: RunbookStep['action']) => nodesToText(nodes, { fill, severities: taxonomy?.severities });

  const askParameters = async (step: RunbookStep) => {
    for (const name of stepParameters(step)) {
      if (values[name] !== undefined) continue;
      const parameter = runbook.parameters.find((candidate) => candidate.name === name);
      if (!parameter) continue;
      values[name] = answered(
        await text({
          message: `${parameter.name}: ${parameter.description}`,
          placeholder: parameter.example,
          validate: (value) => checkParameterValue(parameter, (value ?? '').trim()),
          ...streams,
        }),
        streams,
      ).trim();
    }
  };

  return {
    async decide(step, visit): Promise<StepDecision> {
      await askParameters(step);
      const change = step.kind === 'change';
      // The id is what an answers file names the step by (`kb runbook <id> --steps` prints them all).
      log.step(`Step ${step.number} of ${runbook.steps.length} · ${step.id}${visit > 0 ? ` (again, visit ${visit + 1})` : ''}: ${fill(step.title)}`, streams);
      if (change) log.warn(`CHANGE: modifies the customer's resources; needs ${step.approval === 'l3' ? 'L3 approval' : "the customer's consent"} first.`, streams);
      const action = textOf(step.action.filter((node) => node.type !== 'code'));
      if (action) log.message(action, streams);
      if (step.commands.length > 0) note(step.commands.map((command) => fill(command.value)).join('\n\n'), 'Run', streams);
      log.info(`Expected: ${textOf(step.expected)}`, streams);
      if (change && step.rollback) note(textOf(step.rollback), 'Rollback', streams);

      if (change) {
        const agreed = answered(
          await confirm({ message: step.approval === 'l3' ? 'Has L3 approved this change (named in the case)?' : 'Has the customer consented to this change in the case?', initialValue: false, ...streams }),
          streams,
        );
        if (!agreed) {
          const reason = answered(await text({ message: 'Note (why not, what was agreed instead; optional)', ...streams }), streams);
          return { outcome: 'declined', ...(reason?.trim() ? { note: reason.trim() } : {}) };
        }
      }
      const where = (target: string) => (target === END ? 'ends the runbook' : `go to step ${numberOf.get(target)}`);
      const edges = graph.successors(step.id);
      const options = [
        { value: 'expected', label: 'As expected', hint: where(edges.find((edge) => edge.outcome === 'expected')!.to) },
        ...step.ifDifferent.map((branch, index) => ({
          value: `different:${index}`,
          label: `Different: ${firstSentence(fill(branch.text))}`,
          hint: branch.escalate ? `Escalate to L3 (${runbook.owner})` : where(branch.goto ?? END),
        })),
        { value: 'skipped', label: 'Skip this step', hint: 'recorded as not done' },
      ];
      const choice = answered(await select({ message: 'Result', options, ...streams }), streams);
      const noteText = answered(await text({ message: 'Note (what you saw or did; optional)', ...streams }), streams);
      const extra = noteText?.trim() ? { note: noteText.trim() } : {};
      if (choice === 'expected' || choice === 'skipped') return { outcome: choice, ...extra };
      return { outcome: 'different', branch: Number(choice.split(':')[1]), ...extra };
    },
    async verify(walked) {
      log.step('Verification', streams);
      log.message(textOf(walked.sections.verification.children), streams);
      const passed = answered(await confirm({ message: 'Did the verification pass?', ...streams }), streams);
      const noteText = answered(await text({ message: 'Note (optional)', ...streams }), streams);
      return { passed, ...(noteText?.trim() ? { note: noteText.trim() } : {}) };
    },
    async nextSteps() {
      const more = answered(await text({ message: 'Other next steps planned (optional; separate with ;)', ...streams }), streams);
      return (more ?? '').split(';').map((line) => line.trim()).filter(Boolean);
    },
  };
}
