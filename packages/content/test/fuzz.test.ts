// Property tests: whatever an author (or an importer) writes, validation reports problems and never throws or hangs.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { findFrontmatter, parseFrontmatter, validateArticle, validateTaxonomy, codeVariants, normalizeQuery, findSecrets } from '../src/index.ts';

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

  it('on arbitrary YAML, including alias bombs, in bounded time', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const started = performance.now();
    const parsed = parseFrontmatter({ yaml: bomb, firstLine: 2, closingLine: 8 });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
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
