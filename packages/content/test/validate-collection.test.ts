// test/fixtures/collection/ is a small content folder: every file is valid on its own,
// and validateCollection must find what only the whole collection shows (expected.txt, `path:line:col: …`).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Article } from '../src/article-schema.ts';
import { formatMessage } from '../src/format-message.ts';
import { validateArticle } from '../src/validate-article.ts';
import { validateCollection } from '../src/validate-collection.ts';
import { edit, messagesOf, realTaxonomy, validArticle, validArticlePath } from './helpers.ts';

const taxonomy = realTaxonomy();
const collectionDir = new URL('./fixtures/collection/', import.meta.url);

function readCollection(): VFile[] {
  return readdirSync(new URL('articles/', collectionDir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => `articles/${name.replaceAll('\\', '/')}`)
    .sort()
    .map((path) => new VFile({ path, value: readFileSync(new URL(path, collectionDir), 'utf8') }));
}

function validateAll(files: VFile[]): Article[] {
  const articles = files.map((file) => validateArticle(file, { taxonomy })).filter((article) => article !== undefined);
  return articles;
}

describe('validateCollection', () => {
  it('reports unknown related ids at the `related` item and translations without an English source', () => {
    const files = readCollection();
    const articles = validateAll(files);
    expect(articles).toHaveLength(4);
    expect(files.flatMap((file) => file.messages), 'every file is valid on its own').toEqual([]);

    validateCollection(articles, new Map(files.map((file) => [file.path, file])));

    const expected = readFileSync(new URL('expected.txt', collectionDir), 'utf8').split('\n').filter((line) => line !== '');
    expect(files.flatMap((file) => file.messages.map((message) => formatMessage(message)))).toEqual(expected);
    for (const message of files.flatMap((file) => file.messages)) {
      expect(message.fatal).toBe(true);
      expect(message.source).toBe('kb');
    }
  });

  it('reports nothing when every related article and source exists', () => {
    const files = readCollection().filter((file) => !file.path.includes('lifecycle-rule-not-applied'));
    const upload = files.find((file) => file.path === 'articles/en/object-storage/upload-access-denied.mdx');
    if (!upload) throw new Error('fixture missing');
    upload.value = edit(String(upload.value), '  - object-storage/bucket-policy-deny-statement\n', '');
    const articles = validateAll(files);
    expect(articles).toHaveLength(3);
    validateCollection(articles, new Map(files.map((file) => [file.path, file])));
    expect(files.flatMap((file) => file.messages)).toEqual([]);
  });

  it('treats only English articles as targets of `related`', () => {
    // `compute/only-in-chinese` exists, but only as a translation: relating to it is reported.
    const file = new VFile({
      path: validArticlePath,
      value: edit(validArticle, '  - object-storage/presigned-url-signature-does-not-match\n', '  - compute/only-in-chinese\n'),
    });
    const article = validateArticle(file, { taxonomy });
    if (!article) throw new Error(messagesOf(file).join('\n'));
    const translation: Article = { ...article, locale: 'zh-TW', related: [], id: 'compute/only-in-chinese', path: 'articles/zh-tw/compute/only-in-chinese.mdx' };
    validateCollection([article, translation], new Map([[file.path, file]]));
    expect(messagesOf(file)).toEqual([
      '17:5: error: Unknown related article `compute/only-in-chinese`, no file `articles/en/compute/only-in-chinese.mdx` (related-missing)',
      // The body links to an article this collection lacks: the build refuses that too.
      '46:3: error: Unknown article `/articles/object-storage/presigned-url-signature-does-not-match/`, no file `articles/en/object-storage/presigned-url-signature-does-not-match.mdx` (link-broken)',
    ]);
  });

  it('skips articles whose file is not in the map instead of throwing', () => {
    const file = new VFile({ path: validArticlePath, value: validArticle });
    const article = validateArticle(file, { taxonomy });
    if (!article) throw new Error(messagesOf(file).join('\n'));
    expect(() => validateCollection([article], new Map())).not.toThrow();
    expect(file.messages).toEqual([]);
  });
});

describe('validateCollection: what ships (the build runs these rules too)', () => {
  // test/fixtures/publication/: a published article that links and relates to an internal article, to ids that do not
  // exist, to a heading inside its own internal section; public translations of an internal and of a WIP article.
  const dir = new URL('./fixtures/publication/', import.meta.url);
  const files = readdirSync(new URL('articles/', dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => `articles/${name.replaceAll('\\', '/')}`)
    .sort()
    .map((path) => new VFile({ path, value: readFileSync(new URL(path, dir), 'utf8') }));

  it('refuses links, `related` and anchors to what does not ship or does not exist, and warns on translations that cannot ship', () => {
    const articles = validateAll(files);
    expect(files.flatMap((file) => file.messages), 'every file is valid on its own').toEqual([]);
    validateCollection(articles, new Map(files.map((file) => [file.path, file])));
    const expected = readFileSync(new URL('expected.txt', dir), 'utf8').split('\n').filter((line) => line !== '');
    expect(files.flatMap((file) => file.messages.map((message) => formatMessage(message)))).toEqual(expected);
  });
});
