// Property tests: whatever an author (or an importer) writes, validation reports problems and never throws or hangs.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { findFrontmatter, parseFrontmatter, validateArticle, validateTaxonomy, codeVariants, normalizeQuery } from '../src/index.ts';
import { findSecrets } from '@nimbus/redact';
import type { ArticleFileData } from '../src/index.ts';
import { allowedUrlSchemes } from '../src/link-safety.ts';

const taxonomy = validateTaxonomy(new VFile({ path: 'taxonomy.yaml', value: readFileSync(new URL('../../../content/taxonomy.yaml', import.meta.url), 'utf8') }))!;
const valid = readFileSync(new URL('../../../content/articles/en/dns/private-zone-nxdomain-from-vpc.mdx', import.meta.url), 'utf8');

// Text built from the characters that matter to YAML, MDX and our rules, plus any unicode.
const hostileChar = fc.oneof(
  fc.constantFrom('-', ':', '"', "'", '{', '}', '<', '>', '[', ']', '&', '*', '!', '|', '#', '`', '\n', '\r', '\t', ' ', '\\', '\u0000', '\uFEFF', '\u2028'),
  fc.string({ unit: 'grapheme', maxLength: 1 }),
);
const hostileText = fc.array(hostileChar, { maxLength: 400 }).map((chars) => chars.join(''));

// Generous timeouts: turbo runs several suites at once on two cores; the properties themselves take about a second.
describe('fuzz: validation never throws', { timeout: 60_000 }, () => {
  it('on arbitrary files', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const file = new VFile({ path: 'articles/en/dns/fuzz.mdx', value: text });
        validateArticle(file, { taxonomy, rules: 'all', today: '2026-11-21' });
        for (const message of file.messages) expect(message.line ?? 1).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('on a valid article with hostile text spliced into its frontmatter or body', () => {
    fc.assert(
      fc.property(fc.nat({ max: valid.length }), hostileText, (at, text) => {
        const file = new VFile({ path: 'articles/en/dns/fuzz.mdx', value: valid.slice(0, at) + text + valid.slice(at) });
        validateArticle(file, { taxonomy, rules: 'all', today: '2026-11-21' });
      }),
      { numRuns: 300 },
    );
  });

  // How long the bomb takes is measured in `npm run bench -- content`, not asserted here.
  it('on arbitrary YAML, including alias bombs', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const parsed = parseFrontmatter({ yaml: bomb, firstLine: 2, closingLine: 8 });
    expect(parsed.problems.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(hostileText, (yaml) => {
        const block = findFrontmatter(`---\n${yaml}\n---\n`);
        if (block) parseFrontmatter(block).locate(['a', 0, 'b']);
      }),
      { numRuns: 300 },
    );
  });

  it('search-term helpers and the secret finder accept any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        codeVariants(text);
        expect(normalizeQuery(text).length).toBeLessThanOrEqual(text.length);
        findSecrets(text);
      }),
      { numRuns: 300 },
    );
  });
});

// Hostile URLs: a dangerous scheme, disguised the ways browsers and Markdown parsers forgive, as a link, an image,
// a reference definition or an autolink spliced into a valid article.
const hex = (char: string) => char.charCodeAt(0).toString(16);
const disguisedChar = (char: string) =>
  fc.constantFrom(char, char.toUpperCase(), `&#${char.charCodeAt(0)};`, `&#x${hex(char)};`, `&#X${hex(char).toUpperCase()};`, `%${hex(char)}`, ...(char === ':' ? ['&colon;'] : []));
const invisible = fc.constantFrom('', '', '', '\t', '&#9;', '&#10;', '&#13;', '&#0;', '&#1;', '&#x1F;', '&shy;', '&#8203;', '&#xFEFF;');
const hostileUrl = fc
  .record({
    scheme: fc.constantFrom('javascript:', 'vbscript:', 'data:'),
    lead: fc.array(fc.constantFrom(' ', '\t', '&#32;', '&#9;', '&#1;', '&#0;', '&#x20;', '&#160;'), { maxLength: 3 }),
    payload: fc.constantFrom('alert(document.cookie)', 'msgbox(1)', 'text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', '//%0Aalert(1)'),
  })
  .chain(({ scheme, lead, payload }) =>
    fc.tuple(...[...scheme].map((char) => fc.tuple(disguisedChar(char), invisible))).map((chars) => lead.join('') + chars.map(([char, gap]) => char + gap).join('') + payload),
  );
const hostileLink = fc.tuple(hostileUrl, fc.constantFrom('link', 'image', 'definition', 'autolink')).map(([url, form]) => {
  if (form === 'link') return `Open [the console](<${url}>) first.`;
  if (form === 'image') return `![The console](<${url}>)`;
  if (form === 'definition') return `Open [the console][console] first.\n\n[console]: <${url}>`;
  return `Open <${url}> first.`;
});
const splice = (text: string) => valid.replace('## Related information\n', `${text}\n\n## Related information\n`);
const validFile = new VFile({ path: 'articles/en/dns/fuzz.mdx', value: valid });
validateArticle(validFile, { taxonomy });
const validLinks = (validFile.data as ArticleFileData).kbFacts?.links.length;

describe('fuzz: hostile URLs never pass validation', { timeout: 60_000 }, () => {
  it('a disguised javascript:, vbscript: or data: URL is always an error', () => {
    fc.assert(
      fc.property(hostileLink, (text) => {
        const file = new VFile({ path: 'articles/en/dns/fuzz.mdx', value: splice(text) });
        validateArticle(file, { taxonomy, today: '2026-11-21' });
        const rules = file.messages.filter((message) => message.fatal).map((message) => message.ruleId);
        if (text.startsWith('Open <')) {
          // An autolink MDX cannot parse is an error; one that starts with a space or an entity is no link at all, just text.
          const links = (file.data as ArticleFileData).kbFacts?.links.length;
          expect(rules.some((rule) => rule === 'link-unsafe' || rule === 'mdx-syntax' || rule === 'mdx-code') || links === validLinks, `${JSON.stringify(text)} passed`).toBe(true);
        } else {
          expect(rules, `${JSON.stringify(text)} passed`).toContain('link-unsafe');
        }
      }),
      { numRuns: 500 },
    );
  });

  // The oracle is the WHATWG URL parser, the one browsers use: whatever becomes a link, if a browser would open it
  // with another scheme than https, http or mailto, the link is reported where it is.
  it('every link a browser would open with another scheme is reported at its place', () => {
    const urlChar = fc.oneof(
      fc.constantFrom('j', 'a', 'v', 's', 'c', 'r', 'i', 'p', 't', 'J', 'S', ':', '/', '#', '?', '.', '%', '3', 'A', '&', ';', '#', 'x', '0', '9', ' ', '\t', '\\'),
      fc.constantFrom('&#58;', '&colon;', '&#9;', '&#0;', '%3A', '%0A', '\u0001', '\u00AD', '\u200B'),
      fc.string({ unit: 'grapheme', maxLength: 1 }),
    );
    const destination = fc.tuple(fc.constantFrom('', 'javascript:', 'JAVASCRIPT:', 'data:', 'https:', 'mailto:', 'file:'), fc.array(urlChar, { maxLength: 20 })).map(([start, chars]) => start + chars.join(''));
    fc.assert(
      fc.property(destination, fc.constantFrom('[x](<%>)', '![x](<%>)', '[x](%)', '[x][r]\n\n[r]: <%>'), (url, form) => {
        const file = new VFile({ path: 'articles/en/dns/fuzz.mdx', value: splice(form.replace('%', () => url)) });
        validateArticle(file, { taxonomy, today: '2026-11-21' });
        for (const link of (file.data as ArticleFileData).kbFacts?.links ?? []) {
          let scheme: string;
          try {
            scheme = new URL(link.url, 'https://kb.nimbus.example/articles/dns/fuzz/').protocol.slice(0, -1);
          } catch {
            continue; // Not a URL a browser can open.
          }
          if ((allowedUrlSchemes as readonly string[]).includes(scheme)) continue;
          const reported = file.messages.some((message) => message.ruleId === 'link-unsafe' && message.line === link.position?.start.line && message.column === link.position?.start.column);
          expect(reported, `${JSON.stringify(link.url)} opens as ${scheme}:`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
