// Editor support: the VS Code remark extension (unifiedjs.vscode-remark) runs this config as authors type,
// validating article frontmatter against the schema generated from our zod schemas (`npx kb schemas`).
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    remarkMdx,
    [remarkLintFrontmatterSchema, { schemas: { './schemas/article.schema.json': ['./content/articles/**/*.mdx'] } }],
  ],
};
