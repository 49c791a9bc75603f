// Isomorphic: the excerpt under a result — the document's own words around what the query matched, every character
// escaped, the matched words in <mark>. Index-only forms (joined codes, stems) are never shown: only the text is.

import { tokens } from '@nimbus/case-index/core';

/** Escapes text for HTML, quotes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Codes stay one word (`ERR_CONNECTION_RESET`, `System.Net.Mail`, `5.7.57`), so a match marks the code as written.
const TOKEN = /[\p{L}\p{N}]+(?:(?:[._:'’-]|_+)[\p{L}\p{N}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
let segmenter: Intl.Segmenter | null | undefined;

interface Span {
  start: number;
  end: number;
  /** Query terms this word stands for. */
  matched: string[];
}

/** Words of `text` with their offsets; Chinese runs are cut into words so a match marks a word, not a sentence. */
function words(text: string, queryTerms: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  const add = (start: number, word: string) => {
    const matched = tokens(word).filter((term) => queryTerms.has(term));
    spans.push({ start, end: start + word.length, matched });
  };
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    if (CJK.test(word)) {
      segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-Hant', { granularity: 'word' }) : null;
      if (segmenter) {
        for (const { segment, index, isWordLike } of segmenter.segment(word)) if (isWordLike) add(match.index + index, segment);
        continue;
      }
    }
    add(match.index, word);
  }
  return spans;
}

/**
 * The best `size`-word window of `text` for the query's terms (most distinct terms, then most matches), as HTML.
 * Without any match, the opening words.
 */
export function excerptHtml(text: string, queryTerms: ReadonlySet<string>, size = 28): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const spans = words(flat, queryTerms);
  if (spans.length === 0) return escapeHtml(flat.slice(0, 200));
  let bestStart = 0;
  let bestScore = -1;
  for (let start = 0; start < spans.length; start++) {
    if (start > 0 && spans[start]!.matched.length === 0) continue;
    const distinct = new Set<string>();
    let hits = 0;
    for (let position = start; position < Math.min(spans.length, start + size); position++) {
      for (const term of spans[position]!.matched) distinct.add(term);
      if (spans[position]!.matched.length > 0) hits++;
    }
    const score = distinct.size * 100 + hits;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  // Start a few words before the first match, so it reads in context.
  const first = Math.max(0, bestScore > 0 ? bestStart - 4 : 0);
  const last = Math.min(spans.length, first + size) - 1;
  let html = first > 0 ? '… ' : '';
  let cursor = spans[first]!.start;
  for (let position = first; position <= last; position++) {
    const span = spans[position]!;
    html += escapeHtml(flat.slice(cursor, span.start));
    const word = escapeHtml(flat.slice(span.start, span.end));
    html += span.matched.length > 0 ? `<mark>${word}</mark>` : word;
    cursor = span.end;
  }
  // Closing punctuation of the last word stays; the rest is cut.
  const tail = /^[^\p{L}\p{N}\s]*/u.exec(flat.slice(cursor))?.[0] ?? '';
  html += escapeHtml(tail);
  if (spans[last]!.end + tail.length < flat.length) html += ' …';
  return html;
}
