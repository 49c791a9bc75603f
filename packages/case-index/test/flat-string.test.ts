import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flatString, lastFlattened } from '../src/flat-string.ts';

describe('flatString', () => {
  it('gives the very text back, whatever it reads as', () => {
    for (const text of ['', 'Error 0x80070005', '42', ' 7 ', '磁碟已滿', 'x'.repeat(10_000)]) expect(flatString(text)).toBe(text);
    flatString('42');
    expect(lastFlattened()).toBe(42);
  });

  it('makes markdownToText keep its text alone in memory, not the pieces its replacements built (heap snapshot)', () => {
    // In a child of its own: a small heap, snapshotted; the same replacements without flattening are the control.
    const work = mkdtempSync(path.join(tmpdir(), 'kb-flat-string-'));
    try {
      const script = fileURLToPath(new URL('fixtures/flat-string/count-pieces.ts', import.meta.url));
      const held = JSON.parse(execFileSync(process.execPath, [script, work], { encoding: 'utf8' })) as { textBytes: number; flat: { strings: number; bytes: number }; asBuilt: { strings: number; bytes: number } };
      expect(held.flat.strings).toBe(50);
      expect(held.asBuilt.strings).toBe(50);
      expect(held.asBuilt.bytes).toBeGreaterThan(2 * held.textBytes);
      expect(held.flat.bytes).toBeLessThan(1.1 * held.textBytes);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
