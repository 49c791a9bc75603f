import { z } from 'zod';
import { addRedactionCounts, emptyRedactionCounts, redact, type RedactionCounts } from '@nimbus/redact';

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
  id: z
    .union([z.string().min(1, 'expected a non-empty id'), z.number().finite()], {
      error: (issue) => (issue.input === undefined ? 'missing' : 'expected a string'),
    })
    // `12345678901234567890` parses as 12345678901234567000: reject it rather than link the case under a wrong id.
    .refine((value) => typeof value !== 'number' || !Number.isInteger(value) || Number.isSafeInteger(value), 'a number this large loses digits: write the id as a string')
    .transform(String),
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

// Hostile input. Exports carry whatever the ticketing system stored: control characters from pasted terminal output,
// bidi overrides (U+202E shows "exe.txt" as "txt.exe"), lone surrogates from broken `\uD800` escapes, megabyte log
// dumps. The readers pass every case through `cleanCase` (before redaction, so a NUL or an override inside an e-mail
// address or a key cannot hide it from the redactor) and `capCase` (after redaction, so a cut never leaves half a
// secret behind). HTML, Markdown and MDX are not touched: they are text here, and escaping is the renderer's job.

/** Longest body or comment kept, in UTF-16 code units; the rest is cut and the reader warns. */
export const MAX_TEXT_FIELD_CHARS = 100_000;
/** Longest one-line field kept (id, subject, product, area, severity, status, dates, each tag and article id). */
export const MAX_LINE_FIELD_CHARS = 1_000;

// C0 and C1 controls and DEL (`\p{Cc}`), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
// a BOM inside text (U+FEFF) and lone surrogates (with the `u` flag a surrogate range matches only unpaired halves).
// Multi-line text keeps `\n` and `\t`, so they are left out of its pattern.
const UNSAFE_MULTILINE = /\r\n?|[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/gu;
const UNSAFE_ONE_LINE = /\r\n?|[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/gu;

/**
 * Makes one text field safe to store and print. Multi-line fields (body, comments) keep `\n` and `\t`, and a `\r\n` or
 * lone `\r` becomes `\n`; in one-line fields every line break or tab becomes a space. Lone surrogates become U+FFFD
 * (something was there); every other control character (C0, DEL, C1), bidi control or inner BOM is removed.
 */
export function cleanText(value: string, multiline = true): string {
  const unsafe = multiline ? UNSAFE_MULTILINE : UNSAFE_ONE_LINE;
  unsafe.lastIndex = 0;
  if (!unsafe.test(value)) return value;
  return value.replace(unsafe, (char) => {
    if (char === '\n' || char === '\t' || char[0] === '\r') return multiline ? '\n' : ' ';
    const code = char.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? '\ufffd' : '';
  });
}

/** The one-line text fields of a case; `body` and `comments` are the multi-line ones, `linkedArticles` and `tags` lists of one-liners. */
const ONE_LINE_FIELDS = ['id', 'subject', 'product', 'area', 'severity', 'status', 'createdAt', 'resolvedAt'] as const;

/** Every text field of a case through {@link cleanText}: body and comments as multi-line text, the rest as one line. */
export function cleanCase(supportCase: SupportCase): SupportCase {
  const clean: SupportCase = { ...supportCase };
  for (const field of ONE_LINE_FIELDS) {
    const value = supportCase[field];
    if (value !== undefined) clean[field] = cleanText(value, false);
  }
  clean.body = cleanText(supportCase.body);
  clean.comments = supportCase.comments.map((comment) => cleanText(comment));
  clean.linkedArticles = supportCase.linkedArticles.map((id) => cleanText(id, false));
  clean.tags = supportCase.tags.map((tag) => cleanText(tag, false));
  return clean;
}

/** The first `max` UTF-16 code units of `value`, never ending on half a surrogate pair. */
function cut(value: string, max: number): string {
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Cuts oversize fields of a case to {@link MAX_TEXT_FIELD_CHARS} (body, each comment) or {@link MAX_LINE_FIELD_CHARS}
 * (every other field) and says what it cut, one warning per field: a support tool keeps the case (its subject and the
 * first 100,000 characters of a log are what find the article) rather than lose it over one huge paste.
 */
export function capCase(supportCase: SupportCase): { case: SupportCase; warnings: string[] } {
  const warnings: string[] = [];
  const cap = (field: string, value: string, max: number) => {
    if (value.length <= max) return value;
    warnings.push(`\`${field}\`: ${value.length} characters, cut to the first ${max}`);
    return cut(value, max);
  };
  const capped: SupportCase = { ...supportCase };
  for (const field of ONE_LINE_FIELDS) {
    const value = supportCase[field];
    if (value !== undefined) capped[field] = cap(field, value, MAX_LINE_FIELD_CHARS);
  }
  capped.body = cap('body', supportCase.body, MAX_TEXT_FIELD_CHARS);
  capped.comments = supportCase.comments.map((value, index) => cap(`comments.${index}`, value, MAX_TEXT_FIELD_CHARS));
  capped.linkedArticles = supportCase.linkedArticles.map((value, index) => cap(`linkedArticles.${index}`, value, MAX_LINE_FIELD_CHARS));
  capped.tags = supportCase.tags.map((value, index) => cap(`tags.${index}`, value, MAX_LINE_FIELD_CHARS));
  return { case: warnings.length > 0 ? capped : supportCase, warnings };
}
