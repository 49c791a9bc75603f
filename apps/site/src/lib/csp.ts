import { createHash } from 'node:crypto';

/** The one inline script: applies the reader's theme before the first paint, so dark mode never flashes. */
export const themeBootScript = "try{var t=localStorage.getItem('kb-theme');if(t)document.documentElement.dataset.theme=t}catch(e){}";

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const themeBootHash = sha256(themeBootScript);
// A relative (or missing) endpoint is same-origin: 'self' covers it. Checked before parsing, since every page asks
// and a thrown URL error per page was a measurable part of rendering thousands of pages.
const origin = (url: string) => (URL.canParse(url) ? new URL(url).origin : '');

/** Endpoints the pages talk to, beside their own origin. */
export interface CspEndpoints {
  /** The event collector's intake (`KB_EVENTS_ENDPOINT`). */
  feedbackEndpoint?: string;
  caseEndpoint?: string;
  /** The collector's read API: internal site only. */
  eventsReadUrl?: string;
}

/**
 * The Content-Security-Policy of every page: scripts only from the site itself plus the hashed theme script,
 * no `unsafe-inline` for scripts; WebAssembly for Pagefind; inline styles for highlighted code blocks.
 * `forMeta` leaves out what a `<meta>` policy ignores (`frame-ancestors`).
 */
export function contentSecurityPolicy(endpoints: CspEndpoints = {}, forMeta = false): string {
  // The same few endpoints for every page of a build: worked out once.
  const key = JSON.stringify([endpoints.feedbackEndpoint, endpoints.caseEndpoint, endpoints.eventsReadUrl, forMeta]);
  let policy = policies.get(key);
  if (policy === undefined) policies.set(key, (policy = buildPolicy(endpoints, forMeta)));
  return policy;
}
const policies = new Map<string, string>();

function buildPolicy(endpoints: CspEndpoints, forMeta: boolean): string {
  const connect = ["'self'", origin(endpoints.feedbackEndpoint ?? ''), origin(endpoints.caseEndpoint ?? ''), origin(endpoints.eventsReadUrl ?? '')].filter(Boolean);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${themeBootHash}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    `form-action ${[...new Set(["'self'", origin(endpoints.caseEndpoint ?? '')].filter(Boolean))].join(' ')}`,
    "base-uri 'self'",
    "object-src 'none'",
    ...(forMeta ? [] : ["frame-ancestors 'none'"]),
  ];
  return directives.join('; ');
}

/** A `_headers` file (Netlify, Cloudflare Pages) with the policy and the usual hardening headers. */
export function headersFile(endpoints: CspEndpoints, audience: 'public' | 'internal'): string {
  const headers = [
    `Content-Security-Policy: ${contentSecurityPolicy(endpoints)}`,
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: strict-origin-when-cross-origin',
    'Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy: same-origin',
    ...(audience === 'internal' ? ['X-Robots-Tag: noindex, nofollow', 'Cache-Control: private, no-store'] : []),
  ];
  return `/*\n${headers.map((header) => `  ${header}`).join('\n')}\n\n/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n`;
}
