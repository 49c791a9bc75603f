// The one redactor of the knowledge center. Isomorphic and dependency-free (no `node:` module, no import at all), so
// the browser's case form, the case readers (`@nimbus/case-index`), the case notes of the runbook walker
// (`@nimbus/runbooks`), the importer and `kb check`'s `secret` rule (through `find-secrets.ts`) all use the same rules.
// Personal data and credentials never leave the reader: each rule replaces what it finds with `[redacted:<kind>]` and
// counts what it replaced.

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

/** Sum of all counts. */
export function totalRedactions(counts: RedactionCounts): number {
  return redactionKinds.reduce((sum, kind) => sum + counts[kind], 0);
}

/** The marker left where something was redacted. @example redactionMarker("email") === "[redacted:email]" */
export function redactionMarker(kind: RedactionKind): string {
  return `[redacted:${kind}]`;
}

/** Markers, to strip them before ranking: "[redacted:email]" must not make a case about e-mail. */
export const REDACTION_MARKER = /\[redacted:[a-z0-9-]+\]/g;

/** Each kind in words, for reports. @example redactionLabels.email === "e-mail address" */
export const redactionLabels: Readonly<Record<RedactionKind, string>> = {
  'private-key': 'private key',
  jwt: 'JWT',
  bearer: 'bearer token',
  'url-password': 'password in a URL',
  'access-key': 'access key',
  secret: 'secret value',
  email: 'e-mail address',
  ipv6: 'IPv6 address',
  ipv4: 'IPv4 address',
  phone: 'phone number',
};

/** "3 × e-mail address, 1 × phone number" — counts only, never what was redacted; "nothing" when nothing was. */
export function describeRedactions(counts: RedactionCounts): string {
  const parts = redactionKinds.filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} × ${redactionLabels[kind]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

const SECRET_NAMES =
  '[A-Za-z0-9]*passw(?:or)?d|pwd|pass|secret|client[_-]?secret|secret[_-]?access[_-]?key|api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|account[_-]?key|shared[_-]?access[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?token|id[_-]?token|token|sas[_-]?token|sig|private[_-]?key|key|credentials?';
// A value in quotes, or up to whitespace or a separator. Names may carry a prefix (`NIMBUS_SECRET_ACCESS_KEY=`), be
// glued to "password" (`PGPASSWORD=`) or be a flag (`--password=`). The lookahead comes first so the lookbehind, which
// walks back over a run of `-` or `_`, runs only where a name can start (linear on `-----…`).
const SECRET_ASSIGNMENT = new RegExp(
  `(?=[A-Za-z0-9])(?<=(?:^|[^A-Za-z0-9_-])[-_]*)((?:[A-Za-z0-9]+[_-])*(?:${SECRET_NAMES}))(["']?[ \\t]*(?:=|:|=>)[ \\t]*)("[^"\\n]{1,512}"|'[^'\\n]{1,512}'|[^\\s,;&"'<>)\\]}]{1,512})`,
  'gi',
);
/** Words after `key:` or `token:` in prose that are not secrets ("Partition key: the name of…"). */
const PROSE_VALUE = /^(?:the|a|an|is|was|of|to|for|and|or|not|none|null|true|false|yes|no|your|my|this|that|\*+|x+|\.+|values?|<[^>]*>|\[redacted:[a-z-]+\])$/i;

/** How documentation writes a value to fill in: `YourPassword`, `{your-password}`, `<password>`, `xxxx`. */
const PLACEHOLDER_VALUE = /^[{<[(]?(?:your|my|new|old|strong|sample|dummy|placeholder)[-_ ]?[a-z]*[}>\])]?$|^\{[^}]*\}?$|^<[^>]*>$|\*{3,}|^["']?\s*\+|^[@($%]|^(?:password|secret|string|read-host)$|^0x[0-9a-f]+$/i;

/** A mask run, `xxxx` or `XXXX`: one letter in one case, so a random value that happens to hold `xxXX` is still a secret. */
const MASK_RUN = /x{4,}|X{4,}/;

/** A path or file name with an extension: `uploads/invoice-2026.pdf`, `config/app.yaml`. */
const FILE_NAME = /^[\w-]+(?:[./][\w-]+)*\.[a-z]{2,4}$/;

interface Rule {
  kind: RedactionKind;
  regex: RegExp;
  /** The replacement text for a match (its groups, then its offset and the whole text), or `undefined` to leave it. */
  replace: (match: string, ...groups: string[]) => string | undefined;
}

const marker = redactionMarker;

/** A value that looks generated rather than a word: a digit, a base64 sign, or a capital after the first letter. */
const looksGenerated = (value: string) => /[\d+/=_~.-]/.test(value) || /[A-Z]/.test(value.slice(1));

function isIpv4(candidate: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(candidate);
}

/** A full, compressed or IPv4-embedded IPv6 address (`2001:db8::1`, `::ffff:192.0.2.128`), zone allowed. */
function isIpv6(candidate: string): boolean {
  let address = candidate.replace(/%[\w.]+$/, '');
  let tail = 0;
  const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (dotted) {
    if (!isIpv4(dotted[1]!)) return false;
    // The embedded IPv4 address stands for the last two groups.
    address = address.slice(0, dotted.index + 1);
    if (!address.endsWith('::')) address = address.slice(0, -1);
    tail = 2;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  const count = groups.length + tail;
  if (halves.length === 2) return count >= 1 && count <= 7;
  return count === 8;
}

/** Service addresses that name the problem, not the customer: loopback, link-local metadata, "any" and broadcast. */
function isServiceIpv4(address: string): boolean {
  return /^(?:127\.|169\.254\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(address);
}

function isServiceIpv6(address: string): boolean {
  return /^(?:0{0,4}:){2}0{0,3}1$/.test(address) || address === '::';
}

/** A long run of the base64 alphabet that reads as random: both cases, a digit, and no long lower-case word. */
function looksRandom(value: string): boolean {
  if (!(/[A-Z].*[A-Z]/.test(value) && /[a-z].*[a-z]/.test(value) && /\d/.test(value) && !/[a-z]{8}/.test(value))) return false;
  // Words joined by `/` or `+` (a path, `+MS+Web+Services+Client+Protocol+2`, `Update+0x1584f`) are text, and a run
  // ending in `xxxx` is a masked value already.
  const parts = value.split(/[+/]/).filter(Boolean);
  if (parts.length >= 2 && parts.every((part) => /^(?:[A-Z]*[a-z]*(?:[A-Z][a-z]+)*\d*|0x[0-9a-f]+)$/.test(part))) return false;
  return !/x{4,}$/i.test(value);
}

/** Inside a block of public key material (a certificate, a public key), where base64 is not a secret. */
function inPublicKeyMaterial(text: string, offset: number): boolean {
  const line = text.lastIndexOf('\n', offset) + 1;
  if (/(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+)\s+$/.test(text.slice(line, offset))) return true;
  const begin = text.lastIndexOf('-----BEGIN ', offset);
  if (begin === -1 || text.lastIndexOf('-----END ', offset) > begin) return /---- BEGIN SSH2 PUBLIC KEY ----/.test(text.slice(0, offset)) && !/---- END SSH2 PUBLIC KEY ----/.test(text.slice(text.lastIndexOf('---- BEGIN SSH2 PUBLIC KEY ----', offset), offset));
  return !/PRIVATE/.test(text.slice(begin, text.indexOf('\n', begin)));
}

/** A character of an e-mail address's local part: anything RFC 5322 allows, in any script. */
const EMAIL_CHAR = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]";
/** `@` and a domain with a top-level domain of letters, not followed by more of a domain. */
const EMAIL_DOMAIN = '@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}-])';

// A word like "phone" shortly before a number. What lies between holds no digit and no `]`: a marker (`[redacted:phone]`
// itself ends in "phone]") breaks the context as the digits it replaced did, so a second pass finds no new number.
const PHONE_CONTEXT = /(?:\b(?:phone|tel|telephone|mobile|cell|call me|call us|call back|fax|whatsapp|reach me|direct line)\b|電話|手機|手机|联系|聯絡|聯繫)[^\n\d\]]{0,20}$/i;

const rules: Rule[] = [
  {
    kind: 'private-key',
    // PEM (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8) and PGP blocks; a block cut off before its end is redacted to the end.
    regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: () => marker('private-key'),
  },
  { kind: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => marker('jwt') },
  {
    kind: 'bearer',
    // Google OAuth access tokens, wherever they appear.
    regex: /(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_-]{16,}/g,
    replace: () => marker('bearer'),
  },
  {
    kind: 'bearer',
    // Only a value that looks generated: "Basic authentication is disabled" keeps its words.
    regex: /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/g,
    // Not a word of prose or an option after it: "Basic Authentication.", "Basic Input/Output", "Basic -AllowRedirection".
    replace: (_match, scheme, space, value) =>
      looksGenerated(value!) && !/^-|^[A-Z]?[a-z]+\.?$|^[A-Z]?[a-z]+(?:\/[A-Z]?[a-z]+)+$/.test(value!) ? `${scheme}${space}${marker('bearer')}` : undefined,
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
    // `scheme://user:password@host`; the user may be empty (`redis://:password@host`).
    regex: /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s/]+)@/gi,
    replace: (_match, scheme, user, password) =>
      password!.startsWith('[redacted:') ? undefined : `${scheme}${user}:${marker('url-password')}@`,
  },
  {
    kind: 'access-key',
    // AWS key ids (and ours, NAKIA…/NTMP…).
    regex: /\b(?:N?AKIA|NTMP|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|A3T[A-Z0-9])[A-Z0-9]{12,24}\b/g,
    // A prefix and one repeated character (`NAKIAXXXXXXXXXXXXXX`) is how documentation writes a key id: a placeholder.
    replace: (match) => (/(.)\1{7,}$/.test(match) ? undefined : marker('access-key')),
  },
  {
    kind: 'access-key',
    // Keys with a vendor prefix: GitHub, Slack, Stripe, Google API keys and OAuth client secrets.
    regex:
      /(?<![A-Za-z0-9_-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{50,}|xox[abpr]-[A-Za-z0-9-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|AIza[A-Za-z0-9_-]{35}|GOCSPX-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
    replace: () => marker('access-key'),
  },
  {
    kind: 'access-key',
    // Microsoft Entra (Azure AD) client secrets: three characters, a digit, `Q~`, then 31 to 34 more.
    regex: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    replace: () => marker('access-key'),
  },
  {
    kind: 'secret',
    regex: SECRET_ASSIGNMENT,
    replace: (_match, name, separator, value) => {
      const bare = value!.replace(/^["']|["']$/g, '');
      // A value holding a marker was redacted already (or would change its look on a second pass): leave it.
      if (bare.length === 0 || bare.includes('[redacted:') || PROSE_VALUE.test(bare) || PLACEHOLDER_VALUE.test(bare) || MASK_RUN.test(bare) || !/[\p{L}\p{N}]/u.test(bare)) return undefined;
      // `key: value` and `token: value` are common in prose and YAML; only a value that looks generated counts.
      const loose = /^(?:key|token|sig|credentials?|pass)$/i.test(name!.replace(/^(?:[A-Za-z0-9]+[_-])+/, ''));
      if (loose && !/[=]/.test(separator!) && !(bare.length >= 8 && /\d/.test(bare) && /[A-Za-z]/.test(bare))) return undefined;
      // A bare `Key="SQLCommandTimeoutSeconds"`, `key = 'HKLM:\…'`, `key=54619` (no `api_`, `sas_`… before it): a name,
      // a registry or file path, a number.
      const bareName = /^(?:key|token|sig|credentials?|pass)$/i.test(name!);
      if (bareName && (!(/\d/.test(bare) && /[A-Za-z]/.test(bare)) || /\\/.test(bare))) return undefined;
      // An object key or a file name (`"Key": "uploads/invoice-2026.pdf"`) names a file, not a credential.
      if (loose && FILE_NAME.test(bare)) return undefined;
      return `${name}${separator}${marker('secret')}`;
    },
  },
  {
    kind: 'secret',
    // A long random run of the base64 alphabet on its own (a secret key pasted without its name). Never starts
    // inside a word, a path or a URL, so hostnames and paths stay; lower-case hex digests are kept.
    regex: /(?<![A-Za-z0-9+/_=.:~-])[A-Za-z0-9+/]{32,}={0,2}(?![A-Za-z0-9+/_=~-])/g,
    replace: (match, offset, whole) => (looksRandom(match) && !inPublicKeyMaterial(whole!, Number(offset)) ? marker('secret') : undefined),
  },
  {
    kind: 'email',
    // The local part may use every character RFC 5322 allows, and any script (`josé@exämple.de`), so nothing of an
    // unusual address is left behind. The lookbehind lets a match start only where a run of address characters
    // starts: linear time on long runs. Addresses glued to the end of one (`a@b.cc!d@e.ff`) are taken with it, so
    // the marker never exposes the next one to a second pass: redacting twice changes nothing.
    regex: new RegExp(`(?<!${EMAIL_CHAR})${EMAIL_CHAR}+${EMAIL_DOMAIN}(?:${EMAIL_CHAR}+${EMAIL_DOMAIN})*`, 'gu'),
    replace: () => marker('email'),
  },
  {
    kind: 'ipv6',
    // Candidates: groups of hex digits and colons, maybe ending in an embedded IPv4 address and a zone (`%eth0`).
    // Never right after `]` or before `[`: a marker next to `ffff::` must not make it an address on a second pass.
    regex: /(?<![\w:.\]])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%[\w.]+)?(?![\w:[]|\.\d)/g,
    replace: (match) => (isIpv6(match) && !isServiceIpv6(match) ? marker('ipv6') : undefined),
  },
  {
    kind: 'ipv4',
    regex: /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g,
    replace: (match) => (isServiceIpv4(match) ? undefined : marker('ipv4')),
  },
];

// A number with an optional country code and area code, then groups separated by a space, dot or hyphen (one line).
const PHONE = /(?<![\w.+-])(\+\d{1,3}[ \t.-]?)?(\(\d{1,5}\)[ \t.-]?)?\d{1,5}(?:[ \t.-]\d{1,8}){1,5}(?![\w-]|\.\d)/g;
/** Dates (and a date with its hour), addresses and versions (a dotted group of one digit: 10.0.17763.1) in the shape of a number. */
const NOT_A_PHONE = /^\d{4}[-.]\d{2}[-.]\d{2}(?:[ \t]\d{1,2})?$|^\d{2}[-.]\d{2}[-.]\d{4}$|^\d{1,3}(?:\.\d{1,3}){3}$|(?:^|\.)\d\.|\.\d$/;
/** The usual national shapes: 415-555-0132, 415.555.0132, 0912-345-678, 03-1234-5678, 020 7946 0958, 06 12 34 56 78. */
const PHONE_SHAPE =
  /^(?:\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4}|\d{4}-\d{3}-\d{3}|\d{2,3}-\d{3,4}-\d{4}|\d{3} \d{3} \d{4}|0\d{1,4}[ -]\d{3,8}(?:[ -]\d{3,4})?|0\d(?:[ .]\d{2}){4})$/;

/** Phone numbers: international, with an area code in parentheses, after a word like "phone", or in a common shape. */
function redactPhones(text: string, counts: RedactionCounts): string {
  return text.replace(PHONE, (match, country: string | undefined, area: string | undefined, offset: number, whole: string) => {
    const context = PHONE_CONTEXT.test(whole.slice(Math.max(0, offset - 30), offset));
    const isPhone = (candidate: string) => {
      const digits = candidate.replace(/\D/g, '').length;
      if (digits < 8 || digits > 15) return false;
      if (!country && NOT_A_PHONE.test(candidate)) return false;
      return Boolean(country || area || context || PHONE_SHAPE.test(candidate));
    };
    // The pattern is greedy: a number followed by more digits ("06 12 34 56 78 0") is tried without its last groups.
    for (let candidate = match; /[ \t.-]\d+$/.test(candidate); candidate = candidate.replace(/[ \t.-]\d+$/, '')) {
      if (isPhone(candidate)) {
        counts.phone++;
        return marker('phone') + match.slice(candidate.length);
      }
    }
    return match;
  });
}

/** Redacts personal data and credentials from `text` and counts each kind. Idempotent: markers are never redacted again. */
export function redact(text: string): Redacted {
  const counts = emptyRedactionCounts();
  let out = redactOnce(text, counts);
  // A marker can complete a new match next to glued text (`…KEY[redacted:key=value`): repeat until nothing changes,
  // so what comes out has nothing left to redact (a few passes at most; each only shortens secrets to markers).
  for (let pass = 0; pass < 4; pass++) {
    const before = out;
    out = redactOnce(out, counts);
    if (out === before) break;
  }
  return { text: out, counts };
}

function redactOnce(text: string, counts: RedactionCounts): string {
  let out = text;
  for (const rule of rules) {
    rule.regex.lastIndex = 0;
    out = out.replace(rule.regex, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args.slice(1, -2).map((group) => (group === undefined ? '' : String(group)));
      // The offset and the whole text come last, for rules that look around the match.
      const replacement = rule.replace(match, ...groups, String(args.at(-2)), String(args.at(-1)));
      if (replacement === undefined) return match;
      counts[rule.kind]++;
      return replacement;
    });
  }
  return redactPhones(out, counts);
}
