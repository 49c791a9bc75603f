// The audience filter, tried the way a careless author would: a marker inside `<Internal>`, the `<Internal>` placed in
// every construct the parser accepts (lists, tables, headings, footnotes, quotes, definitions, images, links, emphasis,
// code, nested sections), to any depth of two. Each article is either refused with a position, or its marker is absent
// from everything public (the public page's HTML, the Markdown the search text and the case form's index read) and
// present on the internal page. In process: validation and rendering exactly as the build runs them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Definition, Nodes } from 'mdast';
import { parseArticleMarkdown, validateArticle, validateTaxonomy, withoutInternalSections, type Taxonomy } from '@nimbus/content';
import { renderArticleHtml } from '../../src/lib/article-html.ts';

const taxonomyFile = new VFile({
  path: 'taxonomy.yaml',
  value: `provider:\n  name: Nimbus Cloud\n  cli: nimbus\nareas:\n  - id: virtualization\n    name: Virtualization\nproducts:\n  - id: compute\n    name: Virtual Machines\n    areas: [virtualization]\n`,
});
const taxonomy = validateTaxonomy(taxonomyFile) as Taxonomy;

const frontmatter = `---
title: Why does the virtual machine fail to start?
description: The virtual machine stays stopped after a start request.
product: compute
area: virtualization
state: validated
visibility: public
locale: en
updated: 2026-10-01
reviewed: 2026-10-01
owner: "@nimbus/l3-compute"
---
## Resolution

1. Start the machine again.
`;

const MARKER = 'zqxpropmarker';
const indent = (text: string, by: string) => text.split('\n').map((line, index) => (index === 0 || line === '' ? line : `${by}${line}`)).join('\n');
const quote = (text: string) => text.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');

/** Ways to wrap phrasing content (`x` is one line). */
const inline: Record<string, (x: string) => string> = {
  emphasis: (x) => `*${x}*`,
  strong: (x) => `**${x}**`,
  strikethrough: (x) => `~~${x}~~`,
  link: (x) => `[${x}](https://docs.nimbus.example/a)`,
  image: (x) => `![${x}](https://docs.nimbus.example/i.png)`,
  'internal inline': (x) => `<Internal>${x}</Internal>`,
  'internal spaced closing': (x) => `<Internal>${x}</Internal >`,
  'internal lower case': (x) => `<internal>${x}</internal>`,
};
/** Ways to wrap block content (`x` may span lines). */
const block: Record<string, (x: string) => string> = {
  paragraph: (x) => `Text before ${x} and after.`,
  heading: (x) => `## ${x}`,
  'list item': (x) => `- ${indent(x, '  ')}`,
  'ordered item': (x) => `1. ${indent(x, '   ')}`,
  'task item': (x) => `- [ ] ${indent(x, '      ')}`,
  quote: (x) => quote(x),
  'table cell': (x) => `| Field | Value |\n| --- | --- |\n| ${x} | c |`,
  'across table cells': (x) => `| Field | Value |\n| --- | --- |\n| a ${x.replace(MARKER, `${MARKER} |`)} |`,
  footnote: (x) => `See the note.[^n]\n\n[^n]: ${indent(x, '    ')}`,
  definition: (x) => `Read [the guide][d].\n\n[d]: https://docs.nimbus.example/guide "${x}"`,
  'internal block': (x) => `<Internal>\n\n${x}\n\n</Internal>`,
  'internal block in a list': (x) => `- Step\n\n  <Internal>\n\n  ${indent(x, '  ')}\n\n  </Internal>`,
  'internal block spaced closing': (x) => `<Internal>\n\n${x}\n\n</Internal >`,
  'internal self-closing': (x) => `<Internal />\n\n${x}`,
};
/** What the marker itself can be: text, code, a link target, alt text, a footnote of an internal section. */
const leaves: Record<string, string> = {
  text: MARKER,
  'inline code': `\`${MARKER}\``,
  'code block': `\`\`\`bash\nnimbus ops ${MARKER}\n\`\`\``,
  'link target': `[ops](https://ops.nimbus.example/${MARKER})`,
  'alt text': `![${MARKER}](https://docs.nimbus.example/i.png)`,
  'footnote in the section': `Note.[^m]\n\n[^m]: ${MARKER}`,
  'definition in the section': `[ops][m]\n\n[m]: https://ops.nimbus.example/${MARKER}`,
};

const inlineNames = Object.keys(inline);
const blockNames = Object.keys(block);

/** A body holding the marker inside at least one `<Internal>`, and the names of what wraps it, outermost first. */
const placement = fc
  .tuple(
    fc.constantFrom(...Object.keys(leaves)),
    fc.array(fc.oneof(fc.constantFrom(...inlineNames).map((name) => ({ kind: 'inline' as const, name })), fc.constantFrom(...blockNames).map((name) => ({ kind: 'block' as const, name }))), { minLength: 1, maxLength: 3 }),
  )
  .filter(([, wrappers]) => wrappers.some((wrapper) => /internal/i.test(wrapper.name)))
  .map(([leaf, wrappers]) => {
    let body = leaves[leaf]!;
    for (const wrapper of wrappers) body = wrapper.kind === 'inline' ? inline[wrapper.name]!(body) : block[wrapper.name]!(body);
    return { body, path: [...wrappers.map((wrapper) => wrapper.name).reverse(), leaf].join(' > ') };
  });

const isInternalInside = (path: string) => /internal/.test(path);

/** Whether the marker is in a link definition that no reference uses: rendered on no page at all. */
function unreferencedDefinitionHolds(markdown: string): boolean {
  const definitions: Definition[] = [];
  const references = new Set<string>();
  const walk = (node: Nodes) => {
    if (node.type === 'definition') definitions.push(node);
    if (node.type === 'linkReference' || node.type === 'imageReference') references.add(node.identifier.toLowerCase());
    if ('children' in node) node.children.forEach(walk);
  };
  walk(parseArticleMarkdown(markdown));
  return definitions.some((definition) => `${definition.url} ${definition.title ?? ''}`.includes(MARKER) && !references.has(definition.identifier.toLowerCase()));
}

describe('<Internal> in every construct (property)', () => {
  it('is refused with a position, or absent from every public output and present on the internal page', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(placement, ({ body, path }) => {
        const source = `${frontmatter}\n${body}\n`;
        const file = new VFile({ path: 'articles/en/compute/vm-fails-to-start.mdx', value: source });
        const article = validateArticle(file, { taxonomy });
        const errors = file.messages.filter((message) => message.fatal);
        if (errors.length > 0 || !article) {
          for (const message of errors) {
            expect(message.line, `${path}: ${message.reason}`).toBeGreaterThan(0);
            expect(message.column, `${path}: ${message.reason}`).toBeGreaterThan(0);
            expect(message.ruleId, path).toBeTruthy();
          }
          expect(errors.length, path).toBeGreaterThan(0);
          outcomes.set('refused', (outcomes.get('refused') ?? 0) + 1);
          return;
        }
        const markdown = source.replace(/^---[\s\S]*?\n---\r?\n/, '');
        const publicHtml = renderArticleHtml(markdown, { audience: 'public', locale: 'en' }).toLowerCase();
        expect(publicHtml, `${path}\n${body}`).not.toContain(MARKER);
        expect(withoutInternalSections(markdown).toLowerCase(), `${path}\n${body}`).not.toContain(MARKER);
        const internalHtml = renderArticleHtml(markdown, { audience: 'internal', locale: 'en' });
        expect(internalHtml, `${path}\n${body}`).toContain('class="internal-section"');
        // Present on the internal page, unless no page can show it: a link definition nothing refers to (`[^m]: …` deep in
        // a task item reads as one), a link target inside alt text (alt text keeps the link's words only), a second
        // footnote definition of the same name (the first one wins).
        const unshowable = unreferencedDefinitionHolds(markdown) || /image > .*link target/.test(path) || /footnote.*footnote/.test(path);
        if (!unshowable) expect(internalHtml, `${path}\n${body}`).toContain(MARKER);
        expect(isInternalInside(path)).toBe(true);
        outcomes.set('accepted', (outcomes.get('accepted') ?? 0) + 1);
      }),
      { numRuns: 400, seed: 20261202 },
    );
    // Both outcomes occur: the property is not passing by refusing everything, nor by accepting everything.
    expect(outcomes.get('refused') ?? 0).toBeGreaterThan(50);
    expect(outcomes.get('accepted') ?? 0).toBeGreaterThan(20);
  });

  it('renders nothing of an internal section publicly, and the same section marked internally', () => {
    const markdown = `Public text.\n\n<Internal>\n\n## Notes ${MARKER}\n\n![${MARKER}](https://i.example/x.png)\n\n</Internal>\n\n## Notes\n`;
    const publicHtml = renderArticleHtml(markdown, { audience: 'public', locale: 'en' });
    expect(publicHtml).not.toContain(MARKER);
    // The public page slugs its own headings only: the id the rules check anchors against.
    expect(publicHtml).toContain('<h2 id="notes">Notes</h2>');
    const internalHtml = renderArticleHtml(markdown, { audience: 'internal', locale: 'en' });
    expect(internalHtml).toContain('<aside class="internal-section" aria-label="Internal only">');
    expect(internalHtml).toContain(`id="notes-${MARKER}"`);
  });
});
