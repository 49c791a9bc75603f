// The source `kb new runbook` writes: every section and part the rules require, with guidance to replace, so the
// new file passes `kb runbook --check` from the start and L3 only has to fill it in.
import type { RunbookAudience } from './runbook-schema.ts';

/** What a new runbook starts from. */
export interface RunbookTemplateInput {
  title: string;
  /** Area id from `taxonomy.yaml`, or `general`. */
  area: string;
  owner: string;
  audience?: RunbookAudience;
  /** Severity ids from `taxonomy.yaml`, at least one. */
  severities: readonly string[];
  /** Alerts, errors and symptoms that lead here; at least one entry overall. */
  triggers: { alerts?: readonly string[]; errors?: readonly string[]; symptoms?: readonly string[] };
  /** `YYYY-MM-DD`, for `reviewed`. */
  today: string;
}

// JSON strings are valid YAML scalars: quoting this way is always safe.
const yamlString = (value: string) => JSON.stringify(value);
const list = (key: string, values: readonly string[] | undefined, indent = '  ') =>
  values && values.length > 0 ? `${indent}${key}:\n${values.map((value) => `${indent}  - ${yamlString(value)}`).join('\n')}\n` : '';

/** The MDX source of a new runbook: one diagnose step that escalates, and every section in order. */
export function runbookTemplate(input: RunbookTemplateInput): string {
  const triggers = list('alerts', input.triggers.alerts) + list('errors', input.triggers.errors) + list('symptoms', input.triggers.symptoms);
  return `---
title: ${yamlString(input.title)}
area: ${input.area}
owner: ${yamlString(input.owner)}
audience: ${input.audience ?? 'L2'}
triggers:
${triggers}severity: [${input.severities.join(', ')}]
access:
  - "support:ReadOnly on the customer's project"
reviewed: ${input.today}
parameters: []
---

## When to use

Describe the problem this runbook resolves, how L2 recognises it, and when another runbook applies instead.

## Prerequisites

- What the case must name before L2 starts, and what to tell the customer first.

## Steps

<Step id="first-check" kind="diagnose" title="Describe the first read-only check">

Explain what to look at and why. Put each command in a fenced code block; write a value L2 fills in as its parameter name in braces, and declare it under \`parameters\`.

<Expected>What L2 sees when this check is fine.</Expected>

<IfDifferent escalate>What L2 sees when it is not, and why L3 takes over from here.</IfDifferent>

</Step>

## Verification

- How L2 and the customer confirm that the problem is solved.

## Rollback

This runbook changes nothing yet: add how to undo each change step you add.

## Escalation to L3

- What to attach when L2 escalates: the output of the checks, the time of a failed attempt (UTC).

## Customer update

- What to recommend to the customer once the problem is solved.
`;
}
