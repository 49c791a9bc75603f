import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nimbus/atomic-file';
import path from 'node:path';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { VFile } from 'vfile';
import { articleFrontmatterSchema, taxonomySchema, validateTaxonomy, type Taxonomy } from '@nimbus/content';
import { KbError, kbErrors } from '../error-catalog.ts';
import { ioOf, out } from '../io.ts';

/** JSON Schemas generated from the zod schemas, for editors; product and area become the taxonomy's ids, for completion. */
export function jsonSchemas(taxonomy?: Taxonomy): Record<string, unknown> {
  // Draft 7: what editor tooling (ajv in remark-lint-frontmatter-schema, the YAML extension) reads.
  const options = { io: 'input', unrepresentable: 'any', target: 'draft-7' } as const;
  const article = z.toJSONSchema(articleFrontmatterSchema, options) as { properties: Record<string, Record<string, unknown>> };
  if (taxonomy) {
    article.properties.product = { ...article.properties.product, enum: taxonomy.products.map((product) => product.id) };
    article.properties.area = { ...article.properties.area, enum: taxonomy.areas.map((area) => area.id) };
  }
  return {
    'article.schema.json': { title: 'Knowledge-center article frontmatter', ...article },
    'taxonomy.schema.json': { title: 'Knowledge-center taxonomy (content/taxonomy.yaml)', ...z.toJSONSchema(taxonomySchema, options) },
  };
}

export default defineCommand({
  meta: { name: 'schemas', description: 'Write JSON Schemas of the frontmatter and taxonomy to schemas/; --check fails on drift' },
  args: {
    out: { type: 'string', default: 'schemas', description: 'Folder to write to' },
    content: { type: 'string', description: 'Content folder whose taxonomy fills the product and area lists (default: $KB_CONTENT_DIR or ./content)' },
    check: { type: 'boolean', description: 'Do not write: exit 1 when a schema file is out of date' },
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const dir = path.resolve(io.cwd, args.out);
    const taxonomyPath = path.join(path.resolve(io.cwd, args.content ?? io.env.KB_CONTENT_DIR ?? 'content'), 'taxonomy.yaml');
    const taxonomy = validateTaxonomy(new VFile({ path: taxonomyPath, value: await readFile(taxonomyPath, 'utf8').catch(() => '') }));
    await mkdir(dir, { recursive: true });
    for (const [name, schema] of Object.entries(jsonSchemas(taxonomy))) {
      const target = path.join(dir, name);
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (args.check) {
        if ((await readFile(target, 'utf8').catch(() => '')) !== text) throw new KbError(kbErrors.OutOfDate, `${path.relative(io.cwd, target)} is out of date: run \`npx kb schemas\``);
        continue;
      }
      await writeFileAtomic(target, text);
      out(io, `Wrote ${path.relative(io.cwd, target)}`);
    }
  },
});
