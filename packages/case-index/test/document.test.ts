import { describe, expect, it } from 'vitest';
import { dropRelatedSections, parseMarkdownArticle, readFrontmatter, symptomSection } from '../src/document.ts';

describe('parseMarkdownArticle', () => {
  it('reads our MDX articles with their id, errors and version', () => {
    const source = [
      '---',
      "title: 'Why does SSH fail with \"Permission denied (publickey)\"?'",
      'description: The SSH server rejects the key.',
      'product: compute',
      'area: identity',
      'errors:',
      "  - 'Permission denied (publickey).'",
      'locale: en',
      'updated: 2026-05-12',
      '---',
      '## Symptoms',
      '',
      'Text.',
    ].join('\n');
    const document = parseMarkdownArticle(source, 'en/compute/ssh-permission-denied-publickey.mdx');
    expect(document).toMatchObject({
      id: 'compute/ssh-permission-denied-publickey',
      title: 'Why does SSH fail with "Permission denied (publickey)"?',
      errors: ['Permission denied (publickey).'],
      product: 'compute',
      locale: 'en',
      version: '2026-05-12',
      headings: ['Symptoms'],
    });
  });

  it('takes the title from the first heading when the frontmatter has none, and tolerates broken YAML', () => {
    const document = parseMarkdownArticle('---\ntitle: [unclosed\nms.date: 06/15/2022\n---\n# Error 1603 during install\n\nBody.', 'support/msi/error-1603.md');
    expect(document.id).toBe('support/msi/error-1603');
    expect(document.title).toBe('[unclosed');
    expect(parseMarkdownArticle('# Error 1603 during install\n\nBody.', 'x.md').title).toBe('Error 1603 during install');
  });

  it('keeps the H1 as an alternative title when it differs', () => {
    const document = parseMarkdownArticle('---\ntitle: Short title\n---\n# A longer first heading\n## Cause\n', 'a.md');
    expect(document.altTitle).toBe('A longer first heading');
  });
});

describe('readFrontmatter', () => {
  it('reads flat frontmatter without a YAML parser and nested frontmatter with one', () => {
    expect(readFrontmatter("---\ntitle: 'It''s here'\nerrors:\n  - A\n  - \"B: c\"\n---\nbody").data).toEqual({ title: "It's here", errors: ['A', 'B: c'] });
    expect(readFrontmatter('---\ntitle: |\n  Multi\n  line\n---\nbody').data).toEqual({ title: 'Multi\nline\n' });
  });
});

describe('dropRelatedSections', () => {
  it('removes "Related information" up to the next heading of the same level', () => {
    const text = '## Cause\nA\n## Related information\n- [Other 0x80070005](/articles/x/)\n## Next\nB';
    expect(dropRelatedSections(text)).toBe('## Cause\nA\n## Next\nB');
  });
});

describe('symptomSection', () => {
  it('keeps the text under the Symptoms heading, up to the next heading of its level', () => {
    const markdown = '# Title\n\n## Symptoms\n\nOutlook **stops responding** when you open a message.\n\n### Details\n\nIt hangs.\n\n## Cause\n\nA broken add-in.';
    expect(symptomSection(markdown)).toBe('Outlook **stops responding** when you open a message.\n\n### Details\n\nIt hangs.');
    expect(parseMarkdownArticle(`---\ntitle: T\n---\n${markdown}`, 'a.md').symptomText).toContain('stops responding');
  });

  it('knows other names of the section and returns nothing without one', () => {
    expect(symptomSection('## 症狀\n\n磁碟空間不足')).toBe('磁碟空間不足');
    expect(symptomSection('## Issue\n\nThe VM does not start.')).toBe('The VM does not start.');
    expect(symptomSection('## Cause\n\nSomething else.')).toBeUndefined();
  });
});
