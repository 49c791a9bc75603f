// Where the redactor's findings are in a text, for the tools that report rather than replace: `kb check` (rule
// `secret`), the importer and runbook validation. The redactor itself decides what is a finding, so no second list
// of patterns can drift from it; this module only maps its markers back onto the original text.
import { REDACTION_MARKER, redact, type RedactionKind } from './redact.ts';

/** Kinds that are credentials: an error wherever they are published. */
export const credentialKinds = ['private-key', 'jwt', 'bearer', 'url-password', 'access-key', 'secret'] as const satisfies readonly RedactionKind[];
/** Kinds that are personal data: e-mail addresses, phone numbers, IP addresses. */
export const personalDataKinds = ['email', 'ipv6', 'ipv4', 'phone'] as const satisfies readonly RedactionKind[];

/** One thing the redactor would redact, located in the original text. */
export interface SecretFinding {
  /** What it is. @example "access-key" */
  kind: RedactionKind;
  /** Offset of its first character in the text. */
  index: number;
  /** The text that would be redacted. */
  text: string;
}

/** Everything {@link redact} would redact in `text`, in text order, with its offset. */
export function findRedactions(text: string): SecretFinding[] {
  const redacted = redact(text).text;
  const findings: SecretFinding[] = [];
  // The redacted text is the original with some spans replaced by markers: the literal runs between markers occur in
  // the original in order, so each marker stands for what lies between the runs around it.
  const markers = [...redacted.matchAll(new RegExp(REDACTION_MARKER.source, 'g'))];
  let literalStart = 0;
  let position = 0;
  for (const [index, marker] of markers.entries()) {
    position += marker.index - literalStart;
    const nextLiteralEnd = markers[index + 1]?.index ?? redacted.length;
    const nextLiteral = redacted.slice(marker.index + marker[0].length, nextLiteralEnd);
    let end = nextLiteral === '' ? (index + 1 === markers.length ? text.length : position + 1) : text.indexOf(nextLiteral, position + 1);
    if (end === -1) end = text.length;
    const kind = marker[0].slice('[redacted:'.length, -1) as RedactionKind;
    findings.push({ kind, index: position, text: text.slice(position, end) });
    position = end;
    literalStart = marker.index + marker[0].length;
  }
  return findings;
}

/** The credentials in `text` (private keys, tokens, keys, passwords), as the redactor finds them. */
export function findSecrets(text: string): SecretFinding[] {
  return findRedactions(text).filter((finding) => (credentialKinds as readonly string[]).includes(finding.kind));
}
