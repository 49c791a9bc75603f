// The binary layout of a site's token cache file (token-cache.ts): JSON of the same entries is ~26 MB at 3,152
// articles and costs about 0.9 s of CPU per site to parse and write again; most of it is the same few ten thousand
// terms repeated in every document. Here every string is stored once in a table and everything else is varints.
// The file opens with a magic line and the SHA-256 of the rest, so a truncated or altered file is refused as a whole
// (and the build tokenizes again) rather than read into wrong tokens.
import { createHash } from 'node:crypto';
import type { DocumentTokens } from '@nimbus/case-index/core';
import { ByteReader, ByteWriter, type SurfaceCounts } from '@nimbus/search-index';

/** What a token cache file holds: the build fingerprint and the entries by the hash of their text. */
export interface TokenCacheContents {
  key: string;
  tokens: Map<string, DocumentTokens>;
  surfaces: Map<string, SurfaceCounts>;
}

const MAGIC = Buffer.from('nimbus-token-cache 1\n');
const DIGEST_BYTES = 32;

/** Raised for a file that is not a whole token cache of this layout. */
export class TokenCacheFormatError extends Error {
  override name = 'TokenCacheFormatError';
}

/** Numbers each distinct string in order of first use. */
class StringTable {
  readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}

/** A count, length or slot: what a varint holds. Anything else is a bug upstream, not something to store. */
function whole(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new TokenCacheFormatError(`Cannot store ${value} in the token cache`);
  return value;
}

/**
 * A document's counts per term and field, most of them 0: the fields per term, then per term a bit mask of its fields
 * with a count and those counts.
 */
function sparseCounts(body: ByteWriter, terms: number, counts: ArrayLike<number>): void {
  const fields = terms === 0 ? 0 : counts.length / terms;
  if (!Number.isInteger(fields) || fields > 30) throw new TokenCacheFormatError(`Cannot store ${counts.length} counts of ${terms} terms in the token cache`);
  body.varint(fields);
  body.varint(counts.length);
  for (let start = 0; start < counts.length; start += fields) {
    let mask = 0;
    for (let field = 0; field < fields; field++) if (counts[start + field] !== 0) mask |= 1 << field;
    body.varint(mask);
    for (let field = 0; field < fields; field++) if (counts[start + field] !== 0) body.varint(whole(counts[start + field]!));
  }
}

/** Read as the Float32Array the index keeps (buildIndex takes it without a copy): one allocation per document. */
function readSparseCounts(input: ByteReader): Float32Array {
  const fields = input.varint();
  const counts = new Float32Array(input.varint());
  if (fields === 0 ? counts.length > 0 : counts.length % fields !== 0) throw new TokenCacheFormatError('Counts do not fill their terms');
  for (let start = 0; start < counts.length; start += fields) {
    const mask = input.varint();
    for (let field = 0; field < fields; field++) if (mask & (1 << field)) counts[start + field] = input.varint();
  }
  return counts;
}

export function encodeTokenCache(contents: TokenCacheContents): Buffer {
  const strings = new StringTable();
  const body = new ByteWriter();
  const list = (values: ArrayLike<number>) => {
    body.varint(values.length);
    for (let index = 0; index < values.length; index++) body.varint(whole(values[index]!));
  };
  body.varint(contents.tokens.size);
  for (const [hash, entry] of contents.tokens) {
    body.varint(strings.id(hash));
    list(entry.terms.map((term) => strings.id(term)));
    sparseCounts(body, entry.terms.length, entry.counts);
    list(entry.lengths);
    list(entry.sequence);
    body.varint(entry.titles.length);
    for (const words of entry.titles) list(words.map((word) => strings.id(word)));
  }
  body.varint(contents.surfaces.size);
  for (const [hash, rows] of contents.surfaces) {
    body.varint(strings.id(hash));
    body.varint(rows.length);
    for (const [term, written, count] of rows) {
      body.varint(strings.id(term));
      body.varint(strings.id(written));
      body.varint(whole(count));
    }
  }
  const head = new ByteWriter();
  head.string(contents.key);
  head.varint(strings.ids.size);
  for (const value of strings.ids.keys()) head.string(value);
  const payload = Buffer.concat([head.finish(), body.finish()]);
  return Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]);
}

/** Reads a file written by {@link encodeTokenCache}; throws {@link TokenCacheFormatError} for anything else. */
export function decodeTokenCache(file: Uint8Array): TokenCacheContents {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < MAGIC.length + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new TokenCacheFormatError('Not a token cache of this layout');
  const payload = bytes.subarray(MAGIC.length + DIGEST_BYTES);
  if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) throw new TokenCacheFormatError('Token cache damaged (checksum differs)');
  try {
    const input = new ByteReader(payload);
    const key = input.string();
    const strings: string[] = Array.from({ length: input.varint() }, () => input.string());
    const string = () => {
      const value = strings[input.varint()];
      if (value === undefined) throw new TokenCacheFormatError('String number out of range');
      return value;
    };
    const numbers = () => {
      const values: number[] = new Array<number>(input.varint());
      for (let index = 0; index < values.length; index++) values[index] = input.varint();
      return values;
    };
    const slots = () => {
      const values = new Uint32Array(input.varint());
      for (let index = 0; index < values.length; index++) values[index] = input.varint();
      return values;
    };
    const words = () => Array.from({ length: input.varint() }, string);
    const tokens = new Map<string, DocumentTokens>();
    for (let count = input.varint(); count > 0; count--) {
      const hash = string();
      tokens.set(hash, { terms: words(), counts: readSparseCounts(input), lengths: numbers(), sequence: slots(), titles: Array.from({ length: input.varint() }, words) });
    }
    const surfaces = new Map<string, SurfaceCounts>();
    for (let count = input.varint(); count > 0; count--) {
      const hash = string();
      surfaces.set(hash, Array.from({ length: input.varint() }, (): [string, string, number] => [string(), string(), input.varint()]));
    }
    if (!input.done) throw new TokenCacheFormatError('Unexpected bytes after the last entry');
    return { key, tokens, surfaces };
  } catch (error) {
    throw error instanceof TokenCacheFormatError ? error : new TokenCacheFormatError(`Token cache unreadable: ${(error as Error).message}`);
  }
}
