import { redact } from '@nimbus/redact';
import { parameterMatcher, type RunbookParameter } from './runbook-schema.ts';

/** A `{name}` placeholder: braces around a camelCase name, nothing else, not after `$` (so `{a: b}` in a query and `${var}` in a shell are not one). */
export const PLACEHOLDER = /(?<!\$)\{([a-z][A-Za-z0-9]*)\}/g;

/** Names of the placeholders in `text`, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** `text` with every `{name}` that has a value replaced by it; placeholders without a value stay as they are. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) && values[name] !== '' ? values[name]! : whole));
}

/** Why `value` is not acceptable for `parameter`, or `undefined` when it is. The value is shown redacted: it may be a pasted secret. */
export function checkParameterValue(parameter: RunbookParameter, value: string): string | undefined {
  if (value === '') return `Missing value for \`${parameter.name}\` (${parameter.description}), e.g. \`${parameter.example}\``;
  if (!parameterMatcher(parameter.pattern).test(value)) {
    return `Unexpected \`${redact(value).text}\` for \`${parameter.name}\`, expected a value matching \`${parameter.pattern}\`, e.g. \`${parameter.example}\``;
  }
  return undefined;
}
