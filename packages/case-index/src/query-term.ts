import type { Signature } from './signatures.ts';

// Isomorphic. The query's term, apart from query.ts: the synonym expansion query.ts calls adds terms of this shape.

/** One weighted query term. */
export interface QueryTerm {
  /** Index term (stemmed word, joined code, or `§` + signature key). */
  term: string;
  /** Query-side weight before inverse document frequency. */
  weight: number;
  /** How the term was written in the case, for evidence. */
  surface: string;
  /** The signature this term stands for. */
  signature?: Signature;
  /** Added by expansion (aliases, synonyms, related terms), not written by the customer. */
  expansion?: boolean;
  /** For an expansion: the customer's terms it stands for (a document holding it covers them). */
  from?: readonly string[];
  /** The term's key (see `termKey` in tokenize.ts) in the query's {@link Query.keyGeneration}: found without a string map. */
  key?: number;
}
