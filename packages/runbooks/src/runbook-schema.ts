import { z } from 'zod';

/** Who a runbook is written for: L1 on duty (triage) or an L2 area engineer. */
export const audiences = ['L1', 'L2'] as const;
export type RunbookAudience = (typeof audiences)[number];

/** Area value for runbooks that belong to no single area, like the triage of a new case. */
export const generalArea = 'general';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const articleId = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected an article id `<product>/<slug>`, like `compute/ssh-connection-timed-out`');

// YAML 1.2 keeps dates as text; a YAML 1.1 reader gives Date objects. Accept both, keep the ISO day.
const isoDay = z.union([
  z.iso.date({ error: 'Expected a date as `YYYY-MM-DD`' }),
  z.date().transform((date) => date.toISOString().slice(0, 10)),
]);

const line = z.string().trim().min(1, 'Expected a non-empty line');

/** Whether `pattern` compiles as a JavaScript regular expression (with the `u` flag). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A value L2 fills in before walking the runbook; commands name it as `{name}`. */
export const parameterSchema = z
  .object({
    /** camelCase name used in placeholders. @example "instanceId" */
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'Expected a camelCase name like `instanceId`'),
    /** What the value is and where L2 finds it. @example "The customer's instance, from the case or the console" */
    description: line,
    /** Regular expression the whole value must match (it is anchored for you). @example "i-[0-9a-f]{17}" */
    pattern: z.string().min(1).refine(compiles, 'Expected a valid regular expression'),
    /** A value that matches `pattern`, shown as the input's placeholder. @example "i-0abc4f2e9d81c7a53" */
    example: z.string().min(1),
  })
  .strict();

/** What sends an engineer to a runbook. At least one entry overall. */
export const triggersSchema = z
  .object({
    /** Monitoring alert names, verbatim. @example ["InstanceStatusCheckFailed"] */
    alerts: z.array(line).default([]),
    /** Error messages and codes, verbatim, as the customer or the console shows them. @example ["Connection timed out"] */
    errors: z.array(line).default([]),
    /** What the customer reports, in their words. @example ["Cannot SSH to the instance"] */
    symptoms: z.array(line).default([]),
  })
  .strict();

const severityId = z.string().regex(kebab, 'Expected a severity id like `sev2`');

/**
 * Frontmatter of a runbook. Area, severities and articles are checked against the taxonomy and the
 * articles separately (see `ValidateRunbookOptions`), so the schema itself does no IO.
 */
export const runbookFrontmatterSchema = z
  .object({
    /** What the runbook resolves, as L2 would search for it. @example "VM unreachable over the network" */
    title: z.string().min(10, 'Expected a title of at least 10 characters'),
    /** Area id from `taxonomy.yaml`, or `general` for cross-area runbooks. @example "networking" */
    area: z.string().regex(kebab, 'Expected an area id like `networking`'),
    /** GitHub team or user of L3 that owns the runbook. @example "@nimbus/l3-networking" */
    owner: z.string().regex(/^@[\w.-]+(?:\/[\w.-]+)?$/, 'Expected a GitHub owner like `@nimbus/l3-networking`'),
    /** Who follows it. @example "L2" */
    audience: z.enum(audiences),
    /** Alerts, errors and symptoms that lead here; `kb suggest` and the index match them. */
    triggers: triggersSchema.refine(
      (triggers) => triggers.alerts.length + triggers.errors.length + triggers.symptoms.length > 0,
      'Expected at least one alert, error or symptom',
    ),
    /** Severity ids (from `taxonomy.yaml`) of the cases this runbook is written for. @example ["sev1", "sev2"] */
    severity: z.union([severityId.transform((id) => [id]), z.array(severityId).min(1)]),
    /** Permissions or roles L2 needs, one line each. @example ["support:ReadOnly on the customer's project"] */
    access: z.array(line).min(1, 'Expected at least one permission or role'),
    /** Ids of the articles this runbook relates to. @example ["compute/ssh-connection-timed-out"] */
    articles: z.array(articleId).default([]),
    /** Day of the last technical review by the owner. @example "2026-11-18" */
    reviewed: isoDay,
    /** Values the steps' commands take as `{name}`. */
    parameters: z.array(parameterSchema).default([]),
  })
  .strict()
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name)) {
        ctx.addIssue({ code: 'custom', path: ['parameters', index, 'name'], message: `Unexpected second parameter \`${parameter.name}\`, names must be unique` });
      }
      seen.add(parameter.name);
      if (compiles(parameter.pattern) && !parameterMatcher(parameter.pattern).test(parameter.example)) {
        ctx.addIssue({ code: 'custom', path: ['parameters', index, 'example'], message: `Unexpected example \`${parameter.example}\`, it does not match the pattern \`${parameter.pattern}\`` });
      }
    });
  });

/** The anchored matcher of a parameter pattern: the whole value must match. */
export function parameterMatcher(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

export type RunbookFrontmatter = z.infer<typeof runbookFrontmatterSchema>;
export type RunbookParameter = z.infer<typeof parameterSchema>;
export type RunbookTriggers = z.infer<typeof triggersSchema>;
