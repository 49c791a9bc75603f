// Byte plumbing of the case readers: records held up to a bound, numbered lines, and a byte order mark dropped.

/**
 * The bytes of one record, up to `maxBytes`: past that it keeps nothing more and only remembers that it was too long,
 * so a huge record is never held in memory.
 */
export class BoundedBytes {
  private parts: Buffer[] = [];
  size = 0;
  tooLong = false;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  add(piece: Buffer): void {
    if (this.tooLong || piece.length === 0) return;
    this.size += piece.length;
    if (this.size > this.maxBytes) {
      this.tooLong = true;
      this.parts = [];
    } else {
      this.parts.push(piece);
    }
  }

  text(): string {
    return Buffer.concat(this.parts, this.size).toString('utf8');
  }

  clear(): void {
    this.parts = [];
    this.size = 0;
    this.tooLong = false;
  }
}

/**
 * Splits a byte stream into numbered lines without ever holding more than one line (up to `maxLineBytes`) in memory;
 * a longer line comes out as `text: undefined`.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<{ line: number; text: string | undefined }> {
  const record = new BoundedBytes(maxLineBytes);
  let line = 1;
  const finish = () => {
    const text = record.tooLong ? undefined : record.text().replace(/\r$/, '');
    record.clear();
    return text;
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      record.add(buffer.subarray(start, newline));
      yield { line, text: finish() };
      line++;
      start = newline + 1;
    }
    record.add(buffer.subarray(start));
  }
  if (record.size > 0 || record.tooLong) yield { line, text: finish() };
}

/** A UTF-8 byte order mark. */
export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes of a stream without a leading byte order mark, even one split across chunks. */
export async function* withoutBom(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (head === undefined) {
      yield buffer;
      continue;
    }
    head = head.length === 0 ? buffer : Buffer.concat([head, buffer]);
    if (head.length < BOM.length && BOM.subarray(0, head.length).equals(head)) continue;
    yield head.subarray(head.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0);
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield head;
}

