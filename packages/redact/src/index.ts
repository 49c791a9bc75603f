export {
  addRedactionCounts,
  describeRedactions,
  emptyRedactionCounts,
  redact,
  REDACTION_MARKER,
  redactionKinds,
  redactionLabels,
  redactionMarker,
  totalRedactions,
} from './redact.ts';
export type { Redacted, RedactionCounts, RedactionKind } from './redact.ts';
export { credentialKinds, findRedactions, findSecrets, personalDataKinds } from './find-secrets.ts';
export type { SecretFinding } from './find-secrets.ts';
