// Isomorphic: unsigned LEB128 varints and length-prefixed UTF-8 strings, the whole binary format of a shard.

/** Appends varints and strings to a growing byte buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;
  private readonly encoder = new TextEncoder();

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Writes one unsigned integer (< 2^53) as a varint. */
  varint(value: number): void {
    this.reserve(8);
    let rest = value;
    while (rest >= 128) {
      this.bytes[this.length++] = (rest % 128) | 128;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length++] = rest;
  }

  /** Writes one float64, little-endian: exact, for sums the ranking must see bit for bit. */
  float64(value: number): void {
    this.reserve(8);
    new DataView(this.bytes.buffer, this.bytes.byteOffset + this.length, 8).setFloat64(0, value, true);
    this.length += 8;
  }

  /** Writes one byte. */
  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** Writes a string as its UTF-8 length and bytes. */
  string(value: string): void {
    const encoded = this.encoder.encode(value);
    this.varint(encoded.length);
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  /** The bytes written so far. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.length);
  }
}

/** Error thrown for bytes that are not a shard of this format. */
export class ShardFormatError extends Error {
  override name = 'ShardFormatError';
}

/** Reads what {@link ByteWriter} wrote; throws {@link ShardFormatError} on truncated data. */
export class ByteReader {
  private position = 0;
  private readonly decoder = new TextDecoder();
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Whether everything was read. */
  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  /** Reads one varint. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new ShardFormatError('Truncated shard');
      const byte = this.bytes[this.position++]!;
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
      if (scale > 2 ** 56) throw new ShardFormatError('Varint too long');
    }
  }

  /** Reads one float64 written by {@link ByteWriter.float64}. */
  float64(): number {
    if (this.position + 8 > this.bytes.length) throw new ShardFormatError('Truncated shard');
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.position, 8).getFloat64(0, true);
    this.position += 8;
    return value;
  }

  /** Reads one byte. */
  byte(): number {
    if (this.position >= this.bytes.length) throw new ShardFormatError('Truncated shard');
    return this.bytes[this.position++]!;
  }

  /** Reads one string. */
  string(): string {
    const length = this.varint();
    if (this.position + length > this.bytes.length) throw new ShardFormatError('Truncated shard');
    const text = this.decoder.decode(this.bytes.subarray(this.position, this.position + length));
    this.position += length;
    return text;
  }
}

/** FNV-1a over the UTF-16 code units of a term: the shard a term lives in, the same in Node and the browser. */
export function termHash(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) {
    hash ^= term.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
