import { addRedactionCounts, emptyRedactionCounts, redact, type RedactionCounts } from '@nimbus/redact';
import type { RootContent } from 'mdast';
import { inlineMarkdown, itemsOf } from './markdown-text.ts';
import { fillPlaceholders } from './parameters.ts';
import type { StepRecord, WalkRecord } from './walk.ts';

// "step 3", "steps 1 to 5", "steps 2-4", "steps 1, 2 and 6": the step numbers an escalation item asks about.
const STEP_REFERENCE = /\bsteps?\s+(\d+)(?:\s*(?:to|-|–)\s*(\d+))?((?:\s*(?:,|and|&)\s*\d+)*)/gi;

/** Step numbers an item of the Escalation section refers to. */
export function referencedSteps(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(STEP_REFERENCE)) {
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    for (let number = from; number <= to && number - from < 100; number++) numbers.push(number);
    for (const more of (match[3] ?? '').match(/\d+/g) ?? []) numbers.push(Number(more));
  }
  return [...new Set(numbers)];
}

/**
 * What to hand L3, from the Escalation section, limited to what this walk did: an item that asks for a step that
 * was not run (or was skipped) is replaced by one line naming the output of the steps that were.
 */
export function escalationItems(record: WalkRecord, items: readonly string[], fill: (text: string) => string): string[] {
  const done = record.steps.filter((entry) => entry.outcome !== 'skipped' && entry.outcome !== 'declined');
  const ran = new Set(done.map((entry) => entry.step.number));
  const kept = items.filter((item) => referencedSteps(item).every((number) => ran.has(number)));
  if (kept.length === items.length) return kept;
  const walked = done.filter((entry) => entry.step.commands.length > 0).map((entry) => `step ${entry.step.number} (${fill(entry.step.title).replace(/^./, (c) => c.toLowerCase())})`);
  return walked.length > 0 ? [`the output of the steps run: ${walked.join('; ')};`, ...kept] : kept;
}

/** Options of {@link renderCaseNote}. */
export interface CaseNoteOptions {
  /** Version of the runbook package, named in the note so L3 knows which text was followed. */
  version?: string;
}

/** The four headings of a case note, in order. */
export const caseNoteHeadings = ['Findings', 'Actions taken', 'Next steps planned', 'Recommendations for the customer'] as const;

/** A case note and what was redacted from it. */
export interface CaseNote {
  /** The note, Markdown. */
  text: string;
  /** What was redacted from the notes, next steps and parameter values, per kind; each typed value counts once. */
  redactions: RedactionCounts;
}

/**
 * The case note of a walk, as Markdown ready to paste into the case: Findings (what the checks found),
 * Actions taken (changes, with consent), Next steps planned, Recommendations for the customer.
 * Notes, next steps and parameter values are redacted (`@nimbus/redact`: keys, tokens, passwords, private
 * keys, e-mail and IP addresses, phone numbers); see {@link buildCaseNote} for the counts.
 */
export function renderCaseNote(record: WalkRecord, options: CaseNoteOptions = {}): string {
  return buildCaseNote(record, options).text;
}

/** {@link renderCaseNote}, with what was redacted from what the engineer typed, per kind. */
export function buildCaseNote(record: WalkRecord, options: CaseNoteOptions = {}): CaseNote {
  const { runbook } = record;
  const redactions = emptyRedactionCounts();
  const redacted = (text: string) => {
    const result = redact(text);
    addRedactionCounts(redactions, result.counts);
    return result.text;
  };
  const values = Object.fromEntries(Object.entries(record.parameters).map(([name, value]) => [name, redacted(value)]));
  const fill = (text: string) => fillPlaceholders(text, values);
  const md = (nodes: readonly RootContent[]) => inlineMarkdown(nodes, fill);
  const sentence = (text: string) => (text === '' || /[.!?:)`*]$/.test(text) ? text : `${text}.`);
  const note = (entry: { note?: string }) => (entry.note?.trim() ? ` Note: ${sentence(redacted(entry.note.trim()).replace(/\s*\n\s*/g, ' '))}` : '');
  const title = (entry: StepRecord) => `**${fill(entry.step.title)}**`;

  const findings: string[] = [];
  const actions: string[] = [];
  const next: string[] = [];
  const recommendations: string[] = [];
  for (const entry of record.steps) {
    const { step } = entry;
    const branch = entry.outcome === 'different' ? step.ifDifferent[entry.branch ?? 0] : undefined;
    const differs = branch ? sentence(md(branch.children)) : '';
    if (entry.outcome === 'skipped') {
      next.push(`- Complete the skipped step ${title(entry)} (step ${step.number}).${note(entry)}`);
      continue;
    }
    if (step.kind === 'diagnose') {
      findings.push(entry.outcome === 'expected' ? `- ${title(entry)}: as expected — ${sentence(md(step.expected))}${note(entry)}` : `- ${title(entry)}: **different** — ${differs}${note(entry)}`);
    } else {
      const who = step.approval === 'l3' ? 'L3 approval' : "the customer's consent";
      if (entry.outcome === 'declined') {
        actions.push(`- ${title(entry)} (change): **not performed**, ${who} was not given.${note(entry)}`);
        next.push(`- Waiting for ${who} to ${fill(step.title).replace(/^./, (c) => c.toLowerCase())}; then walk runbook \`${runbook.id}\` again from step ${step.number}.`);
      } else {
        actions.push(entry.outcome === 'expected' ? `- ${title(entry)} (change, with ${who}): done — ${sentence(md(step.expected))}${note(entry)}` : `- ${title(entry)} (change, with ${who}): done, but the result differs — ${differs}${note(entry)}`);
      }
    }
    // A diagnose step's advice applies when it found something; a change step's when it was performed.
    const found = step.kind === 'diagnose' ? entry.outcome === 'different' : entry.outcome !== 'declined';
    if (found && step.recommend) recommendations.push(`- ${md(step.recommend)}`);
  }
  if (actions.length === 0) actions.push('- No change was made to the customer\'s resources: read-only checks only.');

  if (record.exit === 'escalate') {
    const last = record.steps.at(-1);
    next.unshift(`- Escalate to L3 (\`${runbook.owner}\`)${last ? ` from step ${last.step.number}, ${fill(last.step.title).replace(/^./, (c) => c.toLowerCase())}` : ''}, with:`, ...escalationItems(record, itemsOf(runbook.sections.escalation.children, fill), fill).map((item) => `  - ${item}`));
  } else if (record.exit === 'stopped') {
    const last = record.steps.at(-1);
    if (last) next.unshift(`- Act on the finding of step ${last.step.number}, ${fill(last.step.title).replace(/^./, (c) => c.toLowerCase())}: it ends this runbook.`);
  } else if (record.exit === 'end') {
    if (record.verification?.passed) {
      findings.push(`- **Verification**: passed.${note(record.verification)}`);
      next.push('- Ask the customer to confirm that the problem is solved; close the case when they do.');
    } else if (record.verification) {
      findings.push(`- **Verification**: **failed**.${note(record.verification)}`);
      next.unshift(`- Escalate to L3 (\`${runbook.owner}\`): the runbook's steps did not solve the problem. Attach this note and:`, ...escalationItems(record, itemsOf(runbook.sections.escalation.children, fill), fill).map((item) => `  - ${item}`));
    } else {
      next.push(`- Verify: ${itemsOf(runbook.sections.verification.children, fill).join('; ')}`);
    }
  }
  next.push(...record.nextSteps.map((line) => line.trim()).filter(Boolean).map((line) => `- ${redacted(line)}`));
  if (next.length === 0) next.push('- None.');
  recommendations.push(...itemsOf(runbook.sections.customerUpdate.children, fill).map((item) => `- ${item}`));
  if (recommendations.length === 0) recommendations.push('- None.');
  if (findings.length === 0) findings.push('- No check was completed.');

  const parameters = Object.entries(values).map(([name, value]) => `\`${name}\` = \`${value}\``);
  const text = [
    `# Case note: ${runbook.title}`,
    '',
    `Runbook \`${runbook.id}\`${options.version ? ` v${options.version}` : ''}, ${record.steps.length} step${record.steps.length === 1 ? '' : 's'} walked${parameters.length ? `; parameters: ${parameters.join(', ')}` : ''}.`,
    '',
    `## ${caseNoteHeadings[0]}`,
    '',
    ...findings,
    '',
    `## ${caseNoteHeadings[1]}`,
    '',
    ...actions,
    '',
    `## ${caseNoteHeadings[2]}`,
    '',
    ...next,
    '',
    `## ${caseNoteHeadings[3]}`,
    '',
    ...recommendations,
    '',
  ].join('\n');
  return { text, redactions };
}
