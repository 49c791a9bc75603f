// A starting point for `--answers`: every step id of a runbook, with the ways each can differ, as a YAML file
// that `parseAnswers` reads. Without it, nobody can write an answers file without reading the runbook's source.
import { END, ESCALATE, type Runbook } from './runbook.ts';

const oneLine = (text: string, length = 100) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
};

/**
 * An answers file for `runbook` in which every step is `expected`: parameters empty (their descriptions and
 * examples as comments), each step commented with its number, kind, title and the `branch` values of its
 * `<IfDifferent>` branches. Edit it, then walk with `kb runbook <id> --answers FILE`.
 */
export function answersTemplate(runbook: Runbook): string {
  const lines = [
    `# Answers for \`kb runbook ${runbook.id}\`: ${oneLine(runbook.title)}`,
    '# Per step: `expected`, `skipped`, or `outcome: different` with `branch:` (a target below, or its number).',
    '# Change steps need `consent: true` (customer consent or L3 approval) to be performed. A step without an',
    '# answer stops the walk there.',
    'parameters:',
  ];
  if (runbook.parameters.length === 0) lines[lines.length - 1] = 'parameters: {}';
  for (const parameter of runbook.parameters) {
    lines.push(`  # ${oneLine(parameter.description)}${parameter.example ? ` (e.g. ${parameter.example})` : ''}`, `  ${parameter.name}: ""`);
  }
  lines.push('steps:');
  for (const step of runbook.steps) {
    const approval = step.kind === 'change' ? `, needs ${step.approval === 'l3' ? 'L3 approval' : "the customer's consent"}` : '';
    lines.push(`  # ${step.number}. ${step.kind}${approval}: ${oneLine(step.title)}`);
    step.ifDifferent.forEach((branch, index) => {
      const target = branch.escalate ? `${ESCALATE} (Escalate to L3)` : (branch.goto ?? END);
      lines.push(`  #   branch ${index + 1}: ${target} — ${oneLine(branch.text, 80)}`);
    });
    if (step.kind === 'change') lines.push(`  ${step.id}:`, '    outcome: expected', '    consent: false');
    else lines.push(`  ${step.id}: expected`);
  }
  lines.push('# When the walk reaches the end: did the Verification section pass? (Left out: the note asks to verify.)', '# verification:', '#   passed: true', 'nextSteps: []');
  return `${lines.join('\n')}\n`;
}
