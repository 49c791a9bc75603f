import type { VFile } from 'vfile';
import type { BodyFacts } from './body-facts.ts';

/** URL schemes links and images may use; anything else (`javascript:`, `vbscript:`, `data:`, `file:`…) is an error. */
export const allowedUrlSchemes = ['https', 'http', 'mailto'] as const;

// Characters a browser drops from a URL (C0 controls, spaces, tabs and newlines), plus invisible and replacement
// characters: dropping them all before looking for a scheme is stricter than any browser, so `java\tscript:`,
// ` javascript:` and `java&#0;script:` (which the parser turns into U+FFFD) all show their scheme.
const IGNORED = /[\p{Cc}\p{Cf}\p{Z}\s\uFFFD]/gu;
const SCHEME = /^([a-z][a-z0-9+.-]*):/;

/**
 * The scheme of a link or image target when it is not one of {@link allowedUrlSchemes}, lower-cased, else undefined.
 * Relative links (`/articles/…`, `../x`, `#anchor`) have no scheme and pass; `//host/…` has none either, and
 * `checkLinkSchemes` refuses it as a link to another site without `https:`. The parser has already decoded
 * character references (`&#106;avascript:`); percent-encoded ASCII is decoded here too (`javascript%3A…`), stricter
 * than a browser, which reads that as a relative path.
 */
export function unsafeUrlScheme(url: string): string | undefined {
  let normalized = url.replace(IGNORED, '');
  for (let round = 0; round < 3 && /%[0-7][0-9a-f]/i.test(normalized); round++) {
    normalized = normalized.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))).replace(IGNORED, '');
  }
  const scheme = SCHEME.exec(normalized.toLowerCase())?.[1];
  return scheme === undefined || (allowedUrlSchemes as readonly string[]).includes(scheme) ? undefined : scheme;
}

/** The message of rule `link-unsafe` for a URL with this scheme. */
export function unsafeUrlReason(scheme: string): string {
  const shown = scheme.length > 30 ? `${scheme.slice(0, 30)}…` : scheme;
  return `Unexpected \`${shown}:\` URL, expected \`https:\`, \`http:\`, \`mailto:\` or a relative link like \`/articles/<id>/\`; put a URL meant as text in inline code`;
}

/**
 * Whether a URL leaves the site without naming a scheme: `//host/…` (and `/\\host`, `\\\\host`, which browsers read
 * the same way) is a link to another site, so it must say `https://`.
 */
export function isProtocolRelative(url: string): boolean {
  return /^[/\\]{2}/.test(url.replace(IGNORED, ''));
}

/**
 * Reports every link, image and definition of the body (footnotes included) whose URL scheme is not allowed, or that
 * leaves the site without a scheme (rule `link-unsafe`).
 */
export function checkLinkSchemes(file: VFile, links: BodyFacts['links']): void {
  for (const link of links) {
    const scheme = unsafeUrlScheme(link.url);
    if (scheme !== undefined) file.message(unsafeUrlReason(scheme), { place: link.position, ruleId: 'link-unsafe', source: 'kb' }).fatal = true;
    else if (isProtocolRelative(link.url)) {
      const shown = link.url.length > 60 ? `${link.url.slice(0, 60)}…` : link.url;
      file.message(`Unexpected protocol-relative URL \`${shown}\`, it links to another site: write \`https://${shown.replace(IGNORED, '').replace(/^[/\\]+/, '')}\``, { place: link.position, ruleId: 'link-unsafe', source: 'kb' }).fatal = true;
    }
  }
}
