import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { writeFileAtomic } from '@nimbus/atomic-file';
import type { Article } from '@nimbus/content';
import { applyResult, captureResult, type ValidationResult } from './validation-result.ts';

// Validating an article (parse, frontmatter, rules) is per file; only the collection rules need every article. The
// cache keeps each file's result by content hash, so a rebuild after editing one article validates that one again.
// Its key covers everything else a result depends on: the rule code, the taxonomy and the options.

interface Entry extends ValidationResult {
  hash: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Hash of the validation code itself: a changed rule must never be answered from the cache. */
async function codeFingerprint(): Promise<string> {
  const dirs = [
    path.dirname(fileURLToPath(import.meta.url)),
    path.join(path.dirname(createRequire(import.meta.url).resolve('@nimbus/content/package.json')), 'src'),
  ];
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.ts')).sort()) hash.update(name).update(await readFile(path.join(dir, name)));
  }
  return hash.digest('hex');
}

/** Per-file validation results of one content folder, kept in a JSON file between runs. */
export class ValidationCache {
  private changed = false;
  private readonly file: string;
  private readonly key: string;
  private readonly entries: Map<string, Entry>;

  private constructor(file: string, key: string, entries: Map<string, Entry>) {
    this.file = file;
    this.key = key;
    this.entries = entries;
  }

  /** Opens the cache for results that depend on `inputs` (taxonomy source, options); a missing or stale file starts empty. */
  static async open(file: string, inputs: unknown): Promise<ValidationCache> {
    const key = sha(JSON.stringify([await codeFingerprint(), inputs]));
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as { key: string; entries: Record<string, Entry> };
      if (stored.key === key) return new ValidationCache(file, key, new Map(Object.entries(stored.entries)));
    } catch {
      // No cache yet, or an unreadable one: validate everything.
    }
    return new ValidationCache(file, key, new Map());
  }

  /** Whether the cache has a result for `path` (of its content then: {@link replay} checks it is the same). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  /**
   * Replays the stored result of `file` onto it (messages, body facts) when its content is unchanged, and returns
   * `{ article }`; `undefined` when it must be validated.
   */
  replay(file: VFile): { article: Article | undefined } | undefined {
    const entry = this.entries.get(file.path);
    if (!entry || entry.hash !== sha(String(file.value))) return undefined;
    return { article: applyResult(file, entry) };
  }

  /** Records the result of validating `file` (call right after, before collection rules add messages). */
  record(file: VFile, article: Article | undefined): void {
    this.changed = true;
    this.entries.set(file.path, { hash: sha(String(file.value)), ...captureResult(file, article) });
  }

  /** Drops files that no longer exist and writes the cache atomically (a reader sees the old file or the new one). */
  async save(present: readonly string[]): Promise<void> {
    const keep = new Set(present);
    for (const name of this.entries.keys()) {
      if (!keep.has(name)) {
        this.entries.delete(name);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify({ key: this.key, entries: Object.fromEntries(this.entries) }));
  }
}
