// Isomorphic. Case text is redacted before it is indexed, stored or printed: personal data and credentials never
// leave the reader. Each rule replaces the secret with `[redacted:<kind>]` and counts what it replaced.

/** What a redaction removed. */
export const redactionKinds = [
  'private-key',
  'jwt',
  'bearer',
  'url-password',
  'access-key',
  'secret',
  'email',
  'ipv6',
  'ipv4',
  'phone',
] as const;
/** One kind of redacted data. */
export type RedactionKind = (typeof redactionKinds)[number];

/** How many of each kind a text (or a whole file) had redacted. */
export type RedactionCounts = Record<RedactionKind, number>;

/** The result of {@link redact}. */
export interface Redacted {
  text: string;
  counts: RedactionCounts;
}

/** A fresh set of zero counts. */
export function emptyRedactionCounts(): RedactionCounts {
  return Object.fromEntries(redactionKinds.map((kind) => [kind, 0])) as RedactionCounts;
}

/** Adds `more` into `total` and returns `total`. */
export function addRedactionCounts(total: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const kind of redactionKinds) total[kind] += more[kind];
  return total;
}

/** The marker left where something was redacted. @example marker("email") === "[redacted:email]" */
export function redactionMarker(kind: RedactionKind): string {
  return `[redacted:${kind}]`;
}

/** Markers, to strip them before ranking: "[redacted:email]" must not make a case about e-mail. */
export const REDACTION_MARKER = /\[redacted:[a-z0-9-]+\]/g;

const SECRET_NAMES =
  'password|passwd|pwd|pass|secret|client[_-]?secret|secret[_-]?access[_-]?key|api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|account[_-]?key|shared[_-]?access[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?token|id[_-]?token|token|sas[_-]?token|sig|private[_-]?key|key|credentials?';
// A value in quotes, or up to whitespace or a separator. Names may carry a prefix (`NIMBUS_SECRET_ACCESS_KEY=`).
const SECRET_ASSIGNMENT = new RegExp(
  `(?<![A-Za-z0-9_-])((?:[A-Za-z0-9]+[_-])*(?:${SECRET_NAMES}))(["']?\\s*(?:=|:|=>)\\s*)("[^"\\n]{1,512}"|'[^'\\n]{1,512}'|[^\\s,;&"'<>)\\]}]{1,512})`,
  'gi',
);
/** Words after `key:` or `token:` in prose that are not secrets ("Partition key: the name of…"). */
const PROSE_VALUE = /^(?:the|a|an|is|was|of|to|for|and|or|not|none|null|true|false|yes|no|your|my|this|that|\*+|x+|\.+|<[^>]*>|\[redacted:[a-z-]+\])$/i;

interface Rule {
  kind: RedactionKind;
  regex: RegExp;
  /** The replacement text for a match, or `undefined` to leave it. */
  replace: (match: string, ...groups: string[]) => string | undefined;
}

const marker = redactionMarker;

function isIpv6(candidate: string): boolean {
  const address = candidate.replace(/%[\w.]+$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  if (halves.length === 2) return groups.length >= 1 && groups.length <= 7 && address !== '::';
  return groups.length === 8;
}

function isPublicIpv4Noise(address: string): boolean {
  // Service addresses that name the problem, not the customer: loopback, link-local metadata, "any" and broadcast.
  return /^(?:127\.|169\.254\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(address);
}

const PHONE_CONTEXT = /(?:\b(?:phone|tel|telephone|mobile|cell|call me|call us|fax|whatsapp|reach me)\b|電話|手機|手机|联系|聯絡|聯繫)[^\n\d]{0,20}$/i;

const rules: Rule[] = [
  {
    kind: 'private-key',
    regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: () => marker('private-key'),
  },
  { kind: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => marker('jwt') },
  {
    kind: 'bearer',
    regex: /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/g,
    replace: (_match, scheme, space) => `${scheme}${space}${marker('bearer')}`,
  },
  {
    kind: 'bearer',
    // "token <value>": only a value that looks generated, so "token InvalidClientTokenId" keeps its error code.
    regex: /\b((?:access|auth|session|refresh|api)?[_ -]?token)(\s+)([A-Za-z0-9._~+/-]{20,}=*)/gi,
    replace: (_match, name, space, value) =>
      /\d/.test(value!) && /[A-Za-z]/.test(value!) ? `${name}${space}${marker('bearer')}` : undefined,
  },
  {
    kind: 'url-password',
    regex: /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s/]+)@/gi,
    replace: (_match, scheme, user, password) =>
      password!.startsWith('[redacted:') ? undefined : `${scheme}${user}:${marker('url-password')}@`,
  },
  {
    kind: 'access-key',
    regex: /\b(?:N?AKIA|NTMP|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|A3T[A-Z0-9])[A-Z0-9]{12,24}\b/g,
    replace: () => marker('access-key'),
  },
  {
    kind: 'access-key',
    // Long random-looking strings of the usual secret alphabets (GitHub, Slack, Stripe style prefixes).
    regex: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{16,})\b/g,
    replace: () => marker('access-key'),
  },
  {
    kind: 'secret',
    regex: SECRET_ASSIGNMENT,
    replace: (match, name, separator, value) => {
      const bare = value!.replace(/^["']|["']$/g, '');
      if (bare.length === 0 || bare.startsWith('[redacted:') || PROSE_VALUE.test(bare)) return undefined;
      // `key: value` and `token: value` are common in prose and YAML; only a value that looks generated counts.
      const loose = /^(?:key|token|sig|credentials?|pass)$/i.test(name!.replace(/^(?:[A-Za-z0-9]+[_-])+/, '')) && !/[=]/.test(separator!);
      if (loose && !(bare.length >= 8 && /\d/.test(bare) && /[A-Za-z]/.test(bare))) return undefined;
      return `${name}${separator}${marker('secret')}`;
    },
  },
  {
    kind: 'email',
    // The local part may use every character RFC 5322 allows, so nothing of an unusual address is left behind.
    // The lookbehind lets a match start only where a run of address characters starts: linear time on long runs.
    regex: /(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    replace: () => marker('email'),
  },
  {
    kind: 'ipv6',
    regex: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[\w.]+)?(?![\w:])/g,
    replace: (match) => (isIpv6(match) ? marker('ipv6') : undefined),
  },
  {
    kind: 'ipv4',
    regex: /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g,
    replace: (match) => (isPublicIpv4Noise(match) ? undefined : marker('ipv4')),
  },
];

const PHONE = /(?<![\w.+-])(\+\d{1,3}[\s.-]?)?(\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w-]|\.\d)/g;

/** Phone numbers: international, with an area code in parentheses, after a word like "phone", or in a common shape. */
function redactPhones(text: string, counts: RedactionCounts): string {
  return text.replace(PHONE, (match, country: string | undefined, area: string | undefined, offset: number, whole: string) => {
    const digits = match.replace(/\D/g, '').length;
    if (digits < 8 || digits > 15) return match;
    if (/^\d{4}[-.]\d{2}[-.]\d{2}$|^\d{2}[-.]\d{2}[-.]\d{4}$|^\d{1,3}(?:\.\d{1,3}){3}$/.test(match)) return match;
    const shaped = /^(?:\d{3}-\d{3}-\d{4}|\d{4}-\d{3}-\d{3}|\d{2,3}-\d{3,4}-\d{4}|\d{3} \d{3} \d{4})$/.test(match);
    const context = PHONE_CONTEXT.test(whole.slice(Math.max(0, offset - 30), offset));
    if (!country && !area && !shaped && !context) return match;
    counts.phone++;
    return marker('phone');
  });
}

/** Redacts personal data and credentials from `text` and counts each kind. Idempotent: markers are never redacted again. */
export function redact(text: string): Redacted {
  const counts = emptyRedactionCounts();
  let out = text;
  for (const rule of rules) {
    rule.regex.lastIndex = 0;
    out = out.replace(rule.regex, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.slice(1, -2).map((group) => (group === undefined ? '' : String(group)));
      const replacement = rule.replace(match, ...groups);
      if (replacement === undefined) return match;
      counts[rule.kind]++;
      return replacement;
    });
  }
  out = redactPhones(out, counts);
  return { text: out, counts };
}

/** Sum of all counts. */
export function totalRedactions(counts: RedactionCounts): number {
  return redactionKinds.reduce((sum, kind) => sum + counts[kind], 0);
}
