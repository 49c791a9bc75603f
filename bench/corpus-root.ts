import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The shared corpus: KB_CORPUS_DIR, else `shared/corpus` beside the repository or beside the folder of worktrees. */
export function corpusRoot(): string {
  const candidates = [process.env.KB_CORPUS_DIR, path.resolve(repoRoot, '../shared/corpus'), path.resolve(repoRoot, '../../shared/corpus')].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}
