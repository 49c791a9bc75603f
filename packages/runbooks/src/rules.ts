import { ruleUrl } from '@nimbus/content';

/** A validation rule of runbooks: its id (the `ruleId` of its messages) and what it checks. */
export interface RunbookRule {
  id: string;
  /** What the rule checks, in one sentence. */
  description: string;
  /** `error` fails `kb check` and the build; `warning` is reported only. */
  severity: 'error' | 'warning' | 'warning, then error';
  /** Its entry in CONTRIBUTING.md (`ruleUrl` of @nimbus/content). */
  url: string;
}

/** The rules, without their urls. */
const rules: ReadonlyArray<Omit<RunbookRule, 'url'>> = [
  { id: 'runbook-path', severity: 'error', description: 'The file is named `<kebab-case-id>.mdx`.' },
  { id: 'frontmatter-missing', severity: 'error', description: 'The file starts with a `---` fenced YAML block.' },
  { id: 'frontmatter-yaml', severity: 'error', description: 'The frontmatter is valid YAML.' },
  { id: 'frontmatter-schema', severity: 'error', description: 'The frontmatter matches the runbook schema (each problem at its key).' },
  { id: 'unknown-area', severity: 'error', description: '`area` is an area of `taxonomy.yaml`, or `general`.' },
  { id: 'unknown-severity', severity: 'error', description: 'Every `severity` is a severity of `taxonomy.yaml`.' },
  { id: 'unknown-article', severity: 'error', description: 'Every id in `articles` is an English article.' },
  { id: 'review-overdue', severity: 'warning, then error', description: '`reviewed` is at most 180 days old (a warning for 30 more days, then an error).' },
  { id: 'mdx-syntax', severity: 'error', description: 'The body parses as MDX.' },
  { id: 'mdx-code', severity: 'error', description: 'No `import`/`export`, JS expressions, or components outside the allow-list.' },
  { id: 'secret', severity: 'error', description: 'No access key, token, password or private key in the file.' },
  { id: 'missing-section', severity: 'error', description: 'Every section is there: When to use, Prerequisites, Steps, Verification, Rollback, Escalation to L3, Customer update.' },
  { id: 'duplicate-section', severity: 'error', description: 'Each section appears once.' },
  { id: 'section-order', severity: 'error', description: 'The sections come in the order above.' },
  { id: 'missing-steps', severity: 'error', description: '`## Steps` has at least one `<Step>`.' },
  { id: 'component-placement', severity: 'error', description: '`<Step>` sits directly in `## Steps`; `<Expected>`, `<IfDifferent>`, `<Rollback>` and `<Recommend>` directly in a step.' },
  { id: 'step-attribute', severity: 'error', description: 'A step has a kebab-case `id`, a `kind` and a `title`; `<IfDifferent>` has `goto` or `escalate`; attributes are quoted strings.' },
  { id: 'step-part', severity: 'error', description: 'A step has at most one `<Expected>`, `<Rollback>` and `<Recommend>`; no `<Rollback>` in a diagnose step; no empty `<IfDifferent>`.' },
  { id: 'duplicate-step-id', severity: 'error', description: 'Step ids are unique.' },
  { id: 'missing-expected', severity: 'error', description: 'Every step says what result to expect.' },
  { id: 'missing-if-different', severity: 'error', description: 'Every step says what to do when the result differs.' },
  { id: 'unknown-step', severity: 'error', description: 'Every `goto` and `next` names a step of the runbook (or `end`).' },
  { id: 'unreachable-step', severity: 'error', description: 'Every step can be reached from the first one.' },
  { id: 'cycle-without-exit', severity: 'error', description: 'No cycle of steps traps a walk: one of its steps ends, escalates or leaves it.' },
  { id: 'undeclared-parameter', severity: 'error', description: 'Every `{name}` in a command, inline code or step title is declared in `parameters`.' },
  { id: 'unused-parameter', severity: 'warning', description: 'Every declared parameter is used.' },
  { id: 'change-without-rollback', severity: 'error', description: 'Every `change` step has a `<Rollback>`.' },
  { id: 'unknown-runbook', severity: 'error', description: 'Every id in an article\'s `runbooks` names a runbook (`validateArticleRunbooks`).' },
];

/** Every rule `validateRunbookFile` (and `validateArticleRunbooks`) can report, in the order of the README. */
export const runbookRules: readonly RunbookRule[] = rules.map((rule) => ({ ...rule, url: ruleUrl(rule.id) }));
