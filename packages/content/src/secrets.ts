/** A secret-looking string found in text. */
export interface SecretMatch {
  /** What it looks like. @example "access-key" */
  kind: string;
  /** Offset of the match in the text. */
  index: number;
  /** The matched text. */
  text: string;
}

// Shapes that are secrets wherever they appear. Documentation placeholders (EXAMPLE, xxxx, <…>) are not matched.
const SECRET_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'private-key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
  { kind: 'access-key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { kind: 'slack-token', pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g },
  { kind: 'bearer-token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{24,}=*/g },
  { kind: 'password-in-url', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{3,}@/gi },
  { kind: 'secret-assignment', pattern: /\b(?:secret|password|passwd|api[_-]?key|access[_-]?token)\s*[:=]\s*["']?[A-Za-z0-9+/_-]{16,}/gi },
];

const PLACEHOLDER = /example|xxxx|\*\*\*|<[^>]*>|your[_-]?|placeholder|redacted/i;

/** Finds secret-looking strings; documentation placeholders are ignored. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (!PLACEHOLDER.test(match[0])) found.push({ kind, index: match.index, text: match[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
