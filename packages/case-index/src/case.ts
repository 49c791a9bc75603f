import { z } from 'zod';
import { addRedactionCounts, emptyRedactionCounts, redact, type RedactionCounts } from './redact.ts';

// Isomorphic: the case model of DESIGN.md contract 4, validated with zod and redacted before anyone sees it.

const text = z.string({ error: (issue) => (issue.input === undefined ? 'missing' : 'expected a string') });
const optionalText = z
  .union([z.string(), z.number(), z.null()], { error: 'expected a string' })
  .optional()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

/** A comment of a case: a string, or an object with its text in `body` or `text`. */
const comment = z.union([z.string(), z.object({ body: z.string() }).loose(), z.object({ text: z.string() }).loose()]);

/**
 * One support case as a ticketing system exports it (JSON Lines, one per line). Unknown fields are ignored.
 * @example {"id":"CS-1042","subject":"SSH fails with Permission denied (publickey)","body":"Since this morning…"}
 */
export const caseSchema = z.object({
  /** Case id from the ticketing system. Numbers are accepted and kept as strings. @example "CS-1042" */
  id: z.union([z.string().min(1, 'expected a non-empty id'), z.number().finite()], {
    error: (issue) => (issue.input === undefined ? 'missing' : 'expected a string'),
  }).transform(String),
  /** The customer's one-line summary. */
  subject: text,
  /** The customer's description, logs included. */
  body: text,
  /** Product id from `taxonomy.yaml`. @example "compute" */
  product: optionalText,
  /** Support area id. @example "identity" */
  area: optionalText,
  /** Severity the customer chose. @example "sev2" */
  severity: optionalText,
  /** Ticket status. @example "solved" */
  status: optionalText,
  /** When the case was opened, ISO 8601. @example "2026-03-14T09:12:00Z" */
  createdAt: optionalText,
  /** When the case was resolved, ISO 8601. */
  resolvedAt: optionalText,
  /** Ids of the articles the engineer linked. @example ["compute/ssh-permission-denied-publickey"] */
  linkedArticles: z
    .array(z.string(), { error: 'expected an array of article ids' })
    .optional()
    .transform((value) => value ?? []),
  /** Comments of the case thread. */
  comments: z
    .array(comment, { error: 'expected an array of comments' })
    .optional()
    .transform((value): string[] =>
      (value ?? []).map((item) => (typeof item === 'string' ? item : String((item as { body?: unknown; text?: unknown }).body ?? (item as { text?: unknown }).text))),
    ),
  /** Labels from the ticketing system. */
  tags: z
    .array(z.string())
    .optional()
    .transform((value) => value ?? []),
});

/** A validated case. */
export type SupportCase = z.output<typeof caseSchema>;
/** A case as written in a file, before validation. */
export type SupportCaseInput = z.input<typeof caseSchema>;

/** Validates one raw record; returns the case or one readable message naming each bad field. */
export function parseCase(raw: unknown): { case: SupportCase } | { error: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { error: `expected a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}` };
  }
  const result = caseSchema.safeParse(raw);
  if (result.success) return { case: result.data };
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? `\`${field}\`: ${issue.message}` : issue.message;
  });
  return { error: problems.join('; ') };
}

/** Redacts every free-text field of a case (subject, body, comments, tags). Ids, dates and links are kept as they are. */
export function redactCase(supportCase: SupportCase): { case: SupportCase; counts: RedactionCounts } {
  const counts = emptyRedactionCounts();
  const clean = (value: string) => {
    const result = redact(value);
    addRedactionCounts(counts, result.counts);
    return result.text;
  };
  const redacted: SupportCase = {
    ...supportCase,
    subject: clean(supportCase.subject),
    body: clean(supportCase.body),
    comments: supportCase.comments.map(clean),
    tags: supportCase.tags.map(clean),
  };
  return { case: redacted, counts };
}
