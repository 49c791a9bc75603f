import { ByteReader, ByteWriter, ShardFormatError } from './bytes.ts';
import type { TermEntry } from './format.ts';

// Isomorphic: a term shard is a list of terms, each with its document frequency, its postings (document gaps, then
// one impact byte each), its title entries and its related terms (term, strength byte, document frequency). Title
// totals are float64, exact: rank's title coverage divides by them, and a rounded total moves a score's last digit.

/** Encodes the terms of one shard. */
export function encodeShard(entries: readonly TermEntry[]): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter();
  out.varint(entries.length);
  for (const entry of entries) {
    out.string(entry.term);
    out.varint(entry.df);
    out.varint(entry.docs.length);
    let previous = 0;
    for (const doc of entry.docs) {
      out.varint(doc - previous);
      previous = doc;
    }
    for (const impact of entry.impacts) out.byte(impact);
    out.varint(entry.titles.length);
    previous = 0;
    for (const { doc, flags, title, alt } of entry.titles) {
      out.varint(doc - previous);
      previous = doc;
      out.byte(flags);
      if (flags & 1) out.float64(title);
      if (flags & 2) out.float64(alt);
    }
    out.varint(entry.related.length);
    for (const { term, weight, df } of entry.related) {
      out.string(term);
      out.byte(weight);
      out.varint(df);
    }
  }
  return out.finish();
}

/** Decodes a shard; throws {@link ShardFormatError} when a posting points past `docCount` or the bytes are cut off. */
export function decodeShard(bytes: Uint8Array, docCount: number): TermEntry[] {
  const input = new ByteReader(bytes);
  const count = input.varint();
  const entries: TermEntry[] = [];
  for (let index = 0; index < count; index++) {
    const term = input.string();
    const df = input.varint();
    const postings = input.varint();
    const docs = new Uint32Array(postings);
    let doc = 0;
    for (let position = 0; position < postings; position++) {
      doc += input.varint();
      if (doc >= docCount) throw new ShardFormatError(`Posting of \`${term}\` points past the last document`);
      docs[position] = doc;
    }
    const impacts = new Uint8Array(postings);
    for (let position = 0; position < postings; position++) impacts[position] = input.byte();
    const titleCount = input.varint();
    const titles: TermEntry['titles'] = [];
    doc = 0;
    for (let position = 0; position < titleCount; position++) {
      doc += input.varint();
      if (doc >= docCount) throw new ShardFormatError(`Title entry of \`${term}\` points past the last document`);
      const flags = input.byte();
      const title = flags & 1 ? input.float64() : 0;
      const alt = flags & 2 ? input.float64() : 0;
      titles.push({ doc, flags, title, alt });
    }
    const relatedCount = input.varint();
    const related: TermEntry['related'] = [];
    for (let position = 0; position < relatedCount; position++) related.push({ term: input.string(), weight: input.byte(), df: input.varint() });
    entries.push({ term, df, docs, impacts, titles, related });
  }
  if (!input.done) throw new ShardFormatError('Unexpected bytes after the last term');
  return entries;
}
