// Exact error signatures for `errors`: codes customers paste into search. Only strings that occur verbatim in the
// converted body are kept, because `kb check` requires every `errors` entry to be quoted in the body.

interface Pattern {
  pattern: RegExp;
  /** The line around a match must match this for the match to count (a version number is no SMTP code). */
  context?: RegExp;
  /** The match itself must not look like this. */
  reject?: RegExp;
  /** At most this many of this kind per article. */
  limit?: number;
}

const PATTERNS: readonly Pattern[] = [
  { pattern: /\bAADSTS\d{5,7}\b/g },
  { pattern: /\b0x[89a-fA-F][0-9a-fA-F]{7}\b/g },
  { pattern: /\b0x0000[0-9a-fA-F]{4}\b/g, context: /\b(?:stop|bug ?check|bsod|blue screen|error|status)\b/i, reject: /^0x0+$/ },
  { pattern: /\bHTTP Error [1-5]\d\d(?:\.\d{1,3})?(?: - [A-Z][A-Za-z ]*[A-Za-z])?/g },
  { pattern: /\bHTTP (?:status (?:code )?)?[45]\d\d(?:\.\d{1,3})?\b/gi },
  { pattern: /\b[45]\d\d\.\d{1,3}\b/g, context: /\b(?:HTTP|IIS|status|error)\b/i },
  { pattern: /\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b/g },
  { pattern: /\b[45]\.\d{1,3}\.\d{1,3}\b/g, context: /\b(?:NDR|SMTP|5[0-5]\d|4[0-5]\d|bounce|non-?delivery|status code|remote server returned|rejected|delivery|RESOLVER|ROUTING|STOREDRV)\b/i, reject: /^4\.[5-8]\.\d$/ },
  { pattern: /\b(?:RESOLVER|ROUTING|STOREDRV|SMTPSEND|SMTP|CAT|QUEUE)\.[A-Z]{2,}\.[A-Za-z]{3,}\b/g },
  { pattern: /\b(?:ERROR|STATUS|RPC_[SEX]|WSAE|NERR|DNS_ERROR|CO_E|E|CRYPT_E|SEC_E|TRUST_E|CERT_E|NTE|SCARD_E|MAPI_E|MIG)_[A-Z0-9_]{3,}\b/g, reject: /^ERROR_SUCCESS$/ },
  { pattern: /\b[A-Z]{3,}(?:_[A-Z]{2,}){2,}\b/g, context: /\b(?:stop|bug ?check|bsod|blue screen)\b/i, reject: /^HKEY_/ },
  { pattern: /\b(?:[A-Z][A-Za-z0-9]*\.)*[A-Z][A-Za-z0-9]+Exception\b/g },
  { pattern: /\bMsg \d{3,6}, Level \d{1,2}, State \d{1,3}\b/g },
  { pattern: /\bError: \d{3,6}, Severity: \d{1,2}, State: \d{1,3}\b/g },
  { pattern: /\bEvent ID:? ?\d{1,5}\b/gi, limit: 3 },
  { pattern: /\b[Ee]rror(?: code)?:? \d{3,6}\b/g, limit: 3 },
  { pattern: /\bStop (?:error|code):? 0x[0-9A-Fa-f]{8}\b/gi },
];

/** Words that make a quoted line an error message rather than an example. */
const ERROR_WORDS = /\b(?:error|errors|fail(?:s|ed|ure)?|cannot|can't|couldn't|unable|denied|exception|not found|invalid|timed out|refused|unexpected|unavailable)\b/i;

/** A line that introduces a quoted error message. */
const LEAD_IN = /\b(?:error|message|receive|following|similar to|resembles|returns?|output|fails?|NDR|logged|displays?|shows?)\b/i;

/** At most this many error strings per article. */
const MAX_ERRORS = 8;

/**
 * Error signatures in `body` (converted MDX, without frontmatter): codes first (those in `title` first of all),
 * then up to two quoted error lines. Every result occurs verbatim in `body`.
 */
export function extractErrors(body: string, title: string): string[] {
  const found: { value: string; index: number; inTitle: boolean }[] = [];
  const seen = new Set<string>();
  const add = (value: string, index: number) => {
    const trimmed = value.trim();
    if (trimmed.length < 3 || seen.has(trimmed.toLowerCase()) || !body.includes(trimmed)) return;
    // `5.7.57` adds nothing next to `550 5.7.57`.
    if (found.some((entry) => entry.value.includes(trimmed))) return;
    seen.add(trimmed.toLowerCase());
    found.push({ value: trimmed, index, inTitle: title.includes(trimmed) });
  };
  for (const { pattern, context, reject, limit } of PATTERNS) {
    let count = 0;
    for (const match of body.matchAll(pattern)) {
      if (limit !== undefined && count >= limit) break;
      const value = match[0];
      if (reject?.test(value)) continue;
      if (context && !context.test(lineAround(body, match.index))) continue;
      const before = seen.size;
      add(value, match.index);
      if (seen.size > before) count++;
    }
  }
  const codes = found.sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || a.index - b.index).map((entry) => entry.value);

  // Quoted messages: the first sentence of a blockquote that follows "you receive the following error" and reads like
  // an error. Callouts are blockquotes too (`> **Note:**`), so those are not messages.
  const quoted: string[] = [];
  const lines = body.split('\n');
  for (let index = 0; index < lines.length && quoted.length < 2; index++) {
    const quote = /^[ \t]*>[ \t]?(.*)$/.exec(lines[index] ?? '');
    if (!quote || /^[ \t]*>/.test(lines[index - 1] ?? '')) continue;
    let before = index - 1;
    while (before >= 0 && (lines[before] ?? '').trim() === '') before--;
    if (/^\*\*(?:note|tip|important|warning|caution)/i.test((quote[1] ?? '').trim()) || !LEAD_IN.test(lines[before] ?? '')) continue;
    for (const sentence of (quote[1] ?? '').trim().split(/(?<=[.!?])\s+(?=[A-Z"'])/)) {
      const line = sentence.trim();
      if (line.length < 15 || line.length > 180 || line.split(/\s+/).length < 4 || !/^["']?[A-Z0-9]/.test(line) || /[,:;]$/.test(line)) continue;
      if (/[*_`[\]\\<>{}|#]|&[#\w]+;/.test(line) || !ERROR_WORDS.test(line)) continue;
      if (!seen.has(line.toLowerCase()) && body.includes(line)) {
        seen.add(line.toLowerCase());
        quoted.push(line);
      }
      break;
    }
  }
  return [...codes.slice(0, MAX_ERRORS - quoted.length), ...quoted].slice(0, MAX_ERRORS);
}

/** The words around a match on its line (60 characters each side): the context that makes a number an error code. */
function lineAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('\n', index) + 1, index - 60);
  const lineEnd = text.indexOf('\n', index);
  return text.slice(start, Math.min(lineEnd === -1 ? text.length : lineEnd, index + 60));
}
