import { z } from 'zod';
import { locales } from './locales.ts';

/** KCS article states, in the order an article moves through them. */
export const kcsStates = ['draft', 'wip', 'not-validated', 'validated', 'archived'] as const;
export type KcsState = (typeof kcsStates)[number];

/** Who may read an article. */
export const visibilities = ['public', 'internal'] as const;
export type Visibility = (typeof visibilities)[number];

const articleId = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected an article id `<product>/<slug>`, like `compute/ssh-permission-denied`');

// YAML 1.1 readers (js-yaml) turn dates into Date objects; YAML 1.2 keeps strings. Accept both, store the ISO day.
const isoDay = z.union([
  z.iso.date({ error: 'Expected a date as `YYYY-MM-DD`' }),
  z.date().transform((date) => date.toISOString().slice(0, 10)),
]);

/**
 * Frontmatter of a troubleshooting article (KCS: one problem per article).
 * Product and area are checked against the taxonomy separately, so the schema has no IO and no taxonomy.
 */
export const articleFrontmatterSchema = z
  .object({
    /** The customer's question. @example "How do I troubleshoot AccessDenied when I upload objects to a bucket?" */
    title: z.string().min(10, 'Expected a title of at least 10 characters, phrased as the customer\'s question').max(200, 'Expected a title of at most 200 characters, the customer\'s question in one line').describe('The customer\'s question, e.g. "Why does … fail with …?"'),
    /** One-line summary of the symptom, shown in results and meta tags. */
    description: z.string().min(10, 'Expected a one-line description of at least 10 characters').max(300, 'Expected a one-line description of at most 300 characters').describe('One-line summary of the symptom, shown in results and meta tags'),
    /** Product id from `taxonomy.yaml`. @example "object-storage" */
    product: z.string().min(1).describe('Product id from taxonomy.yaml'),
    /** Area id from `taxonomy.yaml`, one of the product's areas. @example "identity" */
    area: z.string().min(1).describe("Area id from taxonomy.yaml, one of the product's areas"),
    /** Exact error messages and codes the article resolves, verbatim. @example ["AccessDenied"] */
    errors: z.array(z.string().trim().min(1)).default([]).describe('Exact error messages and codes the article resolves, verbatim; each must occur in the body'),
    /** What the customer observes, one line each. */
    symptoms: z.array(z.string().trim().min(1)).default([]).describe('What the customer observes, one line each'),
    /** KCS state; only `validated` articles are published to customers. */
    state: z.enum(kcsStates).describe('KCS state; only validated articles are published to customers'),
    /** `public` articles can reach customers, `internal` ones only engineers. */
    visibility: z.enum(visibilities).describe('public articles can reach customers, internal ones only engineers'),
    /** Language of the article. @example "zh-TW" */
    locale: z.enum(locales).describe('Language of the article'),
    /** Id of the English article this one translates. @example "compute/iis-403-14-directory-listing-denied" */
    translationOf: articleId.optional().describe('Id of the English article this one translates'),
    /** Day of the last content change. @example "2026-09-14" */
    updated: isoDay.describe('Day of the last content change (YYYY-MM-DD)'),
    /** Day of the last technical review. @example "2026-10-02" */
    reviewed: isoDay.describe('Day of the last technical review (YYYY-MM-DD)'),
    /** GitHub team or user that owns the article. @example "@nimbus/l3-storage" */
    owner: z.string().regex(/^@[\w.-]+(?:\/[\w.-]+)?$/, 'Expected a GitHub owner like `@nimbus/l3-storage`').describe('GitHub team or user that owns the article'),
    /** Ids of related articles. */
    related: z.array(articleId).default([]).describe('Ids of related articles (<product>/<slug>)'),
    /** Ids of runbooks L2 follows for this problem. */
    runbooks: z.array(z.string().min(1)).default([]).describe('Ids of runbooks L2 follows for this problem'),
  })
  .strict();

/** Validated article frontmatter. */
export type ArticleFrontmatter = z.infer<typeof articleFrontmatterSchema>;

/** An article as the site and the tools see it: frontmatter plus where it came from. */
export interface Article extends ArticleFrontmatter {
  /** `<product>/<slug>`, shared by an article and its translations. */
  id: string;
  /** Path of the source file relative to the content folder. */
  path: string;
}
