import { stemmer as stem } from 'stemmer';
import { stopwords } from './_stopwords.ts';

// Isomorphic: the browser's case form tokenizes with this module, so it must not import anything from `node:`.

/** A word with inner separators stays one token first: `5.7.57`, `System.Net.Mail.SmtpException`, `ERR_CONNECTION_RESET`. */
const COMPOUND = /[\p{L}\p{N}]+(?:[._:'’-][\p{L}\p{N}]+)*/gu;
const SEPARATOR = /[._:'’-]/;
/** GUIDs, dates and times: unique per case, never what two reports or an article share. */
const NOISE_COMPOUND = /^(?:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|\d{4}-\d\d-\d\d(?:t\d.*)?|\d{1,2}:\d\d(?::\d\d)?(?:[.:]\d+)?|\d{1,2}[-.]\d{1,2}[-.]\d{4})$/i;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CAMEL_BOUNDARY = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;
const CJK_STOPWORDS: ReadonlySet<string> = new Set(
  '的 了 是 在 和 與 与 或 我 我們 我们 你 您 他 她 它 這 这 那 也 就 都 及 以 於 于 為 为 被 把 到 個 个 請 请 嗎 吗 呢 吧 啊 如下 一個 一个'.split(' '),
);

/** Whether a separated token is an identifier or code rather than prose (`load-balancer`, `e.g`). Mirrors `@nimbus/content`. */
export function isCodeLike(token: string): boolean {
  return /\d/.test(token) || token.includes('_') || /[a-z][A-Z]|[A-Z]{2}/.test(token) || /\.[A-Z]/.test(token);
}

/** The joined form of a code: lower case, separators removed. @example joinCode("5.7.57") === "5757" */
export function joinCode(token: string): string {
  return token.replace(/[._:'’-]/g, '').toLowerCase();
}

/**
 * Whether a lower-case term is an id rather than a word: GUID parts, hex ids, long numbers, timestamps.
 * Such terms never repeat across documents and only crowd out the words that do.
 */
export function isNoiseTerm(term: string): boolean {
  const length = term.length;
  if (length > 40) return true;
  if (length >= 7 && /^\d+$/.test(term)) return true;
  if (length >= 8 && !term.startsWith('0x') && /^[0-9a-f]+$/.test(term) && /\d/.test(term) && /[a-f]/.test(term)) return true;
  // Machine names and resource ids: long letter–digit mixes with many digits (`vmss00000m`, `i0abc4f2e9d81c7a53`).
  if (length >= 10 && /\d.*\d.*\d.*\d/.test(term) && /[a-z]/.test(term) && !/^(?:0x|aadsts)/.test(term)) {
    const digits = term.replace(/\D/g, '').length;
    if (digits >= 4 && digits / length > 0.3) return true;
  }
  return false;
}

/**
 * Receives an index term, the text it came from (for evidence an engineer can read), and whether the term is the
 * joined whole of a compound whose parts are emitted too (`smtpexception` beside `smtp` and `except`).
 */
export type Emit = (term: string, surface: string, compound: boolean) => void;

const stemCache = new Map<string, string>();
function cachedStem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size > 200_000) stemCache.clear();
    stemmed = stem(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

// "Can't", "cannot", "unable" and "couldn't" open half of all support titles; they are one word to the index.
const NEGATIONS: ReadonlySet<string> = new Set(['cannot', "can't", 'can’t', 'cant', 'unable', "couldn't", 'couldn’t', 'couldnt']);

/** Normalises one plain word (no separators, no CJK) and emits it; English words are stemmed. */
function emitWord(word: string, emit: Emit): void {
  if (word.length < 2) return;
  const lower = word.toLowerCase();
  if (NEGATIONS.has(lower)) return emit('cannot', word, false);
  if (stopwords.has(lower) || isNoiseTerm(lower)) return;
  if (/^[a-z]+$/.test(lower)) emit(cachedStem(lower), word, false);
  else emit(lower, word, false);
}

let segmenter: Intl.Segmenter | null | undefined;
function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-Hant', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

/** Chinese and Japanese have no spaces: words come from `Intl.Segmenter`, or character bigrams where it is missing. */
function emitCjk(run: string, emit: Emit): void {
  const words = getSegmenter();
  if (words) {
    for (const { segment, isWordLike } of words.segment(run)) {
      if (isWordLike && !CJK_STOPWORDS.has(segment)) emit(segment, segment, false);
    }
    return;
  }
  const chars = [...run];
  if (chars.length === 1) emit(run, run, false);
  for (let index = 0; index + 1 < chars.length; index++) {
    const bigram = `${chars[index]}${chars[index + 1]}`;
    emit(bigram, bigram, false);
  }
}

/** Whether `text` may hold CJK characters: a cheap code-unit scan before the Unicode regex. */
function mayHaveCjk(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0x2e80) return HAS_CJK.test(text);
  return false;
}

function emitPart(part: string, emit: Emit): void {
  if (mayHaveCjk(part)) {
    let last = 0;
    for (const match of part.matchAll(CJK_RUN)) {
      if (match.index > last) emitPart(part.slice(last, match.index), emit);
      emitCjk(match[0], emit);
      last = match.index + match[0].length;
    }
    if (last < part.length) emitPart(part.slice(last), emit);
    return;
  }
  // `SmtpException` is found as itself and as "smtp exception", the way articles spell it in prose.
  if (part.length > 3 && /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(part) && !/^0x[0-9a-f]+$/i.test(part)) {
    const lower = part.toLowerCase();
    if (!isNoiseTerm(lower)) emit(lower, part, true);
    for (const piece of part.split(CAMEL_BOUNDARY)) emitWord(piece, emit);
    return;
  }
  emitWord(part, emit);
}

function analyzeToken(token: string, emit: Emit): void {
  if (SEPARATOR.test(token)) {
    if (NOISE_COMPOUND.test(token)) return;
    if (NEGATIONS.has(token.toLowerCase())) return emit('cannot', token, false);
    if (isCodeLike(token)) {
      const joined = joinCode(token);
      if (!isNoiseTerm(joined)) emit(joined, token, true);
    }
    for (const part of token.split(SEPARATOR)) if (part) emitPart(part, emit);
  } else {
    emitPart(token, emit);
  }
}

/**
 * One token of a text, analysed once and cached: its index terms as (term, surface, compound) triples with the
 * {@link termKey} of each term, and a slot for what the query derives from the same token (the vocabulary's phrase
 * words), so a case is scanned and looked up once.
 */
export interface TokenAnalysis {
  token: string;
  terms: Array<string | boolean>;
  /** The key of each term of `terms` (one per triple). */
  keys: number[];
  /** Filled by the query's vocabulary pass (see `tokenWords` in synonyms.ts); opaque here. */
  words?: unknown;
}

// Term keys: every term the tokenizer emits gets a small number, the same for the same term within one generation, so
// the query and the ranker count and find terms in arrays instead of string maps. The numbering is bounded: past
// MAX_TERM_KEYS it starts over at the next query (see `startTermKeys`), and keys of an older generation are not used.
const keyOf = new Map<string, number>();
let keyGeneration = 1;
const MAX_TERM_KEYS = 1 << 18;

/** The key of a term in the current generation (see {@link termKeyGeneration}). */
export function termKey(term: string): number {
  let key = keyOf.get(term);
  if (key === undefined) {
    key = keyOf.size;
    keyOf.set(term, key);
  }
  return key;
}

/** The current generation of term keys: a key is only meaningful with the generation it was made in. */
export function termKeyGeneration(): number {
  return keyGeneration;
}

/** Starts a new generation when the keys outgrew their bound; call before a query's keys are made, never during. */
export function startTermKeys(): number {
  if (keyOf.size >= MAX_TERM_KEYS) {
    keyOf.clear();
    tokenCache.clear();
    keyGeneration++;
  }
  return keyGeneration;
}

// Words repeat: most tokens of a corpus were analysed before, so their terms come from this cache.
const tokenCache = new Map<string, TokenAnalysis>();

/** The cached analysis of one token (a match of the compound pattern). */
function analysis(token: string): TokenAnalysis {
  let analysed = tokenCache.get(token);
  if (analysed === undefined) {
    const terms: Array<string | boolean> = [];
    const keys: number[] = [];
    analyzeToken(token, (term, surface, compound) => {
      terms.push(term, surface, compound);
      keys.push(termKey(term));
    });
    analysed = { token, terms, keys };
    if (tokenCache.size > 100_000) tokenCache.clear();
    if (token.length <= 64) tokenCache.set(token, analysed);
  }
  return analysed;
}

/** Calls `visit` with the analysis of every token of `text`, in order: one scan of the text serves every pass over it. */
export function forEachToken(text: string, visit: (analysed: TokenAnalysis) => void): void {
  COMPOUND.lastIndex = 0;
  for (let match = COMPOUND.exec(text); match; match = COMPOUND.exec(text)) {
    const next = COMPOUND.lastIndex;
    visit(analysis(match[0]));
    // `visit` may tokenize other text with the same pattern.
    COMPOUND.lastIndex = next;
  }
}

/** Calls `emit` with every index term of `text`, in order. Terms repeat as often as they occur. */
export function tokenize(text: string, emit: Emit): void {
  COMPOUND.lastIndex = 0;
  for (let match = COMPOUND.exec(text); match; match = COMPOUND.exec(text)) {
    const { terms } = analysis(match[0]);
    for (let index = 0; index < terms.length; index += 3) {
      emit(terms[index] as string, terms[index + 1] as string, terms[index + 2] as boolean);
    }
  }
}

/**
 * Splits a closed compound the index does not know into two words it does (`fileshare` → `file`, `share`;
 * `username` → `user`, `name`). Returns the two index terms, or `undefined`.
 */
export function splitCompound(word: string, known: (term: string) => boolean): [string, string] | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 7 || !/^[a-z]+$/.test(lower)) return undefined;
  let best: [string, string] | undefined;
  let bestShorter = 0;
  for (let cut = 3; cut <= lower.length - 3; cut++) {
    const left = lower.slice(0, cut);
    const right = lower.slice(cut);
    if (stopwords.has(left) || stopwords.has(right)) continue;
    const a = cachedStem(left);
    const b = cachedStem(right);
    const shorter = Math.min(left.length, right.length);
    if (shorter > bestShorter && known(a) && known(b)) {
      best = [a, b];
      bestShorter = shorter;
    }
  }
  return best;
}

/** The index terms of `text` as an array. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  tokenize(text, (term) => {
    out.push(term);
  });
  return out;
}
