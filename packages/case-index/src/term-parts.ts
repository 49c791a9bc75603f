import { tokens } from './tokenize.ts';

// Isomorphic. A query word no article uses may still be two words articles do use: a product glued to its version
// ("Framework3.5" → framework, 35; "SQL2014" → sql, 2014) or a number glued to a name ("3proxy" → proxy).

/**
 * The index terms of the letter and digit runs of a term that mixes both (`framework35` → framework, 35), or none:
 * hexadecimal codes (`0x80070005`) and words without a digit are not split.
 */
export function letterDigitParts(term: string): string[] {
  if (term.length > 24 || !/^[a-z0-9]+$/.test(term) || !/\d/.test(term) || !/[a-z]/.test(term) || /^0x/.test(term)) return [];
  const runs = term.match(/[a-z]+|\d+/g)!;
  return runs.flatMap((run) => tokens(run));
}
