// Pagefind splits words on `.`, `_` and `-`, so `InvalidParameterValue.Subnet` or `5.7.57` would only be found
// as loose fragments. Pages index a joined variant of every such token, and queries are rewritten the same way.

/**
 * A token with inner separators: `5.7.57`, `403.14`, `ERR_CONNECTION_RESET`, `InvalidParameterValue.Subnet`. It
 * starts only where a word starts: no match can start inside one, and trying each of its letters made scanning a
 * whole article body cost twice as much.
 */
const SEPARATED_TOKEN = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[._:-][\p{L}\p{N}]+)+/gu;

/** Whether a separated token looks like an identifier or code rather than prose (`load-balancer`, `e.g`). */
function isCodeLike(token: string): boolean {
  return /\d/.test(token) || token.includes('_') || /[a-z][A-Z]|[A-Z]{2}/.test(token) || /\.[A-Z]/.test(token);
}

/** The searchable form of a code: lower case, separators removed. @example joinCode("5.7.57") === "5757" */
export function joinCode(token: string): string {
  return token.replace(/[._:-]/g, '').toLowerCase();
}

/** Options of {@link codeVariants}. */
export interface CodeVariantOptions {
  /**
   * Also join tokens whose only separator is `-` or `:` (`eu-central-1`, `subnet-0c41…`). Default `true`.
   * Pagefind matches those by their parts anyway, so for long bodies they add only noise.
   */
  hyphenated?: boolean;
}

/** Joined variants of every code-like token in `text`, without duplicates. */
export function codeVariants(text: string, options: CodeVariantOptions = {}): string[] {
  const variants = new Set<string>();
  for (const [token] of text.matchAll(SEPARATED_TOKEN)) {
    if (!isCodeLike(token)) continue;
    if (options.hyphenated === false && !/[._]/.test(token)) continue;
    variants.add(joinCode(token));
  }
  return [...variants];
}

/** Rewrites code-like tokens of a query to their joined form, so they hit the variants pages index. */
export function normalizeQuery(query: string): string {
  return query.replace(SEPARATED_TOKEN, (token) => (isCodeLike(token) ? joinCode(token) : token)).trim();
}

// Words on nearly every troubleshooting page. Pagefind loads one index chunk (30–80 KB) per query word, and these
// narrow nothing: pages match all words, and nearly all pages have them.
const UBIQUITOUS_WORDS = new Set([
  'a', 'an', 'and', 'are', 'at', 'be', 'can', 'code', 'do', 'error', 'errors', 'fix', 'for', 'get', 'how', 'i', 'in', 'is',
  'issue', 'it', 'my', 'of', 'on', 'or', 'problem', 'the', 'this', 'to', 'troubleshoot', 'troubleshooting', 'what', 'when', 'with',
]);

/**
 * The query without words found on nearly every page ("error", "how", "the"…), when it has other words; else the
 * query as it is. @example focusQuery("error 0x80070005") === "0x80070005"
 */
export function focusQuery(query: string): string {
  const words = query.split(/\s+/).filter(Boolean);
  const kept = words.filter((word) => !UBIQUITOUS_WORDS.has(word.toLowerCase()));
  return kept.length > 0 ? kept.join(' ') : query.trim();
}
