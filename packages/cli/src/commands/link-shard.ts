// `kb link --shard i/n` and `kb link --merge`: a JSON Lines case file is cut into n byte ranges at line boundaries
// (a line belongs to the range its first byte falls in), so any job runner can link the shards on different
// machines, each reading only its own part; `--merge` checks the parts belong together and concatenates them in
// order, which gives the output and ledger of one run over the whole file, byte for byte.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openAtomicLineWriter } from '@nimbus/case-index';
import { emptyRedactionCounts, addRedactionCounts, type RedactionCounts } from '@nimbus/redact';
import { KbError, kbErrors } from '../error-catalog.ts';

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(value: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new KbError(kbErrors.InvalidOption, `Expected --shard i/n with 1 ≤ i ≤ n (say 2/4), got \`${value}\``);
  return { index, count };
}

/** The bytes of a case file one shard links, and the line number its first record has. */
export interface ShardRange {
  start: number;
  end: number;
  firstLine: number;
  fileBytes: number;
}

/** The offset of the first line that starts at or after `offset` (a line starts at 0 or after a newline). */
async function lineStartAtOrAfter(handle: Awaited<ReturnType<typeof open>>, offset: number, size: number): Promise<number> {
  if (offset <= 0) return 0;
  const buffer = Buffer.alloc(1 << 16);
  for (let position = offset - 1; position < size; position += buffer.length) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return position + newline + 1;
    if (bytesRead === 0) break;
  }
  return size;
}

/** Counts the newlines before `end`: the line number of the shard's first record is one more. */
async function newlinesBefore(file: string, end: number): Promise<number> {
  if (end === 0) return 0;
  let count = 0;
  for await (const chunk of createReadStream(file, { start: 0, end: end - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
  }
  return count;
}

/** The byte range of shard `spec` of `file`: nominal equal cuts, moved forward to the next line start. */
export async function shardRange(file: string, spec: ShardSpec): Promise<ShardRange> {
  const { size } = await stat(file);
  const handle = await open(file, 'r');
  try {
    const cut = (k: number) => Math.floor((size * k) / spec.count);
    const start = await lineStartAtOrAfter(handle, cut(spec.index - 1), size);
    const end = spec.index === spec.count ? size : await lineStartAtOrAfter(handle, cut(spec.index), size);
    return { start, end: Math.max(start, end), firstLine: (await newlinesBefore(file, start)) + 1, fileBytes: size };
  } finally {
    await handle.close();
  }
}

/** What a shard run records beside its output, so `--merge` can tell parts that belong together. */
export interface ShardManifest {
  kind: 'kb-link-shard';
  version: 1;
  shard: number;
  of: number;
  cases: { file: string; bytes: number; start: number; end: number; sha256: string };
  /** The index's content hash and the output settings: parts linked differently must not be merged. */
  indexKey: string;
  /** `linked`: a digest of the linked cases the index learned from (`--linked-cases`), null when none. */
  settings: { top: number; format: string; ledger: boolean; linked: string | null };
  totals: { cases: number; skipped: number; redactions: RedactionCounts };
}

/** Paths of shard `spec`'s files in `dir`. */
export function shardFiles(dir: string, spec: ShardSpec): { out: string; ledger: string; manifest: string } {
  const base = path.join(dir, `shard-${spec.index}-of-${spec.count}`);
  return { out: `${base}.out`, ledger: `${base}.ledger.jsonl`, manifest: `${base}.json` };
}

/** SHA-256 of bytes [start, end) of `file`. */
export async function rangeHash(file: string, start: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  if (end > start) for await (const chunk of createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes a shard's manifest last: a part without one did not finish and is not merged. */
export async function writeManifest(dir: string, manifest: ShardManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  const writer = await openAtomicLineWriter(shardFiles(dir, { index: manifest.shard, count: manifest.of }).manifest);
  await writer.write(JSON.stringify(manifest, null, 2));
  await writer.commit();
}

/** Reads and checks every shard manifest in `dir`: all n parts of one file, linked the same way, covering it whole. */
export async function readShardSet(dir: string): Promise<ShardManifest[]> {
  const names = (await readdir(dir).catch(() => {
    throw new KbError(kbErrors.Unreadable, `Cannot read shard folder ${dir}`);
  })).filter((name) => /^shard-\d+-of-\d+\.json$/.test(name));
  if (names.length === 0) throw new KbError(kbErrors.NotFound, `No finished shards in ${dir} (expected shard-<i>-of-<n>.json from \`kb link --shard i/n --shard-dir ${dir}\`)`);
  const manifests: ShardManifest[] = [];
  for (const name of names) {
    const parsed = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as ShardManifest;
    if (parsed.kind !== 'kb-link-shard' || parsed.version !== 1) throw new KbError(kbErrors.ShardMismatch, `${path.join(dir, name)}: not a kb link shard manifest`);
    manifests.push(parsed);
  }
  manifests.sort((a, b) => a.shard - b.shard);
  const [first] = manifests;
  const count = first!.of;
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !manifests.some((m) => m.shard === k && m.of === count));
  if (missing.length > 0 || manifests.length !== count) throw new KbError(kbErrors.ShardMismatch, `${dir}: shards ${missing.join(', ') || '(extra)'} of ${count} are missing or from another split; merge needs all ${count}, from one split`);
  let expectedStart = 0;
  for (const manifest of manifests) {
    const same = manifest.cases.file === first!.cases.file && manifest.cases.bytes === first!.cases.bytes && manifest.indexKey === first!.indexKey && JSON.stringify(manifest.settings) === JSON.stringify(first!.settings);
    if (!same) throw new KbError(kbErrors.ShardMismatch, `${dir}: shard ${manifest.shard} was linked from another case file, index or settings than shard ${first!.shard}`);
    if (manifest.cases.start !== expectedStart) throw new KbError(kbErrors.ShardMismatch, `${dir}: shard ${manifest.shard} starts at byte ${manifest.cases.start}, expected ${expectedStart}`);
    expectedStart = manifest.cases.end;
  }
  if (expectedStart !== first!.cases.bytes) throw new KbError(kbErrors.ShardMismatch, `${dir}: the shards cover ${expectedStart} of ${first!.cases.bytes} bytes`);
  return manifests;
}

/** Streams the shards' outputs to `write` in order, and their ledgers to `ledgerFile`; returns the summed totals. */
export async function mergeShards(dir: string, write: (text: string) => void | Promise<void>, ledgerFile?: string): Promise<{ manifests: ShardManifest[]; cases: number; skipped: number; redactions: RedactionCounts }> {
  const manifests = await readShardSet(dir);
  if (ledgerFile && !manifests[0]!.settings.ledger) throw new KbError(kbErrors.ShardMismatch, `${dir}: the shards were linked without --ledger, so there is no ledger to merge`);
  const ledger = ledgerFile ? await openAtomicLineWriter(ledgerFile) : undefined;
  const totals = { cases: 0, skipped: 0, redactions: emptyRedactionCounts() };
  try {
    for (const manifest of manifests) {
      const files = shardFiles(dir, { index: manifest.shard, count: manifest.of });
      for await (const chunk of createReadStream(files.out, { encoding: 'utf8', highWaterMark: 1 << 20 })) await write(chunk as string);
      if (ledger) for await (const line of createInterface({ input: createReadStream(files.ledger), crlfDelay: Infinity })) if (line) await ledger.write(line);
      totals.cases += manifest.totals.cases;
      totals.skipped += manifest.totals.skipped;
      addRedactionCounts(totals.redactions, manifest.totals.redactions);
    }
    await ledger?.commit();
  } catch (error) {
    await ledger?.abort();
    throw error;
  }
  return { manifests, ...totals };
}
