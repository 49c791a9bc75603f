// The rule catalog of `kb check`: the content rules of @nimbus/content and the runbook rules of @nimbus/runbooks,
// each with the url of its entry in CONTRIBUTING.md, printed where remark-lint prints a rule's url.
import { contentRules, RULES_DOCUMENT, type RuleEntry } from '@nimbus/content';
import { runbookRules } from '@nimbus/runbooks';

/** Every rule id `kb check` can report, once each (runbooks share some ids with articles), content rules first. */
export const checkRules: readonly RuleEntry[] = [...contentRules, ...runbookRules.filter((rule) => !contentRules.some((entry) => entry.id === rule.id))].map(({ id, description, url }) => ({ id, description, url }));

const urls = new Map(checkRules.map((rule) => [rule.id, rule.url]));

/** The documentation of a rule id, or `undefined` for one the catalog does not know. */
export function ruleUrlOf(ruleId: string | undefined): string | undefined {
  return ruleId === undefined ? undefined : urls.get(ruleId);
}

/** One line for the help of `kb check` and `kb runbook --check`: where the rule ids are explained. */
export const RULES_HELP = `rule ids are explained in ${RULES_DOCUMENT}#rule-<id>`;
