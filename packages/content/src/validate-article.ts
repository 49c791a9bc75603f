import type { VFile } from 'vfile';
import { articleFrontmatterSchema, type Article } from './article-schema.ts';
import { parseArticlePath } from './article-path.ts';
import { localeSegment } from './locales.ts';
import { checkMdx, type MdxCheckOptions } from './mdx-syntax.ts';
import { collectBodyFacts, type BodyFacts } from './body-facts.ts';
import { checkLinkSchemes } from './link-safety.ts';
import { checkInternalSections } from './internal-sections.ts';
import { checkFrontmatterText } from './frontmatter-text.ts';
import { checkSecrets } from './secret-rules.ts';
import { checkArticleRules, type ArticleRuleOptions } from './article-rules.ts';
import { readValidatedFrontmatter } from './validated-frontmatter.ts';
import { reportError } from './report-error.ts';
import type { Taxonomy } from './taxonomy.ts';

/** Options of {@link validateArticle}. */
export interface ValidateArticleOptions extends MdxCheckOptions, ArticleRuleOptions {
  /** Products and areas the article may name. */
  taxonomy: Taxonomy;
  /**
   * `structure` (default): what a page needs to render — path, frontmatter, taxonomy, MDX.
   * `all`: also the KCS content standard and hygiene rules of `kb check` (see `checkArticleRules`).
   */
  rules?: 'structure' | 'all';
}

/** What `validateArticle` leaves in `file.data` for collection-wide rules. */
export interface ArticleFileData {
  kbFacts?: BodyFacts;
}

// Its own module, so validated-frontmatter.ts can use it without importing this file back.
export { reportError } from './report-error.ts';

/**
 * Validates one article file: its path, frontmatter (schema and taxonomy, each problem at its key), MDX and the URL
 * schemes of its links.
 * `file.path` must be relative to the content folder. Problems are added to `file.messages`;
 * the article is returned when the frontmatter is valid, even if the body has problems.
 */
export function validateArticle(file: VFile, options: ValidateArticleOptions): Article | undefined {
  const location = parseArticlePath(file.path);
  if (!location) {
    reportError(file, `Unexpected article path \`${file.path}\`, expected \`articles/<en|zh-tw>/<product>/<kebab-case-slug>.mdx\``, { line: 1, column: 1 }, 'article-path');
  }
  const before = file.messages.length;
  const tree = checkMdx(file, options);
  if (tree) {
    // Code in the body is one problem with one message: sections are checked once the MDX itself is allowed.
    if (!file.messages.slice(before).some((message) => message.fatal)) checkInternalSections(file, String(file.value), tree);
    const facts = collectBodyFacts(tree);
    (file.data as ArticleFileData).kbFacts = facts;
    checkLinkSchemes(file, facts.links);
  }

  checkFrontmatterText(file);
  // Secrets are reported whatever else is wrong with the file: a broken file can still be committed and pushed.
  if (options.rules === 'all') checkSecrets(file, (file.data as ArticleFileData).kbFacts?.codeRanges);
  const frontmatter = readValidatedFrontmatter(file, articleFrontmatterSchema);
  if (!frontmatter) return undefined;
  const { data, locate } = frontmatter;
  let valid = true;
  const fail = (reason: string, key: string, ruleId: string) => {
    reportError(file, reason, locate([key]), ruleId);
    valid = false;
  };

  const product = options.taxonomy.products.find((candidate) => candidate.id === data.product);
  if (!product) {
    fail(`Unknown product \`${data.product}\`, expected one of ${options.taxonomy.products.map((p) => `\`${p.id}\``).join(', ')}`, 'product', 'unknown-product');
  } else if (!product.areas.includes(data.area)) {
    fail(`Unknown area \`${data.area}\` for product \`${product.id}\`, expected one of ${product.areas.map((a) => `\`${a}\``).join(', ')}`, 'area', 'unknown-area');
  }
  if (location) {
    if (location.locale !== data.locale) fail(`Unexpected locale \`${data.locale}\` in a file under \`articles/${localeSegment(location.locale)}/\`, expected \`${location.locale}\``, 'locale', 'locale-mismatch');
    if (product && location.product !== data.product) fail(`Unexpected product \`${data.product}\` in a file under the \`${location.product}\` folder, move the file or fix the product`, 'product', 'product-folder');
    if (data.locale !== 'en' && data.translationOf === undefined) fail('Missing `translationOf`, a translation must name the English article it translates', 'locale', 'translation-source');
    if (data.locale === 'en' && data.translationOf !== undefined) fail('Unexpected `translationOf` in an English article, only translations name a source', 'translationOf', 'translation-source');
    if (data.translationOf !== undefined && data.translationOf !== location.id) {
      fail(`Unexpected \`translationOf: ${data.translationOf}\`, a translation lives at the same path as its source (\`${location.id}\`)`, 'translationOf', 'translation-source');
    }
  }
  if (!valid || !location) return undefined;
  const article: Article = { ...data, id: location.id, path: file.path };
  const facts = (file.data as ArticleFileData).kbFacts;
  if (options.rules === 'all' && facts) checkArticleRules(file, article, facts, locate, options);
  return article;
}
