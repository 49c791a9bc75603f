import { isIPv6 } from 'node:net';
import { findSecrets } from '@nimbus/content';

// Obvious personal data and secrets in what an engineer types into a case note. Runbook text is reviewed and is
// not redacted; notes and parameter values are.
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )?PRIVATE KEY-----|$)/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const NIMBUS_KEY = /\b(?:NAKIA|NASIA|NSMTPK)[A-Z0-9]{8,}\b/g;
const LONG_SECRET = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/_-])/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g;
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;
/** Addresses that identify nobody: any, loopback, the metadata service, broadcast. */
const HARMLESS_IPS = new Set(['0.0.0.0', '127.0.0.1', '169.254.169.254', '255.255.255.255']);

/**
 * Replaces e-mail addresses, IP addresses, access keys, tokens, passwords and private keys with a
 * `[redacted …]` marker, so a case note can be pasted where the customer and other teams read it.
 */
export function redact(text: string): string {
  let result = text.replace(PRIVATE_KEY_BLOCK, '[redacted private key]');
  for (const secret of findSecrets(result).reverse()) {
    result = `${result.slice(0, secret.index)}[redacted ${secret.kind}]${result.slice(secret.index + secret.text.length)}`;
  }
  return result
    .replace(NIMBUS_KEY, '[redacted access key]')
    .replace(EMAIL, '[redacted e-mail]')
    .replace(LONG_SECRET, '[redacted key]')
    .replace(IPV4, (ip) => (HARMLESS_IPS.has(ip) ? ip : '[redacted IP]'))
    .replace(IPV6_CANDIDATE, (candidate) => (isIPv6(candidate) ? '[redacted IP]' : candidate));
}
