// The public surface of @nimbus/content: removing or renaming an export must fail here.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fromSource from '../src/index.ts';
import * as fromPackage from '@nimbus/content';
import * as searchTerms from '@nimbus/content/search-terms';
import type {
  Area,
  Article,
  ArticleFrontmatter,
  ArticleLocation,
  Audience,
  FrontmatterBlock,
  KcsState,
  Locale,
  MdxCheckOptions,
  ParsedFrontmatter,
  Product,
  Severity,
  Taxonomy,
  ValidateArticleOptions,
  Visibility,
  YamlProblem,
} from '../src/index.ts';

const runtimeExports = [
  'RULES_DOCUMENT',
  'allowedUrlSchemes',
  'areaSchema',
  'articleFrontmatterSchema',
  'articleKey',
  'articleParseFeatures',
  'articleTemplate',
  'checkArticleRules',
  'checkFrontmatterText',
  'checkInternalSections',
  'checkMdx',
  'codeVariants',
  'collectBodyFacts',
  'contentComponents',
  'contentRules',
  'defaultLocale',
  'describeIssue',
  'describeType',
  'findFrontmatter',
  'formatMessage',
  'headingText',
  'isProtocolRelative',
  'isPublishable',
  'isResolutionHeading',
  'isVisibleTo',
  'joinCode',
  'kcsStates',
  'localeFromSegment',
  'localeSegment',
  'locales',
  'localizedName',
  'localizedText',
  'normalizeQuery',
  'parseArticleMarkdown',
  'parseArticlePath',
  'parseFrontmatter',
  'productSchema',
  'publishedArticles',
  'readValidatedFrontmatter',
  'reportError',
  'reviewGraceDays',
  'reviewPeriodDays',
  'ruleUrl',
  'secondLocation',
  'severitySchema',
  'slugFromTitle',
  'taxonomySchema',
  'treeForAudience',
  'unsafeUrlScheme',
  'validateArticle',
  'validateCollection',
  'validateTaxonomy',
  'validateVocabulary',
  'visibilities',
  'visibleArticles',
  'vocabularySchema',
  'withoutInternalSections',
];

describe('@nimbus/content exports', () => {
  it('src/index.ts exports exactly the public names', () => {
    expect(Object.keys(fromSource).sort()).toEqual(runtimeExports);
  });

  it('the package name resolves to the same module', () => {
    expect(Object.keys(fromPackage).sort()).toEqual(runtimeExports);
    expect(fromPackage.validateArticle).toBe(fromSource.validateArticle);
  });

  it('exports functions as functions and constants as their values', () => {
    const constants = new Set(['articleParseFeatures', 'allowedUrlSchemes', 'articleFrontmatterSchema', 'areaSchema', 'productSchema', 'severitySchema', 'taxonomySchema', 'kcsStates', 'visibilities', 'locales', 'defaultLocale', 'reviewGraceDays', 'reviewPeriodDays', 'contentComponents', 'vocabularySchema', 'contentRules', 'RULES_DOCUMENT']);
    for (const name of runtimeExports) {
      const value = (fromSource as Record<string, unknown>)[name];
      if (constants.has(name)) expect(value, name).toBeDefined();
      else expect(typeof value, name).toBe('function');
    }
    expect(fromSource.kcsStates).toEqual(['draft', 'wip', 'not-validated', 'validated', 'archived']);
    expect(fromSource.visibilities).toEqual(['public', 'internal']);
    expect(fromSource.defaultLocale).toBe('en');
  });

  it('has the `./search-terms` entry point, for the browser search without zod or yaml', () => {
    expect(Object.keys(searchTerms).sort()).toEqual(['codeVariants', 'focusQuery', 'joinCode', 'normalizeQuery']);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    // The narrow entry points let kb link and its workers start without loading the whole package.
    expect(pkg.exports).toEqual({
      '.': './src/index.ts',
      './format-message': './src/format-message.ts',
      './package.json': './package.json',
      './report-error': './src/report-error.ts',
      './search-terms': './src/search-terms.ts',
      './validate-vocabulary': './src/validate-vocabulary.ts',
    });
  });

  it('exports its types (checked by `npm run typecheck`)', () => {
    expectTypeOf<Article>().toHaveProperty('id');
    expectTypeOf<ArticleFrontmatter>().toHaveProperty('state').toEqualTypeOf<KcsState>();
    expectTypeOf<ArticleFrontmatter>().toHaveProperty('visibility').toEqualTypeOf<Visibility>();
    expectTypeOf<ArticleLocation>().toHaveProperty('locale').toEqualTypeOf<Locale>();
    expectTypeOf<Audience>().toEqualTypeOf<'public' | 'internal'>();
    expectTypeOf<FrontmatterBlock>().toHaveProperty('closingLine');
    expectTypeOf<ParsedFrontmatter>().toHaveProperty('locate');
    expectTypeOf<YamlProblem>().toHaveProperty('place');
    expectTypeOf<MdxCheckOptions>().toHaveProperty('allowedComponents');
    expectTypeOf<ValidateArticleOptions>().toHaveProperty('taxonomy').toEqualTypeOf<Taxonomy>();
    expectTypeOf<Taxonomy>().toHaveProperty('products').toEqualTypeOf<Product[]>();
    expectTypeOf<Taxonomy>().toHaveProperty('areas').toEqualTypeOf<Area[]>();
    expectTypeOf<Taxonomy>().toHaveProperty('severities').toEqualTypeOf<Severity[]>();
  });
});
