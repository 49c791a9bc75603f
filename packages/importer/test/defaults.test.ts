// What `kb import` decides for an article nobody has looked at yet: not validated, internal, the source's own dates,
// and an owner only from the mapping — never a made-up team or a review day that did not happen.
import { describe, expect, test } from 'vitest';
import { convertKnowledgeBase, ImportOwnerError, type SourceFile } from '../src/index.ts';

const TODAY = '2025-06-01';
const article = (name: string, frontmatter: string, heading = 'Resolution'): SourceFile => ({
  path: `mail/${name}.md`,
  text: `---\ntitle: Why does mail fail with error 550 5.7.57?\n${frontmatter}---\n\n# Mail fails\n\nThe client sends \`550 5.7.57\`.\n\n## ${heading}\n\nSign in first.\n`,
});
const frontmatterOf = (text: string) => text.slice(0, text.indexOf('\n---\n', 4));

describe('import defaults', () => {
  test('not-validated, internal, reviewed and updated on the source date; owners from the mapping', () => {
    const sources = [article('dated', 'ms.date: 03/31/2022\nms.author: jdoe\n'), article('undated', 'author: someone\n')];
    const result = convertKnowledgeBase(sources, { today: TODAY, owners: { byAuthor: { jdoe: '@contoso/l3-mail' }, fallback: '@contoso/kb-team' } });
    const dated = frontmatterOf(result.files.get('articles/en/mail/dated.mdx')!);
    expect(dated).toContain('state: not-validated');
    expect(dated).toContain('visibility: internal');
    expect(dated).toContain('updated: 2022-03-31');
    expect(dated).toContain('reviewed: 2022-03-31');
    expect(dated).toContain('owner: "@contoso/l3-mail"');
    const undated = frontmatterOf(result.files.get('articles/en/mail/undated.mdx')!);
    expect(undated).toContain(`reviewed: ${TODAY}`);
    expect(undated).toContain('owner: "@contoso/kb-team"');
    // The old review is kept and counted, not a reason to leave the article out.
    expect(result.report.summary).toMatchObject({ imported: 2, validated: 0, undated: 1, reviewDue: 1 });
  });

  test('--state, --visibility and --reviewed import are taken as given; detect reads the resolution section', () => {
    const sources = [article('fixed', ''), article('open', '', 'More information')];
    const options = { today: TODAY, owners: { fallback: '@contoso/kb-team' } };
    const given = convertKnowledgeBase(sources, { ...options, state: 'wip', visibility: 'public', reviewed: 'import' });
    expect(frontmatterOf(given.files.get('articles/en/mail/fixed.mdx')!)).toMatch(/state: wip\nvisibility: public\n[\s\S]*reviewed: 2025-06-01/);
    const detected = convertKnowledgeBase(sources, { ...options, state: 'detect' });
    expect(frontmatterOf(detected.files.get('articles/en/mail/fixed.mdx')!)).toContain('state: validated');
    expect(frontmatterOf(detected.files.get('articles/en/mail/open.mdx')!)).toContain('state: not-validated');
  });

  test('detect uses the resolution rule of kb check, Chinese headings included', () => {
    // The importer once had its own copy of the heading pattern without the Chinese branch: an article kb check
    // accepts as resolved was imported as not validated.
    const sources = [article('zh-resolution', '', '解決方法'), article('zh-other', '', '其他資訊')];
    const detected = convertKnowledgeBase(sources, { today: TODAY, owners: { fallback: '@contoso/kb-team' }, state: 'detect' });
    expect(frontmatterOf(detected.files.get('articles/en/mail/zh-resolution.mdx')!)).toContain('state: validated');
    expect(frontmatterOf(detected.files.get('articles/en/mail/zh-other.mdx')!)).toContain('state: not-validated');
  });

  test('an author without an owner stops the import and names the authors, most articles first', () => {
    const sources = [article('a', 'ms.author: ann\n'), article('b', 'ms.author: bob\n'), article('c', 'ms.author: bob\n'), article('d', '')];
    let thrown: unknown;
    try {
      convertKnowledgeBase(sources, { today: TODAY, owners: { byAuthor: { ann: '@contoso/l3-mail' } } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportOwnerError);
    expect((thrown as ImportOwnerError).authors).toEqual(['bob', '(none)']);
  });
});
