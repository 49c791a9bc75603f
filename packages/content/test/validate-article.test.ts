// Behaviour of validateArticle beyond the one-rule fixtures: what it returns, several problems at once,
// options, line endings. Inline cases start from fixtures/articles/valid and change one thing with edit().
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { validateArticle } from '../src/validate-article.ts';
import { edit, messagesOf, realTaxonomy, validArticle, validArticlePath } from './helpers.ts';

const taxonomy = realTaxonomy();

function validate(value: string, path = validArticlePath, options: { allowedComponents?: string[] } = {}) {
  const file = new VFile({ path, value });
  const article = validateArticle(file, { taxonomy, ...options });
  return { file, article, messages: messagesOf(file) };
}

describe('validateArticle', () => {
  it('returns the frontmatter with defaults, the id and the path', () => {
    const { article, messages } = validate(edit(validArticle, 'related:\n  - object-storage/presigned-url-signature-does-not-match\n', ''));
    expect(messages).toEqual([]);
    expect(article).toEqual({
      title: 'How do I troubleshoot AccessDenied when I upload objects to a bucket?',
      description: 'Uploads to a bucket fail with HTTP 403 AccessDenied although the access key is valid.',
      product: 'object-storage',
      area: 'identity',
      errors: ['AccessDenied'],
      symptoms: ['`nimbus storage cp` fails with exit code 1 and AccessDenied.'],
      state: 'validated',
      visibility: 'public',
      locale: 'en',
      updated: '2026-09-14',
      reviewed: '2026-10-02',
      owner: '@nimbus/l3-storage',
      related: [],
      runbooks: [],
      id: 'object-storage/upload-access-denied',
      path: validArticlePath,
    });
  });

  it('reports every schema problem of the frontmatter, each at its key', () => {
    let value = edit(validArticle, 'state: validated', 'state: published');
    value = edit(value, 'owner: "@nimbus/l3-storage"', 'owner: nimbus');
    value = edit(value, 'reviewed: 2026-10-02\n', 'reviewed: 2026-10-02\nauthor: jdoe\nreviewer: kim\n');
    expect(validate(value).messages).toEqual([
      '10:1: error: Unexpected `published` for `state`, expected one of `draft`, `wip`, `not-validated`, `validated`, `archived` (frontmatter-schema)',
      '17:1: error: Expected a GitHub owner like `@nimbus/l3-storage` for `owner` (frontmatter-schema)',
      '15:1: error: Unexpected keys `author`, `reviewer`, not part of the article schema (frontmatter-schema)',
    ]);
  });

  it('reports every taxonomy and folder problem together', () => {
    const { messages, article } = validate(edit(validArticle, 'area: identity', 'area: backup'), 'articles/zh-tw/compute/upload-access-denied.mdx');
    expect(article).toBeUndefined();
    expect(messages).toEqual([
      '5:1: error: Unknown area `backup` for product `object-storage`, expected one of `storage`, `identity`, `networking` (unknown-area)',
      '12:1: error: Unexpected locale `en` in a file under `articles/zh-tw/`, expected `zh-TW` (locale-mismatch)',
      '4:1: error: Unexpected product `object-storage` in a file under the `compute` folder, move the file or fix the product (product-folder)',
    ]);
  });

  it('checks the body even when the frontmatter is missing, and the path even when both are wrong', () => {
    const body = validArticle.slice(validArticle.indexOf('## Short description'));
    expect(validate(edit(body, 'and upload again;', 'and upload again {n} times;'), 'articles/en/object-storage/Upload.mdx').messages).toEqual([
      '1:1: error: Unexpected article path `articles/en/object-storage/Upload.mdx`, expected `articles/<en|zh-tw>/<product>/<kebab-case-slug>.mdx` (article-path)',
      '23:69: error: Unexpected JS expression `{…}` in content, write `\\{` for a literal brace or use inline code (mdx-code)',
      '1:1: error: Missing frontmatter, expected a `---` fenced YAML block at the top of the file (frontmatter-missing)',
    ]);
  });

  it('returns the article when only the body is wrong', () => {
    const { article, messages } = validate(edit(validArticle, '## Resolution\n', '## Resolution\n\nexport const x = 1;\n'));
    expect(messages).toEqual(['36:1: error: Unexpected `import`/`export` in content, content must not run code (mdx-code)']);
    expect(article?.id).toBe('object-storage/upload-access-denied');
  });

  it('allows the components of `allowedComponents`, and names them when another is used', () => {
    const value = edit(validArticle, '## Resolution\n', '## Resolution\n\n<Callout type="warning">Back up the policy first.</Callout>\n\nSee <Widget /> too.\n');
    expect(validate(value).messages).toEqual([
      '36:1: error: Unexpected component `<Callout>`, expected one of the allowed components (Internal) (mdx-code)',
      '38:5: error: Unexpected component `<Widget>`, expected one of the allowed components (Internal) (mdx-code)',
    ]);
    expect(validate(value, validArticlePath, { allowedComponents: ['Callout', 'Steps'] }).messages).toEqual([
      '38:5: error: Unexpected component `<Widget>`, expected one of the allowed components (Callout, Steps) (mdx-code)',
    ]);
    expect(validate(value, validArticlePath, { allowedComponents: ['Callout', 'Widget'] }).messages).toEqual([]);
  });

  it('accepts braces and angle brackets inside inline code and code blocks', () => {
    const value = edit(validArticle, '## Resolution\n', '## Resolution\n\nRun `echo {a,b}` when `latency < 5 ms`.\n\n```json\n{ "Effect": "Deny", "html": "<div>" }\n```\n');
    expect(validate(value).messages).toEqual([]);
  });

  it('gives the same positions with CRLF line endings and a byte order mark', () => {
    const broken = edit(validArticle, 'state: validated', 'state: published');
    const expected = ['10:1: error: Unexpected `published` for `state`, expected one of `draft`, `wip`, `not-validated`, `validated`, `archived` (frontmatter-schema)'];
    expect(validate(broken).messages).toEqual(expected);
    expect(validate(broken.replaceAll('\n', '\r\n')).messages).toEqual(expected);
    expect(validate(`\uFEFF${broken}`).messages).toEqual(expected);
    expect(validate(validArticle.replaceAll('\n', '\r\n')).article).toBeDefined();
  });

  it('rejects dates that do not exist', () => {
    expect(validate(edit(validArticle, 'updated: 2026-09-14', 'updated: 2026-02-30')).messages).toEqual([
      '13:1: error: Expected a date as `YYYY-MM-DD` for `updated` (frontmatter-schema)',
    ]);
    expect(validate(edit(validArticle, 'updated: 2026-09-14', 'updated: 2028-02-29')).messages).toEqual([]);
  });

  it('checks the format of `translationOf` and `related` ids', () => {
    expect(validate(edit(validArticle, 'locale: en', 'locale: zh-TW\ntranslationOf: upload-access-denied'), 'articles/zh-tw/object-storage/upload-access-denied.mdx').messages).toEqual([
      '13:1: error: Expected an article id `<product>/<slug>`, like `compute/ssh-permission-denied` for `translationOf` (frontmatter-schema)',
    ]);
  });

  // Hostile text: frontmatter fields that become links on the site (`related`, `translationOf`) are ids, never URLs.
  it('rejects URLs in the frontmatter fields the site turns into links', () => {
    let value = edit(validArticle, '  - object-storage/presigned-url-signature-does-not-match\n', '  - "javascript:alert(1)"\n  - "//evil.example/x"\n');
    value = edit(value, 'locale: en', 'locale: zh-TW\ntranslationOf: "data:text/html,<script>alert(1)</script>"');
    const { article, messages } = validate(value, 'articles/zh-tw/object-storage/upload-access-denied.mdx');
    expect(article).toBeUndefined();
    expect(messages).toEqual([
      '13:1: error: Expected an article id `<product>/<slug>`, like `compute/ssh-permission-denied` for `translationOf` (frontmatter-schema)',
      '18:5: error: Expected an article id `<product>/<slug>`, like `compute/ssh-permission-denied` for `related.0` (frontmatter-schema)',
      '19:5: error: Expected an article id `<product>/<slug>`, like `compute/ssh-permission-denied` for `related.1` (frontmatter-schema)',
    ]);
  });

  it('refuses a protocol-relative link (`//host`): it leaves the site, so it must say `https:` (link-unsafe)', () => {
    for (const url of ['//docs.nimbus.example/x', ' //evil.example']) {
      const { messages } = validate(edit(validArticle, '## Related information\n', `## Related information\n\n- [link](<${url}>)\n`));
      expect(messages, url).toEqual([`46:3: error: Unexpected protocol-relative URL \`${url}\`, it links to another site: write \`https://${url.replace(/^[ /]+/, '')}\` (link-unsafe)`]);
    }
  });

  it('allows https, http, mailto and relative links, and nothing else (link-unsafe)', () => {
    const safe = ['https://docs.nimbus.example/a?b=c#d', 'HTTPS://docs.nimbus.example/', 'http://example.com', 'mailto:support@nimbus.example', '/articles/object-storage/x/', '../x/', '#resolution', './a:b', '', '/search?q=a%3Ab'];
    const links = safe.map((url) => `- [link](<${url}>)`).join('\n');
    expect(validate(edit(validArticle, '## Related information\n', `## Related information\n\n${links}\n`)).messages).toEqual([]);

    const unsafe = ['file:///etc/passwd', 'ftp://example.com/x', 'tel:+15550100', 'vbscript:msgbox(1)', ' \tjavascript:alert(1)', 'java&#0;script:alert(1)', 'jav&#x09;ascript:alert(1)', '%6Aavascript:alert(1)', 'javascript%253Aalert(1)', 'a:b'];
    const bad = unsafe.map((url) => `- [link](<${url}>)`).join('\n');
    const { article, messages } = validate(edit(validArticle, '## Related information\n', `## Related information\n\n${bad}\n`));
    expect(article?.id, 'only the body is wrong').toBe('object-storage/upload-access-denied');
    expect(messages.map((message) => message.replace(/ URL, expected .*/, ''))).toEqual([
      '46:3: error: Unexpected `file:`',
      '47:3: error: Unexpected `ftp:`',
      '48:3: error: Unexpected `tel:`',
      '49:3: error: Unexpected `vbscript:`',
      '50:3: error: Unexpected `javascript:`',
      '51:3: error: Unexpected `javascript:`',
      '52:3: error: Unexpected `javascript:`',
      '53:3: error: Unexpected `javascript:`',
      '54:3: error: Unexpected `javascript:`',
      '55:3: error: Unexpected `a:`',
    ]);
  });

  it('rejects JS expressions in the attributes of any allowed component, and any attribute of `<Internal>`', () => {
    const value = edit(validArticle, '## Resolution\n', '## Resolution\n\n<Internal>\nEngineers only.\n</Internal>\n\n<Callout type="warning" {...props} icon={alert(1)}>Back up first.</Callout>\n');
    expect(validate(value, validArticlePath, { allowedComponents: ['Internal', 'Callout'] }).messages).toEqual([
      '40:25: error: Unexpected JS expression `{…}` in the attributes of `<Callout>`, content must not run code (mdx-code)',
      '40:36: error: Unexpected JS expression `{…}` as the value of `icon` on `<Callout>`, content must not run code: write `icon="…"` (mdx-code)',
    ]);
    expect(validate(edit(value, '<Internal>', '<Internal lang="en" {...props}>')).messages).toEqual([
      '36:11: error: Unexpected attribute `lang` on `<Internal>`, it takes none: write `<Internal>` (mdx-code)',
      '36:21: error: Unexpected JS expression `{…}` in the attributes of `<Internal>`, content must not run code: write `<Internal>` (mdx-code)',
      '40:1: error: Unexpected component `<Callout>`, expected one of the allowed components (Internal) (mdx-code)',
    ]);
  });

  it('names raw HTML and says what to write instead, whether or not MDX can parse it', () => {
    const at = (html: string) => validate(edit(validArticle, '## Resolution\n', `## Resolution\n\nSee ${html} first.\n`)).messages;
    expect(at('<iframe src="https://evil.example"></iframe>')).toEqual(['36:5: error: Unexpected HTML element `<iframe>`, content is Markdown: write Markdown instead, and put markup meant as text in inline code (mdx-code)']);
    expect(at('<div onclick=alert(1)>x</div>')).toEqual(['36:5: error: Unexpected HTML element `<div>`, content is Markdown: write Markdown instead, and put markup meant as text in inline code (mdx-code)']);
    expect(at('<style>body{display:none}</style>')).toEqual(['36:5: error: Unexpected HTML element `<style>`, content is Markdown: write Markdown instead, and put markup meant as text in inline code (mdx-code)']);
    expect(at('<internal>x</internal>')).toEqual(['36:5: error: Unexpected HTML element `<internal>`, did you mean the component `<Internal>`? (mdx-code)']);
    expect(at('<!DOCTYPE html>')).toEqual(['36:5: error: Unexpected HTML `<!DOCTYPE`, content is Markdown: delete it, and put markup meant as text in inline code (mdx-code)']);
    expect(at('<a@nimbus.example>')).toEqual(['36:5: error: Unexpected autolink `<a@nimbus.example>`, MDX reads `<` as a tag: write `[a@nimbus.example](mailto:a@nimbus.example)` (mdx-syntax)']);
    // Escaped or quoted markup is text, and stays allowed.
    expect(at('`<script>alert(1)</script>` or \\<script> or &lt;script&gt;')).toEqual([]);
  });

  it('reports frontmatter that is not a mapping at the closing fence', () => {
    expect(validate(`---\n- title\n- product\n---\n\n${validArticle.slice(validArticle.indexOf('## Short'))}`).messages).toEqual([
      '4:1: error: Unexpected list for frontmatter, expected object (frontmatter-schema)',
    ]);
  });

  it('reports an empty frontmatter block, every key at the closing fence', () => {
    const messages = validate(`---\n---\n\n${validArticle.slice(validArticle.indexOf('## Short'))}`).messages;
    expect(messages).toHaveLength(10);
    expect(messages.every((message) => message.startsWith('2:1: error: ') && message.endsWith('(frontmatter-schema)'))).toBe(true);
    expect(messages).toContain('2:1: error: Missing `title`, expected string (frontmatter-schema)');
  });

  it('reports every YAML problem, and no schema problem on top', () => {
    let value = edit(validArticle, 'owner: "@nimbus/l3-storage"', 'owner: @nimbus/l3-storage');
    value = edit(value, 'state: validated', 'state: validated\nstate: draft');
    expect(validate(value).messages).toEqual([
      '11:1: error: Invalid YAML: Map keys must be unique (frontmatter-yaml)',
      '16:8: error: Invalid YAML: Plain value cannot start with reserved character @ (frontmatter-yaml)',
    ]);
  });

  // Regression (src/zod-issue.ts, `invalid_value`): a missing enum key (state, visibility, locale) is described as
  // "Unexpected `undefined` for `state`", where every other missing key reads "Missing `…`".
  it('says `Missing` for a missing `state`, not "Unexpected `undefined`"', () => {
    const [message] = validate(edit(validArticle, 'state: validated\n', '')).messages;
    expect(message).toMatch(/^17:1: error: Missing `state`/);
    expect(message).not.toContain('`undefined`');
  });

  // Regression (src/frontmatter.ts, parseFrontmatter): an alias to an anchor that does not exist is no YAML error for `yaml`'s
  // parseDocument, and doc.toJS() then throws a ReferenceError out of validateArticle (and out of loadContent).
  it('reports an unresolved YAML alias instead of throwing', () => {
    const value = edit(validArticle, '  - AccessDenied\n', '  - *accessDenied\n');
    let result: ReturnType<typeof validate> | undefined;
    expect(() => {
      result = validate(value);
    }).not.toThrow();
    expect(result?.article).toBeUndefined();
    expect(result?.messages).toHaveLength(1);
    expect(result?.messages[0]).toMatch(/^7:5: error: Invalid YAML: .*\(frontmatter-yaml\)$/);
  });

  // Regression (src/validate-article.ts, locale-mismatch): parseArticlePath accepts `\` separators, but the message
  // takes the locale folder from `file.path.split('/')[1]` and prints `articles/undefined/`.
  it('names the locale folder of a path with backslashes', () => {
    const { messages } = validate(validArticle, 'articles\\zh-tw\\object-storage\\upload-access-denied.mdx');
    expect(messages).toEqual(['12:1: error: Unexpected locale `en` in a file under `articles/zh-tw/`, expected `zh-TW` (locale-mismatch)']);
  });
});
