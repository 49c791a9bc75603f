import { emptyAssociations, learnAssociations, type AssociationOptions, type Associations } from './associations.ts';
import type { IndexDocument } from './document.ts';
import { buildOverlap, type OverlapData } from './rerank-overlap.ts';
import { extractSignatures, SIGNATURE_PREFIX } from './signatures.ts';
import { tokenize } from './tokenize.ts';

// Isomorphic: builds the in-memory index the ranker reads. Field weights are applied here (BM25F), so a posting is a
// single precomputed impact and ranking a case is one pass over its terms' postings.

/** Separates the title's terms from the alternative title's in `CaseIndex.titleTerms`. */
export const TITLE_BREAK = 0xffff_ffff;

/** The fields of a document, in the order the index stores them. */
export const fieldNames = ['title', 'summary', 'symptoms', 'errors', 'headings', 'slug', 'body'] as const;
/** One field of a document. */
export type FieldName = (typeof fieldNames)[number];

/** Weight and length normalisation of one field. */
export interface FieldParams {
  /** How much one occurrence in this field counts, relative to the body. */
  weight: number;
  /** BM25 length normalisation, 0 (none) to 1 (full). */
  b: number;
}

/** Scoring parameters, fixed when the index is built. */
export interface IndexParams {
  /** BM25 term-frequency saturation. Default 1.2. */
  k1: number;
  fields: Record<FieldName, FieldParams>;
}

/** Default BM25F parameters: a word in the title or in the quoted errors says far more than one in the body. */
export const defaultIndexParams: IndexParams = {
  k1: 1.2,
  fields: {
    title: { weight: 4, b: 0.4 },
    summary: { weight: 2, b: 0.5 },
    symptoms: { weight: 2, b: 0.75 },
    errors: { weight: 3, b: 0.3 },
    headings: { weight: 1.5, b: 0.5 },
    slug: { weight: 3, b: 0.3 },
    body: { weight: 1, b: 0.75 },
  },
};

/** Fields of a document the index keeps besides id, kind, path and title: everything but the text. */
const storedFields = ['description', 'product', 'area', 'locale', 'version', 'visibility', 'state', 'updated'] as const;

/** What the index keeps of a document. */
export type StoredDocument = Pick<IndexDocument, 'id' | 'kind' | 'path' | 'title' | (typeof storedFields)[number]>;

/** Per term: the documents whose linked cases use it and how strongly (1…255, saturating with the number of cases). */
export interface LinkedPostings {
  terms: Map<string, { docs: Uint32Array; impacts: Uint8Array }>;
  /** Linked cases learned from. */
  cases: number;
  /** Ids of the cases learned from (those that have one). */
  caseIds?: ReadonlySet<string>;
  /** The index without the overlay: what a case learned from is ranked with. */
  base?: CaseIndex;
}

/** The in-memory index: documents, vocabulary and impact-ordered postings. Build with {@link buildIndex}. */
export interface CaseIndex {
  params: IndexParams;
  docs: StoredDocument[];
  /** Term of each term number. */
  terms: string[];
  /** Term number of each term. */
  termIds: Map<string, number>;
  /** Inverse document frequency of each term number. */
  idf: Float32Array;
  /** Postings of term `t` are `postingDocs[offsets[t]..offsets[t+1]]`, in document order. */
  offsets: Uint32Array;
  postingDocs: Uint32Array;
  /** BM25F impact of each posting, quantised to 1…255. */
  impacts: Uint8Array;
  /**
   * Title terms of document `d` are `titleTerms[titleOffsets[d]..titleOffsets[d+1]]`: the title's distinct terms, then
   * {@link TITLE_BREAK} and the alternative title's. Joined compounds are left out, their parts are in.
   */
  titleOffsets: Uint32Array;
  titleTerms: Uint32Array;
  /**
   * Related terms of each term, learned from the documents (query expansion). Optional: an index rebuilt from a few
   * terms (a browser shard) may carry none, and then ranks without expansion.
   */
  related?: Associations;
  /** Words of the cases engineers linked to each document (the ledger), when learned: see `withLinkedCases`. */
  linked?: LinkedPostings;
  /** Plain (unstemmed) words of each document, for the overlap rerank (`rank`'s `overlapWeight`); absent in browser shards. */
  overlap?: OverlapData;
}

/** Options of {@link buildIndex}. */
export interface BuildIndexOptions {
  /** Overrides of the scoring parameters. */
  params?: Partial<Omit<IndexParams, 'fields'>> & { fields?: Partial<Record<FieldName, FieldParams>> };
  /** How related terms are learned, or `false` to learn none. */
  associations?: AssociationOptions | false;
  /** Keep each document's plain words for the overlap rerank. Default true. */
  overlap?: boolean;
  /**
   * Keeps each document's terms between builds (the caller stores them, by the texts they come from): a document
   * whose field texts are unchanged is not tokenized again. The index is the same with or without it.
   */
  tokens?: TokenCache<DocumentTokens>;
}

/** Values kept by the text they were computed from; `key` is that text (the cache may hash it). */
export interface TokenCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/** What indexing one document found, in the order it found it: enough to index it again without tokenizing. */
export interface DocumentTokens {
  /** Distinct terms (signatures included), in order of first occurrence. */
  terms: string[];
  /**
   * Count of each term in each field: `counts[slot * fieldNames.length + field]`. A cache may hand it back as a
   * Float32Array, which the index then keeps as it is (no copy) and never writes to.
   */
  counts: readonly number[] | Float32Array;
  /** Tokens per field. */
  lengths: number[];
  /** Words in reading order, as slots of `terms`, for learning associations. */
  sequence: readonly number[] | Uint32Array;
  /** Words of the title and of the alternative title, when there is one (compounds left out), in order. */
  titles: string[][];
}

/** Terms worth relating to others: words of three letters or more (not codes, numbers or signatures). */
const WORD = /^\p{L}{3,}$/u;

/** Path words, with dash-written codes restored: `fix-error-code-5-7-57` reads as `5.7.57`, `http-403-14` as `403.14`. */
export function slugText(path: string): string {
  return path
    .replace(/\.(?:md|mdx|markdown)$/i, '')
    .replace(/(?<![\w])([245])-(\d)-(\d{1,3})(?![\w])/g, '$1.$2.$3')
    .replace(/(?<![\w])([1-5]\d\d)-(\d{1,2})(?![\w-])/g, '$1.$2')
    .replace(/[/_-]+/g, ' ');
}

/** The text of each field of a document. */
export function fieldTexts(document: IndexDocument): Record<FieldName, string> {
  return {
    title: document.title,
    summary: [document.description ?? '', ...(document.symptoms ?? [])].join('\n'),
    symptoms: document.symptomText ?? '',
    errors: (document.errors ?? []).join('\n'),
    headings: [document.altTitle ?? '', ...(document.headings ?? [])].join('\n'),
    slug: slugText(document.path),
    body: document.body,
  };
}

/** What the index keeps of a document. */
export function storedDocument(document: IndexDocument): StoredDocument {
  const stored: StoredDocument = { id: document.id, kind: document.kind, path: document.path, title: document.title };
  for (const key of storedFields) {
    const value = document[key];
    if (value !== undefined) stored[key] = value;
  }
  return stored;
}

/** BM25 inverse document frequency, always positive. */
export function bm25Idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

function mergeParams(overrides: BuildIndexOptions['params']): IndexParams {
  return {
    k1: overrides?.k1 ?? defaultIndexParams.k1,
    fields: { ...defaultIndexParams.fields, ...overrides?.fields } as Record<FieldName, FieldParams>,
  };
}

/** Indexes documents for {@link rank}. Pure and synchronous; about 1 ms per article. */
export function buildIndex(documents: readonly IndexDocument[], options: BuildIndexOptions = {}): CaseIndex {
  const params = mergeParams(options.params);
  const fieldCount = fieldNames.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const lengths = fieldNames.map(() => new Float64Array(documents.length));
  // Per document: its distinct term numbers and, per term, the count in each field.
  const perDocTerms: Uint32Array[] = [];
  const perDocCounts: Float32Array[] = [];
  const perDocTitle: number[][] = [];
  // Per document: its words in reading order (no codes, no joined compounds), to learn which words go together.
  const learn = options.associations !== false;
  const sequences: Uint32Array[] = [];
  const sequence: number[] = [];

  // Slot of each term in the current document (-1: not yet seen); a typed array is much faster than a Map here.
  let slotOf = new Int32Array(1 << 16).fill(-1);
  /** The number of a term, numbering it when it is new. */
  const termId = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
      if (id >= slotOf.length) {
        const grown = new Int32Array(slotOf.length * 2).fill(-1);
        grown.set(slotOf);
        slotOf = grown;
      }
    }
    return id;
  };
  documents.forEach((document, docIndex) => {
    const docTerms: number[] = [];
    const counts: number[] = [];
    const texts = fieldTexts(document);
    sequence.length = 0;
    const cacheKey = options.tokens ? JSON.stringify([learn, fieldNames.map((name) => texts[name]), document.title, document.altTitle ?? null]) : '';
    const cached = options.tokens?.get(cacheKey);
    if (cached) {
      // The same terms in the same order as tokenizing would give: term numbers come out as in a build without cache.
      for (const term of cached.terms) docTerms.push(termId(term));
      cached.lengths.forEach((length, field) => (lengths[field]![docIndex] = length));
      // As above: a title word counts once it is a known term (every word of the title is one of the document's).
      const known = (words: string[]) => [...new Set(words.map((word) => termIds.get(word)).filter((id) => id !== undefined))];
      perDocTitle.push(cached.titles.flatMap((words, which) => [...(which > 0 ? [TITLE_BREAK] : []), ...known(words)]));
      perDocTerms.push(Uint32Array.from(docTerms));
      perDocCounts.push(cached.counts instanceof Float32Array ? cached.counts : Float32Array.from(cached.counts));
      if (learn) {
        const words = new Uint32Array(cached.sequence.length);
        for (let position = 0; position < words.length; position++) words[position] = docTerms[cached.sequence[position]!]!;
        sequences.push(words);
      }
      return;
    }
    const add = (term: string, field: number) => {
      const id = termId(term);
      let slot = slotOf[id]!;
      if (slot === -1) {
        slot = docTerms.length;
        slotOf[id] = slot;
        docTerms.push(id);
        for (let f = 0; f < fieldCount; f++) counts.push(0);
      }
      counts[slot * fieldCount + field]! += 1;
      return id;
    };
    fieldNames.forEach((name, field) => {
      const value = texts[name];
      if (!value) return;
      let length = 0;
      const inSequence = learn && name !== 'slug' && name !== 'errors';
      tokenize(value, (term, _surface, compound) => {
        const id = add(term, field);
        if (inSequence && !compound) sequence.push(id);
        length++;
      });
      for (const signature of extractSignatures(value)) add(SIGNATURE_PREFIX + signature.key, field);
      lengths[field]![docIndex] = length;
    });
    // The title and the first heading name the problem; the ranker checks how much of that name the case repeats.
    const titleIds: number[] = [];
    const titles: string[][] = [];
    for (const text of document.altTitle ? [document.title, document.altTitle] : [document.title]) {
      const ids = new Set<number>();
      const words = new Set<string>();
      tokenize(text, (term, _surface, compound) => {
        const id = termIds.get(term);
        if (!compound && id !== undefined) ids.add(id);
        if (!compound) words.add(term);
      });
      if (titleIds.length > 0) titleIds.push(TITLE_BREAK);
      titleIds.push(...ids);
      titles.push([...words]);
    }
    if (options.tokens) {
      options.tokens.set(cacheKey, {
        terms: docTerms.map((id) => terms[id]!),
        counts: [...counts],
        lengths: fieldNames.map((_, field) => lengths[field]![docIndex]!),
        sequence: learn ? sequence.map((id) => slotOf[id]!) : [],
        titles,
      });
    }
    for (const id of docTerms) slotOf[id] = -1;
    perDocTitle.push(titleIds);
    perDocTerms.push(Uint32Array.from(docTerms));
    perDocCounts.push(Float32Array.from(counts));
    if (learn) sequences.push(Uint32Array.from(sequence));
  });

  const averages = lengths.map((values) => Math.max(1, values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)));
  const documentFrequency = new Uint32Array(terms.length);
  for (const ids of perDocTerms) for (const id of ids) documentFrequency[id]!++;
  const offsets = new Uint32Array(terms.length + 1);
  for (let id = 0; id < terms.length; id++) offsets[id + 1] = offsets[id]! + documentFrequency[id]!;
  const postingDocs = new Uint32Array(offsets[terms.length]!);
  const impacts = new Uint8Array(postingDocs.length);
  const cursor = offsets.slice(0, terms.length);
  const weights = fieldNames.map((name) => params.fields[name].weight);
  const bs = fieldNames.map((name) => params.fields[name].b);

  for (let docIndex = 0; docIndex < documents.length; docIndex++) {
    const ids = perDocTerms[docIndex]!;
    const counts = perDocCounts[docIndex]!;
    const norms = fieldNames.map((_, field) => 1 - bs[field]! + (bs[field]! * lengths[field]![docIndex]!) / averages[field]!);
    for (let slot = 0; slot < ids.length; slot++) {
      let tf = 0;
      for (let field = 0; field < fieldCount; field++) {
        const count = counts[slot * fieldCount + field]!;
        if (count > 0) tf += (weights[field]! * count) / norms[field]!;
      }
      const impact = tf / (params.k1 + tf);
      const id = ids[slot]!;
      const position = cursor[id]!++;
      postingDocs[position] = docIndex;
      impacts[position] = Math.max(1, Math.min(255, Math.round(impact * 255)));
    }
  }
  const idf = new Float32Array(terms.length);
  for (let id = 0; id < terms.length; id++) idf[id] = bm25Idf(documents.length, documentFrequency[id]!);
  const titleOffsets = new Uint32Array(documents.length + 1);
  perDocTitle.forEach((ids, doc) => {
    titleOffsets[doc + 1] = titleOffsets[doc]! + ids.length;
  });
  const titleTerms = new Uint32Array(titleOffsets[documents.length]!);
  perDocTitle.forEach((ids, doc) => titleTerms.set(ids, titleOffsets[doc]!));
  const related = learn
    ? learnAssociations(sequences, documentFrequency, (id) => WORD.test(terms[id]!), options.associations || {})
    : emptyAssociations(terms.length);
  const overlap = options.overlap === false ? undefined : buildOverlap(documents);
  return { params, docs: documents.map(storedDocument), terms, termIds, idf, offsets, postingDocs, impacts, titleOffsets, titleTerms, related, ...(overlap ? { overlap } : {}) };
}
