import { decodeVarints, encodeVarints, fromBase64, toBase64 } from './_codec.ts';
import type { Associations } from './associations.ts';
import { loadOverlap, serializeOverlap, type SerializedOverlap } from './rerank-overlap.ts';
import { bm25Idf, TITLE_BREAK, type CaseIndex, type IndexParams, type StoredDocument } from './build-index.ts';

// Isomorphic. The serialised index is one JSON object whose bulky parts are base64 strings of varints: small to
// ship to a browser, and fast to load (JSON.parse sees a few long strings instead of a million numbers).

/** Name and version of the serialised format; {@link loadIndex} refuses anything else. */
export const INDEX_FORMAT = 'nimbus-case-index';
/** Bumped whenever tokenization, signatures or scoring change, so caches built by older code are not reused. */
export const INDEX_VERSION = 11;

/** The index as JSON. Write it with `JSON.stringify`, read it with {@link loadIndex}. */
export interface SerializedIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  params: IndexParams;
  docs: StoredDocument[];
  /** Terms in term-number order, joined with `\n`. */
  terms: string;
  /** Base64 varints: document frequency of each term. */
  df: string;
  /** Base64 varints: per term, the first document number, then the gaps to the next ones. */
  postings: string;
  /** Base64 bytes: the impact (1…255) of each posting. */
  impacts: string;
  /** Base64 varints: per document, its count of title entries, then each term number + 1 (0 separates the two titles). */
  titles: string;
  /** Related terms (query expansion), per term: base64 varints of each term's count, then of the related term numbers. */
  related?: { counts: string; ids: string; weights: string };
  /** Plain words of each document (the overlap rerank), when the index keeps them. */
  overlap?: SerializedOverlap;
}

/** Turns an index into its JSON form. */
export function serializeIndex(index: CaseIndex): SerializedIndex {
  const termCount = index.terms.length;
  const df = new Uint32Array(termCount);
  const gaps = new Uint32Array(index.postingDocs.length);
  for (let term = 0; term < termCount; term++) {
    const start = index.offsets[term]!;
    const end = index.offsets[term + 1]!;
    df[term] = end - start;
    let previous = 0;
    for (let position = start; position < end; position++) {
      const doc = index.postingDocs[position]!;
      gaps[position] = doc - previous;
      previous = doc;
    }
  }
  const titles: number[] = [];
  for (let doc = 0; doc < index.docs.length; doc++) {
    const start = index.titleOffsets[doc]!;
    const end = index.titleOffsets[doc + 1]!;
    titles.push(end - start);
    for (let position = start; position < end; position++) {
      const id = index.titleTerms[position]!;
      titles.push(id === TITLE_BREAK ? 0 : id + 1);
    }
  }
  return {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    params: index.params,
    docs: index.docs,
    terms: index.terms.join('\n'),
    df: toBase64(encodeVarints(df)),
    postings: toBase64(encodeVarints(gaps)),
    impacts: toBase64(index.impacts),
    titles: toBase64(encodeVarints(titles)),
    ...(index.related ? { related: serializeAssociations(index.related, termCount) } : {}),
    ...(index.overlap ? { overlap: serializeOverlap(index.overlap) } : {}),
  };
}

function serializeAssociations(related: Associations, termCount: number): NonNullable<SerializedIndex['related']> {
  const counts = Uint32Array.from({ length: termCount }, (_, term) => related.offsets[term + 1]! - related.offsets[term]!);
  return { counts: toBase64(encodeVarints(counts)), ids: toBase64(encodeVarints(related.ids)), weights: toBase64(related.weights) };
}

/** Error thrown by {@link loadIndex} for data that is not a serialised index of this version. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

function loadAssociations(data: NonNullable<SerializedIndex['related']>, termCount: number): Associations {
  const counts = decodeVarints(fromBase64(data.counts), termCount);
  const offsets = new Uint32Array(termCount + 1);
  for (let term = 0; term < termCount; term++) offsets[term + 1] = offsets[term]! + counts[term]!;
  const ids = decodeVarints(fromBase64(data.ids), offsets[termCount]!);
  for (const id of ids) if (id >= termCount) throw new IndexFormatError('Related term points past the last term');
  const weights = fromBase64(data.weights);
  if (weights.length !== ids.length) throw new IndexFormatError('Related terms and weights differ in length');
  return { offsets, ids, weights };
}

/** Rebuilds a searchable index from its JSON form (a parsed object or the JSON text). */
export function loadIndex(input: SerializedIndex | string): CaseIndex {
  const data = (typeof input === 'string' ? JSON.parse(input) : input) as Partial<SerializedIndex> | null;
  if (!data || data.format !== INDEX_FORMAT) throw new IndexFormatError(`Expected a \`${INDEX_FORMAT}\` index`);
  if (data.version !== INDEX_VERSION) {
    throw new IndexFormatError(`Expected index version ${INDEX_VERSION}, got ${String(data.version)}: rebuild the index`);
  }
  const docs = data.docs ?? [];
  const terms = data.terms ? data.terms.split('\n') : [];
  const termCount = terms.length;
  const df = decodeVarints(fromBase64(data.df ?? ''), termCount);
  const offsets = new Uint32Array(termCount + 1);
  for (let term = 0; term < termCount; term++) offsets[term + 1] = offsets[term]! + df[term]!;
  const postingCount = offsets[termCount]!;
  const postingDocs = decodeVarints(fromBase64(data.postings ?? ''), postingCount);
  for (let term = 0; term < termCount; term++) {
    let doc = 0;
    for (let position = offsets[term]!; position < offsets[term + 1]!; position++) {
      doc += postingDocs[position]!;
      if (doc >= docs.length) throw new IndexFormatError('Posting points past the last document');
      postingDocs[position] = doc;
    }
  }
  const impacts = fromBase64(data.impacts ?? '');
  if (impacts.length !== postingCount) throw new IndexFormatError('Impacts and postings differ in length');
  const titleBytes = fromBase64(data.titles ?? '');
  const titleOffsets = new Uint32Array(docs.length + 1);
  const titleValues: number[] = [];
  {
    // Title entries are few; decode them one varint at a time.
    let position = 0;
    const next = () => {
      let value = 0;
      let shift = 0;
      let byte: number;
      do {
        if (position >= titleBytes.length) throw new IndexFormatError('Truncated title data');
        byte = titleBytes[position++]!;
        value += (byte & 127) * 2 ** shift;
        shift += 7;
      } while (byte & 128);
      return value;
    };
    for (let doc = 0; doc < docs.length; doc++) {
      const count = next();
      for (let i = 0; i < count; i++) {
        const value = next();
        titleValues.push(value === 0 ? TITLE_BREAK : value - 1);
      }
      titleOffsets[doc + 1] = titleValues.length;
    }
  }
  const termIds = new Map<string, number>();
  for (let term = 0; term < termCount; term++) termIds.set(terms[term]!, term);
  const related = data.related ? loadAssociations(data.related, termCount) : undefined;
  const overlap = data.overlap ? loadOverlap(data.overlap, docs.length, (message) => new IndexFormatError(message)) : undefined;
  const idf = new Float32Array(termCount);
  for (let term = 0; term < termCount; term++) idf[term] = bm25Idf(docs.length, df[term]!);
  return {
    params: data.params as IndexParams,
    docs,
    terms,
    termIds,
    idf,
    offsets,
    postingDocs,
    impacts,
    titleOffsets,
    titleTerms: Uint32Array.from(titleValues),
    ...(related ? { related } : {}),
    ...(overlap ? { overlap } : {}),
  };
}
