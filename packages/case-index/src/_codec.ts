// Isomorphic binary helpers for the serialised index: unsigned LEB128 varints and base64, in plain JS so the same
// code runs in Node and in the browser (no Buffer, no atob for binary).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128);
for (let index = 0; index < ALPHABET.length; index++) LOOKUP[ALPHABET.charCodeAt(index)] = index;

/** Encodes bytes as standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const n = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    chunk += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
    if (chunk.length >= 65_536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const n = bytes[index]! << 16;
    chunk += `${ALPHABET[n >>> 18]}${ALPHABET[(n >>> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[index]! << 16) | (bytes[index + 1]! << 8);
    chunk += `${ALPHABET[n >>> 18]}${ALPHABET[(n >>> 12) & 63]}${ALPHABET[(n >>> 6) & 63]}=`;
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes standard base64 (padding optional). */
export function fromBase64(text: string): Uint8Array {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let outIndex = 0;
  let index = 0;
  for (; index + 3 < length; index += 4) {
    const n =
      (LOOKUP[text.charCodeAt(index)]! << 18) |
      (LOOKUP[text.charCodeAt(index + 1)]! << 12) |
      (LOOKUP[text.charCodeAt(index + 2)]! << 6) |
      LOOKUP[text.charCodeAt(index + 3)]!;
    out[outIndex++] = n >>> 16;
    out[outIndex++] = (n >>> 8) & 255;
    out[outIndex++] = n & 255;
  }
  const rest = length - index;
  if (rest >= 2) {
    const n = (LOOKUP[text.charCodeAt(index)]! << 18) | (LOOKUP[text.charCodeAt(index + 1)]! << 12) | (rest === 3 ? LOOKUP[text.charCodeAt(index + 2)]! << 6 : 0);
    out[outIndex++] = n >>> 16;
    if (rest === 3) out[outIndex++] = (n >>> 8) & 255;
  }
  return out;
}

/** Encodes unsigned integers as LEB128 varints. */
export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 5);
  let length = 0;
  for (let index = 0; index < values.length; index++) {
    let value = values[index]! >>> 0;
    while (value >= 128) {
      out[length++] = (value & 127) | 128;
      value >>>= 7;
    }
    out[length++] = value;
  }
  return out.slice(0, length);
}

/** Decodes `count` LEB128 varints. Throws when the bytes run out, so a truncated index fails loudly. */
export function decodeVarints(bytes: Uint8Array, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let position = 0;
  for (let index = 0; index < count; index++) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (position >= bytes.length) throw new RangeError('Truncated varint data');
      byte = bytes[position++]!;
      value += (byte & 127) * 2 ** shift;
      shift += 7;
    } while (byte & 128);
    out[index] = value;
  }
  return out;
}
