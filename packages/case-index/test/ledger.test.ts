import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openAtomicLineWriter, readLedger, writeLedger } from '../src/ledger.ts';
import type { LedgerEntry } from '../src/link.ts';

const entry = (id: string): LedgerEntry => ({
  case: id,
  linkedArticles: ['compute/ssh-permission-denied-publickey'],
  links: [
    {
      article: 'compute/ssh-permission-denied-publickey',
      path: 'en/compute/ssh-permission-denied-publickey.mdx',
      kind: 'article',
      score: 12.5,
      confidence: 0.9,
      version: 'sha256:0123456789abcdef',
      evidence: { signatures: [], terms: ['ssh'] },
    },
  ],
});

describe('ledger', () => {
  it('writes one JSON line per case and reads it back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ledger-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'links.jsonl');
    await writeLedger(file, [entry('A'), entry('B')]);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(await readLedger(file)).toEqual([entry('A'), entry('B')]);
  });

  it('leaves the previous ledger untouched and no temporary file when writing fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ledger-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'links.jsonl');
    await writeFile(file, 'previous\n');
    async function* failing() {
      yield entry('A');
      throw new Error('disk full');
    }
    await expect(writeLedger(file, failing())).rejects.toThrow('disk full');
    expect(await readFile(file, 'utf8')).toBe('previous\n');
    expect(await readdir(dir)).toEqual(['links.jsonl']);
  });

  it('shows readers the old file until commit', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ledger-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'links.jsonl');
    await writeFile(file, 'old\n');
    const writer = await openAtomicLineWriter(file);
    await writer.write('new');
    expect(await readFile(file, 'utf8')).toBe('old\n');
    await writer.commit();
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect(await readdir(dir)).toEqual(['links.jsonl']);
  });
});
