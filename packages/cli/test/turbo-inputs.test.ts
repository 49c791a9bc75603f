// Turbo replays a cached test run when the task's hash is unchanged: a test that reads a file its task does not
// declare as an input passes from the cache after that file changed. This edits `content/taxonomy.yaml` in a copy
// of the repository's task configuration and asks `turbo run --dry=json` which test tasks would run again.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const turbo = path.join(repoRoot, 'node_modules/.bin/turbo');

// The test tasks whose tests read the taxonomy: content's and runbooks' (to check against it), content-loader's and
// the CLI's (they load the repository's content), the site's (it builds the sample content).
const READERS = ['@nimbus/content#test', '@nimbus/content-loader#test', '@nimbus/runbooks#test', '@nimbus/kb#test', '@nimbus/site#test', '@nimbus/site#test:e2e'];
// And some that do not: they must stay cached, or the check above would pass for any change at all.
const NON_READERS = ['@nimbus/importer#test', '@nimbus/case-index#test'];

/** A copy of what decides task hashes: every package.json and turbo.json, the lockfile, the global inputs, the taxonomy. */
function configCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-turbo-inputs-'));
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
  for (const file of tracked.filter((name) => /(^|\/)(package\.json|turbo\.json)$|^package-lock\.json$|^tsconfig\.base\.json$|^content\/taxonomy\.yaml$/.test(name))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(dir, file));
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Task id → hash of every test task, as `turbo run` would compute it now. */
function testHashes(dir: string): Map<string, string> {
  const json = execFileSync(turbo, ['run', 'test', 'test:e2e', '--dry=json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const { tasks } = JSON.parse(json) as { tasks: Array<{ taskId: string; hash: string }> };
  return new Map(tasks.map((task) => [task.taskId, task.hash]));
}

describe('turbo test inputs', () => {
  const dir = configCopy();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('editing content/taxonomy.yaml misses the cache of every test task that reads it, and only theirs', () => {
    const before = testHashes(dir);
    for (const task of [...READERS, ...NON_READERS]) expect(before.has(task), task).toBe(true);
    appendFileSync(path.join(dir, 'content/taxonomy.yaml'), '# edited by the turbo-inputs test\n');
    const after = testHashes(dir);
    for (const task of READERS) expect(after.get(task), `${task} keeps its hash: a cached pass would be replayed`).not.toBe(before.get(task));
    for (const task of NON_READERS) expect(after.get(task), task).toBe(before.get(task));
  });
});
