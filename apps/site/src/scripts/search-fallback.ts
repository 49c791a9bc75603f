import { buildQuery, tokens } from '@nimbus/case-index/core';

// When the shards find nothing, Pagefind gets a last try — but Pagefind matches word prefixes and loosens a query
// whose words it does not know, so a keyboard mash ("asdfghjkl") comes back with pages that merely hold "as". A
// fallback answer is shown only when the page holds every meaningful word of the query, read by the same analysis
// the shards use (stop words dropped, words stemmed, codes joined); otherwise the page says "no results" and offers
// the error index and the case form. Chinese words are matched as written: the browser's word segmenter may cut them
// differently from the one that built the shards, which is why such a query can reach the fallback at all.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A word a fallback answer must hold: an index term, or (Chinese, Japanese, Korean) the characters as typed. */
export interface RequiredWord {
  term: string;
  cjk: boolean;
}

/** The meaningful words of a query: what the customer wrote, without stop words, aliases or error-signature keys. */
export function requiredWords(query: string): RequiredWord[] {
  const words = new Map<string, RequiredWord>();
  for (const term of buildQuery(query, { aliases: {} }).terms) {
    if (term.expansion || term.signature) continue;
    const cjk = CJK.test(term.surface);
    const key = cjk ? term.surface : term.term;
    words.set(`${cjk}:${key}`, { term: key, cjk });
  }
  return [...words.values()];
}

/** Whether `text` (a page's whole text) holds every one of `words`; never true for a query without any. */
export function holdsEveryWord(text: string, words: readonly RequiredWord[]): boolean {
  if (words.length === 0) return false;
  const latin = words.filter((word) => !word.cjk);
  const terms = latin.length > 0 ? new Set(tokens(text)) : new Set<string>();
  return words.every((word) => (word.cjk ? text.includes(word.term) : terms.has(word.term)));
}
