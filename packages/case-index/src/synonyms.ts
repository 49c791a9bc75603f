import { stemmer as stem } from 'stemmer';
import { tokenize, type TokenAnalysis } from './tokenize.ts';

// Isomorphic. Customers and articles name the same thing differently ("vm" / "virtual machine" / "instance",
// "can't connect" / "timed out", 磁碟空間不足 / "disk full"). The vocabulary L3 reviews in content/vocabulary.yaml is
// compiled here into a table of analysed phrases, so a query phrase matches however it is inflected or segmented.

/** The vocabulary as its file states it (see `@nimbus/content`'s `validateVocabulary`). */
export interface VocabularySource {
  /** Phrases that mean the same, in any language: each one finds the others. */
  synonyms?: ReadonlyArray<readonly string[]>;
  /** What customers say (`say`) for what articles write (`means`): one way only. */
  phrasings?: ReadonlyArray<{ say: readonly string[]; means: readonly string[] }>;
  /** Words that carry nothing in a query (`wont`, `doesnt`, 請問), per locale or all together. */
  stopwords?: readonly string[] | Readonly<Record<string, readonly string[]>>;
}

/** A compiled vocabulary: plain JSON, so the browser receives it as is. */
export interface SynonymTable {
  /** Phrase as {@link phraseWords} (joined by a space) → the index terms of the phrases it expands to. */
  phrases: Record<string, string[]>;
  /** Longest phrase, in terms. */
  maxLength: number;
  /** Analysed terms never searched. */
  stop: string[];
}

/** The index terms of a phrase in order, joined compounds left out (their parts are kept). */
export function phraseTerms(text: string): string[] {
  const out: string[] = [];
  tokenize(text, (term, _surface, compound) => {
    if (!compound) out.push(term);
  });
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
let segmenter: Intl.Segmenter | null | undefined;

/**
 * The words of a phrase as vocabulary keys: lower case, apostrophes dropped, English stemmed, Chinese segmented. Unlike
 * index terms they keep function words and negations, so "won't boot" is a phrase of its own and not just "boot".
 */
export function phraseWords(text: string): Array<{ word: string; surface: string }> {
  const out: Array<{ word: string; surface: string }> = [];
  for (const [token] of text.matchAll(WORD)) {
    if (CJK.test(token)) {
      segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-Hant', { granularity: 'word' }) : null;
      if (!segmenter) {
        out.push({ word: token, surface: token });
        continue;
      }
      for (const { segment, isWordLike } of segmenter.segment(token)) if (isWordLike) out.push({ word: segment.toLowerCase(), surface: segment });
      continue;
    }
    const lower = token.toLowerCase().replace(/['’]/g, '');
    out.push({ word: /^[a-z]+$/.test(lower) ? stem(lower) : lower, surface: token });
  }
  return out;
}

/** Compiles the vocabulary's phrases into a {@link SynonymTable}; phrases that analyse to nothing are left out. */
export function compileSynonyms(source: VocabularySource): SynonymTable {
  const phrases = new Map<string, Set<string>>();
  let maxLength = 1;
  const link = (from: readonly string[], to: readonly string[]) => {
    for (const phrase of from) {
      const key = phraseWords(phrase).map((entry) => entry.word).join(' ');
      const own = phraseTerms(phrase).join(' ');
      if (!key) continue;
      maxLength = Math.max(maxLength, key.split(' ').length);
      let targets = phrases.get(key);
      if (!targets) phrases.set(key, (targets = new Set()));
      for (const other of to) {
        const value = phraseTerms(other).join(' ');
        if (value && value !== own) targets.add(value);
      }
    }
  };
  for (const group of source.synonyms ?? []) link(group, group);
  for (const { say, means } of source.phrasings ?? []) link(say, means);
  const stopSource = source.stopwords ?? [];
  const stopWords = Array.isArray(stopSource) ? stopSource : Object.values(stopSource as Record<string, readonly string[]>).flat();
  const stop = [...new Set(stopWords.flatMap((word) => phraseTerms(word)))];
  return {
    phrases: Object.fromEntries([...phrases].filter(([, targets]) => targets.size > 0).map(([key, targets]) => [key, [...targets]])),
    maxLength,
    stop,
  };
}

/** A term the vocabulary adds to a query. */
export interface SynonymTerm {
  term: string;
  /** The phrase of the query it stands for, as the query wrote it. */
  surface: string;
  /** Index terms of that phrase (none for a phrase of stop words only): the expansion weighs as much as the weakest. */
  from: string[];
  /** Terms of the expansion phrase this term belongs to: a phrase of two words counts as much as a phrase of one. */
  share: number;
}

/** A table's phrases by key, and the longest phrase (in words) each first word begins: most words begin none. */
interface PhraseLookup {
  /** Key → the terms of each expansion phrase. */
  phrases: Map<string, string[][]>;
  longestFrom: Map<string, number>;
}
const lookups = new WeakMap<SynonymTable, PhraseLookup>();
function lookupOf(table: SynonymTable): PhraseLookup {
  let lookup = lookups.get(table);
  if (!lookup) {
    lookup = { phrases: new Map(), longestFrom: new Map() };
    for (const key of Object.keys(table.phrases)) {
      lookup.phrases.set(key, table.phrases[key]!.map((expansion) => expansion.split(' ')));
      // Words never hold a space (see phraseWords), so a key's first word is what comes before its first space.
      const words = key.split(' ');
      lookup.longestFrom.set(words[0]!, Math.max(lookup.longestFrom.get(words[0]!) ?? 0, words.length));
    }
    lookups.set(table, lookup);
  }
  return lookup;
}

/** A word of a line, with the longest phrase it begins in the table last asked about (one table in practice). */
export interface LineWord {
  word: string;
  surface: string;
  table?: SynonymTable;
  longest?: number | undefined;
}

// Lines repeat words: the analysed words of a token are remembered (bounded), as the tokenizer does for its terms.
const wordCache = new Map<string, LineWord[]>();
function cachedPhraseWords(token: string): LineWord[] {
  let words = wordCache.get(token);
  if (words === undefined) {
    words = phraseWords(token);
    if (wordCache.size > 100_000) wordCache.clear();
    if (token.length <= 64) wordCache.set(token, words);
  }
  return words;
}

/** {@link phraseWords} of one line, token by token through the cache. */
function lineWords(line: string): LineWord[] {
  const out: LineWord[] = [];
  for (const [token] of line.matchAll(WORD)) for (const entry of cachedPhraseWords(token)) out.push(entry);
  return out;
}

const PIECE_SEPARATOR = /[._:-]/;
/**
 * The phrase words of one tokenizer token, kept on its cached analysis. A compound token (`load-balancer`,
 * `System.Net`) is the phrase pattern's tokens joined by `.`, `_`, `:` or `-` (apostrophes belong to both patterns), so
 * the words of a line are the words of its tokens in order: the query scans a line once for both.
 */
export function tokenWords(analysed: TokenAnalysis): readonly LineWord[] {
  let words = analysed.words as LineWord[] | undefined;
  if (words === undefined) {
    words = [];
    for (const piece of analysed.token.split(PIECE_SEPARATOR)) for (const entry of phraseWords(piece)) words.push(entry);
    analysed.words = words;
  }
  return words;
}

/**
 * The terms the vocabulary adds for `text`: every phrase of the table found in the text (longest first, term by term)
 * brings the terms of its expansions. Terms of `present` are not added again.
 */
export function synonymTerms(text: string, table: SynonymTable, present: ReadonlySet<string>): SynonymTerm[] {
  return addSynonymTerms(text, table, new Set(present));
}

/** {@link synonymTerms} that adds the terms it returns to `seen` (the caller's own set, not copied). */
export function addSynonymTerms(text: string, table: SynonymTable, seen: Set<string>): SynonymTerm[] {
  return addSynonymTermsOfLines(text.split('\n').map(lineWords), table, seen);
}

/** {@link addSynonymTerms} over lines already cut into words (see {@link tokenWords}). */
export function addSynonymTermsOfLines(lines: Iterable<readonly LineWord[]>, table: SynonymTable, seen: Set<string>): SynonymTerm[] {
  const added: SynonymTerm[] = [];
  const { phrases, longestFrom } = lookupOf(table);
  for (const sequence of lines) {
    for (let start = 0; start < sequence.length; start++) {
      // Only a word that begins some phrase can begin a match: the rest are skipped without building keys.
      const first = sequence[start]!;
      if (first.table !== table) {
        first.table = table;
        first.longest = longestFrom.get(first.word);
      }
      const longest = first.longest;
      if (longest === undefined) continue;
      const maxLength = Math.min(table.maxLength, longest, sequence.length - start);
      const keys: string[] = [sequence[start]!.word];
      for (let length = 2; length <= maxLength; length++) keys.push(`${keys[length - 2]} ${sequence[start + length - 1]!.word}`);
      for (let length = maxLength; length >= 1; length--) {
        const expansions = phrases.get(keys[length - 1]!);
        if (!expansions) continue;
        // A phrase seen before (the same words on every line of a log) adds nothing: its surface is not even built.
        let from: string[] | undefined;
        let surface = '';
        for (const parts of expansions) {
          for (const term of parts) {
            if (seen.has(term)) continue;
            seen.add(term);
            if (!from) {
              const slice = sequence.slice(start, start + length);
              from = slice.flatMap((entry) => phraseTerms(entry.surface));
              surface = slice.map((entry) => entry.surface).join(' ');
            }
            added.push({ term, surface, from, share: parts.length });
          }
        }
        break;
      }
    }
  }
  return added;
}
