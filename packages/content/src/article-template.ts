import type { Locale } from './locales.ts';

/** What a new article starts from. */
export interface ArticleTemplateInput {
  title: string;
  description: string;
  product: string;
  area: string;
  /** Exact error messages or codes; each is quoted in the Symptoms section so the file passes `kb check`. */
  errors: string[];
  owner: string;
  locale?: Locale;
  /** `YYYY-MM-DD`, for `updated` and `reviewed`. */
  today: string;
}

/** A kebab-case slug from a title: ASCII letters and digits, at most 60 characters, cut at a word. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => !['how', 'do', 'i', 'the', 'a', 'an', 'to', 'my', 'when', 'with', 'does', 'why', 'what'].includes(word));
  let slug = '';
  for (const word of words) {
    if ((slug ? `${slug}-${word}` : word).length > 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || 'article';
}

// JSON strings are valid YAML scalars: quoting this way is always safe.
const yamlString = (value: string) => JSON.stringify(value);

/** The MDX source of a new `wip` article with the KCS sections to fill in. */
export function articleTemplate(input: ArticleTemplateInput): string {
  const errors = input.errors.length > 0 ? `errors:\n${input.errors.map((error) => `  - ${yamlString(error)}`).join('\n')}` : 'errors: []';
  const quoted = input.errors.length > 0 ? `\n\n\`\`\`text\n${input.errors.join('\n')}\n\`\`\`` : '';
  return `---
title: ${yamlString(input.title)}
description: ${yamlString(input.description)}
product: ${input.product}
area: ${input.area}
${errors}
symptoms: []
state: wip
visibility: public
locale: ${input.locale ?? 'en'}
updated: ${input.today}
reviewed: ${input.today}
owner: ${yamlString(input.owner)}
related: []
runbooks: []
---

## Short description

Describe the problem in one or two sentences, and its usual cause.

## Symptoms

What the customer sees, with the exact error message:${quoted}

## Cause

Why it happens. Use \`### Cause 1: …\` headings when there is more than one cause.

## Resolution

1. The first step, with the exact command in a code block and what the customer sees when it worked.

## Related information

- Links to related articles, as \`[Title](/articles/<product>/<slug>/)\`.
`;
}
