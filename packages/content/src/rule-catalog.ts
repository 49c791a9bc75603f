// The catalog of the rules `kb check` reports on content (articles, taxonomy, vocabulary, the link ledger), like
// remark-lint's: each rule id with what it checks and a `url` to its entry in CONTRIBUTING.md, where authors look
// first. The runbook rules are `runbookRules` of @nimbus/runbooks, with urls from the same `ruleUrl`.

/** A rule of `kb check`: its id (the `ruleId` of its messages), what it checks, and where it is explained. */
export interface RuleEntry {
  readonly id: string;
  /** What the rule checks, in one sentence. */
  readonly description: string;
  /** Its entry in CONTRIBUTING.md, relative to the repository root. */
  readonly url: string;
}

/** The file whose rule tables explain every rule id, relative to the repository root. */
export const RULES_DOCUMENT = 'CONTRIBUTING.md';

/** The documentation of a rule: `CONTRIBUTING.md#rule-<id>`. */
export function ruleUrl(id: string): string {
  return `${RULES_DOCUMENT}#rule-${id}`;
}

const rules: ReadonlyArray<readonly [id: string, description: string]> = [
  ['frontmatter-missing', 'The file starts with a `---` fenced YAML frontmatter.'],
  ['frontmatter-yaml', 'The frontmatter is valid YAML.'],
  ['frontmatter-schema', 'The frontmatter matches the article schema, each problem at its key.'],
  ['frontmatter-text', 'No bidirectional control or control character in the frontmatter.'],
  ['unknown-product', '`product` is a product of `taxonomy.yaml`.'],
  ['unknown-area', '`area` is an area of the product in `taxonomy.yaml`.'],
  ['product-folder', 'The file sits in the folder of its product.'],
  ['locale-mismatch', 'The file sits in the folder of its locale.'],
  ['article-path', 'The file is at `articles/<locale>/<product>/<slug>.mdx`.'],
  ['mdx-syntax', 'The body parses as MDX.'],
  ['mdx-code', 'No code in content: ESM, `{…}` expressions, raw HTML, components outside the allow-list.'],
  ['internal-placement', 'Every `<Internal>` stands where the audience filter can apply it exactly.'],
  ['internal-reference', 'No reference outside `<Internal>` to a definition only inside one.'],
  ['related-missing', 'Every id in `related` names an article.'],
  ['link-broken', 'Every link and `#anchor` leads somewhere the reader can see.'],
  ['link-unsafe', 'Links and images use `https:`, `http:`, `mailto:` or a relative path, however encoded.'],
  ['link-unpublishable', 'A published article links only to articles that ship.'],
  ['translation-unpublished', 'A validated, public translation has an English source that ships.'],
  ['duplicate-id', 'One file per article id and locale.'],
  ['duplicate-slug', 'One slug in one product only.'],
  ['translation-source', 'A translation has an English source.'],
  ['translation-missing', 'A validated English article has its translations.'],
  ['translation-stale', 'A translation is not older than its source.'],
  ['error-not-in-body', 'Every entry of `errors` is quoted verbatim in the body.'],
  ['kcs-resolution', 'A `## Resolution` section with the fix (an error once validated).'],
  ['kcs-title', 'The title is the customer’s problem or question.'],
  ['kcs-error-quoted', 'The exact error is quoted in inline code or a code block.'],
  ['review-overdue', '`reviewed` is within the review period of the state, then a grace period.'],
  ['secret', 'No credential the redactor would remove, anywhere in the file.'],
  ['personal-data', 'No e-mail address, phone number or IP address in the text of the body.'],
  ['taxonomy-missing', 'The content folder has a `taxonomy.yaml`.'],
  ['taxonomy-yaml', '`taxonomy.yaml` is valid YAML.'],
  ['taxonomy-schema', '`taxonomy.yaml` matches the taxonomy schema.'],
  ['vocabulary-yaml', '`vocabulary.yaml` is valid YAML.'],
  ['vocabulary-schema', '`vocabulary.yaml` matches the vocabulary schema.'],
  ['vocabulary-duplicate', 'A word stands in one synonym group once, and never both said and meant.'],
  ['ledger-record', 'Every line of the link ledger is one well-formed record, one per case.'],
  ['ledger-unknown-article', 'Every article the ledger links still exists.'],
];

/** Every content rule of `kb check`, in the order of CONTRIBUTING.md. */
export const contentRules: readonly RuleEntry[] = rules.map(([id, description]) => ({ id, description, url: ruleUrl(id) }));
