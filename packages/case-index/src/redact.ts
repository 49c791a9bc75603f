// Isomorphic. Case text is redacted before it is indexed, stored or printed: personal data and credentials never
// leave the reader. The redactor is the knowledge center's one redactor, `@nimbus/redact` (shared with the
// case notes of `@nimbus/runbooks`); this module keeps its names where the case index has always exported them.
export {
  addRedactionCounts,
  emptyRedactionCounts,
  redact,
  REDACTION_MARKER,
  redactionKinds,
  redactionMarker,
  totalRedactions,
} from '@nimbus/redact';
export type { Redacted, RedactionCounts, RedactionKind } from '@nimbus/redact';
