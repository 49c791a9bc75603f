import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a kebab-case id, like `object-storage`');

/** Names of a product or area in other locales, keyed by locale (e.g. `zh-TW`). */
const localizedNames = z.record(z.string(), z.string().min(1)).default({});

/** A support area: the specialty of an L2 team (networking, storage, identity…). */
export const areaSchema = z.object({
  /** Stable id used in frontmatter. @example "networking" */
  id,
  /** Display name in English. @example "Networking" */
  name: z.string().min(1),
  /** Display names in other locales. @example { "zh-TW": "網路" } */
  names: localizedNames,
});

/** A product of the provider; articles belong to exactly one product. */
export const productSchema = z.object({
  /** Stable id used in frontmatter and URLs. @example "object-storage" */
  id,
  /** Display name in English. @example "Object Storage" */
  name: z.string().min(1),
  /** Display names in other locales. @example { "zh-TW": "物件儲存" } */
  names: localizedNames,
  /** One sentence shown on the product page. */
  description: z.string().default(''),
  /** The description in other locales. @example { "zh-TW": "Linux 與 Windows 虛擬機器。" } */
  descriptions: localizedNames,
  /** Areas an article of this product may name. @example ["storage", "identity"] */
  areas: z.array(id).min(1),
});

/** A case severity of the provider, with the impact that justifies it. */
export const severitySchema = z.object({
  /** @example "sev1" */
  id,
  /** Display name in English. @example "Critical" */
  name: z.string().min(1),
  /** Display names in other locales. */
  names: localizedNames,
  /** Target first response. @example "15 minutes, around the clock" */
  response: z.string().min(1),
  /** The target first response in other locales. @example { "zh-TW": "15 分鐘，全天候" } */
  responses: localizedNames,
  /** The impact that justifies this severity, in English. */
  impact: z.string().min(1),
  /** The impact in other locales. */
  impacts: localizedNames,
});

/** The taxonomy file `content/taxonomy.yaml`. */
export const taxonomySchema = z
  .object({
    /** The provider whose knowledge center this is. */
    provider: z.object({
      /** @example "Nimbus Cloud" */
      name: z.string().min(1),
      /** Name of the provider's CLI, used in examples. @example "nimbus" */
      cli: z.string().min(1).optional(),
    }),
    areas: z.array(areaSchema).min(1),
    products: z.array(productSchema).min(1),
    /** Case severities, most severe first. */
    severities: z.array(severitySchema).default([]),
  })
  .superRefine((taxonomy, ctx) => {
    const areaIds = new Set(taxonomy.areas.map((area) => area.id));
    taxonomy.products.forEach((product, productIndex) => {
      product.areas.forEach((area, areaIndex) => {
        if (!areaIds.has(area)) {
          ctx.addIssue({
            code: 'custom',
            path: ['products', productIndex, 'areas', areaIndex],
            message: `Unknown area \`${area}\`, expected one of ${[...areaIds].map((a) => `\`${a}\``).join(', ')}`,
          });
        }
      });
    });
  });

export type Area = z.infer<typeof areaSchema>;
export type Product = z.infer<typeof productSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** Display name of a product or area in `locale`, falling back to English. */
export function localizedName(item: { name: string; names: Record<string, string> }, locale: string): string {
  return item.names[locale] ?? item.name;
}

/** A localized text of a taxonomy item (`description`/`descriptions`, `response`/`responses`…) in `locale`, falling back to English. */
export function localizedText(english: string, translations: Record<string, string> | undefined, locale: string): string {
  return translations?.[locale] ?? english;
}
