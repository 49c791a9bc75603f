// Isomorphic: no `node:` imports. Error signatures are what support engineers search by, so each one becomes a single
// normalised key (`hresult:0x80070005`, `smtp:5.7.57`) that matches however the report or the article spells it.

/** Prefix of the index terms that stand for error signatures (`§smtp:5.7.57`). */
export const SIGNATURE_PREFIX = '§';

/** What kind of error signature a key is. Codes are the most specific, identifiers the least. */
export type SignatureKind = 'hresult' | 'aadsts' | 'smtp' | 'http' | 'event' | 'error-number' | 'exception' | 'identifier';

/** An error signature found in a text. */
export interface Signature {
  /** Normalised key, the same for every spelling. @example "smtp:5.7.57" */
  key: string;
  kind: SignatureKind;
  /** The text as it appeared, for evidence. @example "5.7.57" */
  text: string;
}

/** How much a matched signature of each kind says about relevance (identifiers are often product words). */
export const signatureStrength: Readonly<Record<SignatureKind, number>> = {
  hresult: 1,
  aadsts: 1,
  smtp: 1,
  http: 0.8,
  event: 0.7,
  'error-number': 0.7,
  exception: 0.8,
  identifier: 0.5,
};

const SMTP_CONTEXT = /\b(?:smtp|ndr|dsn|e-?mail|mail|relay|bounce|recipient|sender|mailbox|exchange|[245]\d\d)\b/i;
const HTTP_CONTEXT = /\b(?:http|https|iis|error|status|forbidden|server|web|site|page|request)\b/i;
const HTTP_REASONS =
  'Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Timeout|Conflict|Gone|Payload Too Large|Request Entity Too Large|URI Too Long|Unsupported Media Type|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Service Temporarily Unavailable|Gateway Timeout';

interface Pattern {
  kind: SignatureKind;
  /** A cheap test a line must pass before `regex` runs on it. */
  pre: RegExp;
  regex: RegExp;
  /** Returns the key's value, or `undefined` to skip the match. */
  value: (match: RegExpExecArray, line: string) => string | undefined;
}

/** 32-bit HRESULTs printed as signed or unsigned decimals (`-2146893019` is `0x80090325`). */
function decimalHresult(digits: string): string | undefined {
  const number = Number(digits);
  if (!Number.isSafeInteger(number)) return undefined;
  const unsigned = number < 0 ? number + 0x1_0000_0000 : number;
  if (unsigned < 0x8000_0000 || unsigned > 0xffff_ffff) return undefined;
  return `0x${unsigned.toString(16).padStart(8, '0')}`;
}

const patterns: Pattern[] = [
  { kind: 'hresult', pre: /0x/i, regex: /\b0x([0-9a-f]{3,8})\b/gi, value: (m) => `0x${m[1]!.toLowerCase().padStart(m[1]!.length > 4 ? 8 : m[1]!.length, '0')}` },
  { kind: 'hresult', pre: /8[0-9a-f]{7}/i, regex: /\b(?:error|code|hresult|hr)[\s:=#]*\(?(8[0-9a-f]{7})\b/gi, value: (m) => `0x${m[1]!.toLowerCase()}` },
  { kind: 'hresult', pre: /\d{10}/, regex: /(?<![\w.])(-21[0-4]\d{7}|2[1-9]\d{8}|[34]\d{9})(?![\w.])/g, value: (m) => decimalHresult(m[1]!) },
  { kind: 'aadsts', pre: /AADSTS/i, regex: /\bAADSTS(\d{4,8})\b/gi, value: (m) => m[1] },
  {
    kind: 'smtp',
    pre: /\d\.\d/,
    regex: /(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?![\w.]|\.\d)/g,
    value: (m, line) => (SMTP_CONTEXT.test(line) ? `${m[1]}.${m[2]}.${m[3]}` : undefined),
  },
  {
    kind: 'http',
    pre: /\d\d\.\d/,
    regex: /(?<![\w.])([1-5]\d\d)\.(\d{1,3})(?![\w.]|\.\d)/g,
    value: (m, line) => (HTTP_CONTEXT.test(line) ? `${m[1]}.${m[2]}` : undefined),
  },
  { kind: 'http', pre: /http/i, regex: /\bHTTP(?:\/\d(?:\.\d)?)?\s+(?:error\s+|status\s+(?:code\s+)?)?\(?([1-5]\d\d)\b(?!\.\d)/gi, value: (m) => m[1] },
  { kind: 'http', pre: /\d\d\d/, regex: new RegExp(`\\(?\\b([1-5]\\d\\d)\\)?\\s*[-:]?\\s*(?:${HTTP_REASONS})\\b`, 'gi'), value: (m) => m[1] },
  { kind: 'event', pre: /event/i, regex: /\bevent\s*(?:id)?\s*[:#=]?\s*(\d{2,5})\b/gi, value: (m) => m[1] },
  {
    kind: 'error-number',
    pre: /\d\d/,
    regex: /\b(?:error(?:\s+code)?|exit\s+(?:code|status)|return\s+(?:code|value)|returning|msg|errno|status\s+code)\s*[:=#]?\s*[[(]?(-?\d{2,6})\b(?![.:]\d)/gi,
    value: (m) => (Number(m[1]) === 0 ? undefined : String(Number(m[1]))),
  },
  {
    kind: 'exception',
    pre: /Exception|Error|Fault/,
    regex: /\b((?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Exception|Error|Fault))\b/g,
    value: (m) => (m[1]!.length >= 8 && /[a-z]/.test(m[1]!) ? m[1]!.toLowerCase() : undefined),
  },
  {
    kind: 'identifier',
    pre: /[a-z0-9][A-Z]|[A-Z]_[A-Z0-9]|[A-Z][A-Z][a-z]/,
    // `AccessDenied`, `InvalidParameterValue.Subnet`, `ERR_CONNECTION_RESET`, `VSS_E_WRITERERROR_TIMEOUT`
    regex: /\b([A-Z][a-z0-9]+(?:[A-Z]+[a-z0-9]*)+(?:\.[A-Z][A-Za-z0-9]+)?|[A-Z][A-Z0-9]*[a-z]+[A-Z][A-Za-z0-9]+|[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+)\b/g,
    value: (m) => (m[1]!.length >= 8 && !/(?:Exception|Error|Fault)$/.test(m[1]!) ? m[1]!.toLowerCase() : undefined),
  },
];

/** Stack frames name methods (`SqlInternalConnection.OnError`), not errors. */
const STACK_FRAME = /^\s*(?:at\s+[\w.$`<>[\]]+[.(]|File "[^"]*", line \d+)/;

/** Every error signature in `text`, without duplicate keys, in order of first appearance. */
export function extractSignatures(text: string): Signature[] {
  const found = new Map<string, Signature>();
  for (const line of text.split('\n')) {
    if (line.length === 0 || STACK_FRAME.test(line)) continue;
    for (const pattern of patterns) {
      if (!pattern.pre.test(line)) continue;
      pattern.regex.lastIndex = 0;
      for (let match = pattern.regex.exec(line); match; match = pattern.regex.exec(line)) {
        const value = pattern.value(match, line);
        if (value === undefined) continue;
        const key = `${pattern.kind === 'error-number' ? 'error' : pattern.kind}:${value}`;
        if (!found.has(key)) found.set(key, { key, kind: pattern.kind, text: match[0].trim() });
        // `System.Net.Mail.SmtpException` is also written as just `SmtpException`.
        const dot = value.lastIndexOf('.');
        if (pattern.kind === 'exception' && dot > 0) {
          const short = `exception:${value.slice(dot + 1)}`;
          if (!found.has(short)) found.set(short, { key: short, kind: 'exception', text: match[0].trim().slice(dot + 1) });
        }
      }
    }
  }
  return [...found.values()];
}

/** The kind of a signature key. */
export function signatureKind(key: string): SignatureKind {
  const prefix = key.slice(0, key.indexOf(':'));
  return prefix === 'error' ? 'error-number' : (prefix as SignatureKind);
}
