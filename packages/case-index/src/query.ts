import { REDACTION_MARKER } from '@nimbus/redact';
import { extractSignatures, SIGNATURE_PREFIX, signatureStrength, type Signature } from './signatures.ts';
import { forEachToken, startTermKeys } from './tokenize.ts';
import { applySynonymsToLines } from './apply-synonyms.ts';
import { tokenWords, type LineWord, type SynonymTable } from './synonyms.ts';
import type { QueryTerm } from './query-term.ts';

export type { QueryTerm } from './query-term.ts';

// Isomorphic. A case body is a noisy query: logs, stack traces, repeated lines, ids. The query keeps every term once
// per line, weights lines by what they are, and dampens repetition, so one error line outweighs a page of stack frames.

/** The text of a case, or of anything described like one. */
export interface CaseText {
  /** The case's id, when it has one: a case the ledger learned from is ranked without the ledger (see `rank`). */
  id?: string;
  subject?: string;
  body?: string;
}

/** A case turned into weighted terms. */
export interface Query {
  terms: QueryTerm[];
  signatures: Signature[];
  /** The generation of the terms' keys; keys of another generation are ignored. */
  keyGeneration?: number;
}

/** A term of the case's own words while the query is counted. */
interface Counted {
  term: string;
  key: number;
  subject: number;
  sum: number;
  surface: string;
  /** The last line that counted the term, so a term counts once per line without a Set per line. */
  line: number;
}

// The query's terms are counted by key: the slot of each key in the query's list, valid where its stamp is the query's.
// Module state is safe here: buildQuery is synchronous and never re-entered.
let slotOfKey = new Int32Array(1 << 12);
let stampOfKey = new Uint32Array(1 << 12);
let queryStamp = 0;

function nextQueryStamp(): number {
  if (queryStamp === 0xffff_ffff) {
    stampOfKey.fill(0);
    queryStamp = 0;
  }
  return ++queryStamp;
}

function fitKeys(key: number): void {
  let size = stampOfKey.length;
  while (size <= key) size *= 2;
  const slots = new Int32Array(size);
  slots.set(slotOfKey);
  const stamps = new Uint32Array(size);
  stamps.set(stampOfKey);
  slotOfKey = slots;
  stampOfKey = stamps;
}

/** Options of {@link buildQuery}. */
export interface QueryOptions {
  /** Weight of the subject's lines relative to an ordinary body line. Default 2. */
  subjectWeight?: number;
  /** Weight of a signature term relative to a word (times the signature kind's strength). Default 2. */
  signatureWeight?: number;
  /** Characters of the body read at most; logs beyond this add nothing but time. Default 20000. */
  maxBodyLength?: number;
  /**
   * Abbreviations customers use for products, expanded to the words articles use (half weight).
   * Default {@link defaultAliases}; `{}` turns expansion off.
   */
  aliases?: Readonly<Record<string, string>>;
  /** The knowledge base's vocabulary (content/vocabulary.yaml, compiled): synonyms, customer phrasings, stop words. */
  synonyms?: SynonymTable;
}

/** Common abbreviations of cloud and platform products, lower case, with the words articles spell out. */
export const defaultAliases: Readonly<Record<string, string>> = {
  vm: 'virtual machine',
  vms: 'virtual machines',
  k8s: 'kubernetes',
  aks: 'kubernetes service',
  eks: 'kubernetes service',
  gke: 'kubernetes engine',
  rdp: 'remote desktop',
  rds: 'remote desktop services',
  ad: 'active directory',
  aad: 'azure active directory',
  adfs: 'active directory federation services',
  acr: 'container registry',
  vpc: 'virtual network',
  vnet: 'virtual network',
  lb: 'load balancer',
  nsg: 'network security group',
  sg: 'security group',
  mfa: 'multi-factor authentication',
  sso: 'single sign-on',
};

const STACK_FRAME = /^\s*(?:at\s+[\w.$`<>[\]]+[.(]|File "[^"]*", line \d+|\.\.\. \d+ more)/;
const URL_ONLY = /^\s*(?:[-*]\s*)?<?https?:\/\/\S+>?\s*$/;
const ERROR_LINE =
  /\b(?:error|errors|exception|fail|failed|failure|fatal|denied|unable|cannot|can't|couldn't|could not|refused|invalid|timed out|timeout|not found|forbidden|unauthorized|rejected|violation|unavailable)\b|错误|錯誤|失败|失敗|无法|無法|拒绝|拒絕/i;

/** A ticket form's own words: a short quoted prompt or heading ("> Describe the problem.", "### Application"). */
const FORM_PROMPT = /^\s*(?:>\s*|#{1,6}\s+)(?:\S+\s+){0,7}\S*\s*$/;
/** A form's unticked checkbox ("- [ ] feature request"): an option the customer did not choose. */
const UNCHECKED = /^\s*[-*]\s*\[\s\]/;

/** Weight of one body line by what it holds. */
export function lineWeight(line: string): number {
  if (STACK_FRAME.test(line)) return 0.1;
  if (UNCHECKED.test(line)) return 0.1;
  if (URL_ONLY.test(line)) return 0.3;
  if (ERROR_LINE.test(line)) return 1.5;
  if (FORM_PROMPT.test(line)) return 0.3;
  return 1;
}

/** Turns a case (or free text) into weighted query terms and its error signatures. */
export function buildQuery(input: string | CaseText, options: QueryOptions = {}): Query {
  const subjectWeight = options.subjectWeight ?? 2;
  const signatureWeight = options.signatureWeight ?? 2;
  const maxBodyLength = options.maxBodyLength ?? 20_000;
  // "[redacted:email]" must not make a case about e-mail.
  const subject = (typeof input === 'string' ? '' : (input.subject ?? '')).replace(REDACTION_MARKER, ' ');
  let body = typeof input === 'string' ? input : (input.body ?? '');
  if (body.length > maxBodyLength) body = body.slice(0, maxBodyLength);
  body = body.replace(REDACTION_MARKER, ' ');

  const keyGeneration = startTermKeys();
  const stamp = nextQueryStamp();
  const counted: Counted[] = [];
  // Shape → the first line of that shape.
  const seenLines = new Map<string, string>();
  // The vocabulary's words of each line, from the same scan. A line seen before word for word adds no phrase again.
  const synonyms = options.synonyms;
  const phraseLines: LineWord[][] = [];
  let repeatedLines: Set<string> | undefined;
  const wordsOf = (line: string) => {
    const words: LineWord[] = [];
    phraseLines.push(words);
    return words;
  };
  let lineNumber = 0;
  const addLine = (line: string, weight: number, isSubject: boolean) => {
    // The same log line a hundred times is one piece of evidence.
    const shape = line.replace(/\d+/g, '0').trim();
    if (shape.length === 0) return;
    const first = seenLines.get(shape);
    if (first !== undefined) {
      // Same shape, other digits ("error 404" after "error 500"): not counted again, but its phrases may be new.
      if (!synonyms || line === first) return;
      repeatedLines ??= new Set();
      if (repeatedLines.has(line)) return;
      repeatedLines.add(line);
      const words = wordsOf(line);
      forEachToken(line, (analysed) => {
        for (const word of tokenWords(analysed)) words.push(word);
      });
      return;
    }
    seenLines.set(shape, line);
    const words = synonyms ? wordsOf(line) : undefined;
    const current = ++lineNumber;
    forEachToken(line, (analysed) => {
      if (words) for (const word of tokenWords(analysed)) words.push(word);
      const found = analysed.terms;
      const keys = analysed.keys;
      for (let index = 0, k = 0; index < found.length; index += 3, k++) {
        const key = keys[k]!;
        if (key >= stampOfKey.length) fitKeys(key);
        let entry: Counted;
        if (stampOfKey[key] !== stamp) {
          stampOfKey[key] = stamp;
          slotOfKey[key] = counted.length;
          entry = { term: found[index] as string, key, subject: 0, sum: 0, surface: found[index + 1] as string, line: current };
          counted.push(entry);
        } else {
          entry = counted[slotOfKey[key]!]!;
          if (entry.line === current) continue;
          entry.line = current;
        }
        if (isSubject) entry.subject = Math.max(entry.subject, weight);
        else entry.sum += weight;
      }
    });
  };
  for (const line of subject.split('\n')) addLine(line, subjectWeight, true);
  for (const line of body.split('\n')) addLine(line, lineWeight(line), false);

  const terms: QueryTerm[] = [];
  for (const { term, key, subject: inSubject, sum, surface } of counted) {
    // Repetition in the body is damped (a log repeats itself); the subject is what the customer chose to say first.
    terms.push({ term, weight: inSubject + (sum <= 1 ? sum : 1 + Math.log(sum)), surface, key });
  }
  // "AKS" in a case, "Kubernetes Service" in the article.
  const aliases = options.aliases ?? defaultAliases;
  const present = new Set(terms.map((term) => term.term));
  // Abbreviations are short: a longer surface (lower-casing never shortens a word) is not looked up at all.
  let longestAlias = 0;
  for (const key of Object.getOwnPropertyNames(aliases)) longestAlias = Math.max(longestAlias, key.length);
  for (const term of [...terms]) {
    if (term.surface.length > longestAlias) continue;
    const key = term.surface.toLowerCase();
    // Own keys only: `constructor` in a case is a word, not Object.prototype.constructor.
    const expansion = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
    if (!expansion) continue;
    forEachToken(expansion, ({ terms: found, keys }) => {
      for (let index = 0, k = 0; index < found.length; index += 3, k++) {
        const word = found[index] as string;
        if (present.has(word)) continue;
        present.add(word);
        terms.push({ term: word, weight: 0.5 * term.weight, surface: term.surface, expansion: true, from: [term.term], key: keys[k]! });
      }
    });
  }
  if (synonyms) applySynonymsToLines(terms, phraseLines, synonyms);
  const signatures = extractSignatures(subject ? `${subject}\n${body}` : body);
  const subjectSignatures = new Set(extractSignatures(subject).map((signature) => signature.key));
  for (const signature of signatures) {
    const inSubject = subjectSignatures.has(signature.key) ? 1.5 : 1;
    terms.push({
      term: SIGNATURE_PREFIX + signature.key,
      weight: signatureWeight * signatureStrength[signature.kind] * inSubject,
      surface: signature.text,
      signature,
    });
  }
  // Whatever was added to the customer's words (aliases, the vocabulary's synonyms) is an expansion: it ranks, but it
  // is not what the customer said, so it never counts as explained. (Both mark their terms so when adding them.)
  return { terms, signatures, keyGeneration };
}
