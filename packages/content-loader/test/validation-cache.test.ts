import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { contentProblems, loadContent } from '../src/load-content.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const sampleContent = path.resolve(fixtures, '../../../../content');
const temp = await mkdtemp(path.join(tmpdir(), 'kb-validation-cache-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

/** What a build sees of a load: the articles, every problem line and the facts collection rules used. */
async function load(dir: string, cacheFile?: string) {
  const content = await loadContent(dir, { rules: 'all', today: '2026-11-01', cacheFile });
  return { articles: content.articles, problems: contentProblems(content, dir) };
}

describe('the validation cache', () => {
  it.each(['clean', 'two-broken', 'components'])('replays exactly what validating %s gives: articles, errors and warnings', async (name) => {
    const cacheFile = path.join(temp, `${name}.json`);
    const fresh = await load(path.join(fixtures, name));
    expect(await load(path.join(fixtures, name), cacheFile)).toEqual(fresh);
    expect((await stat(cacheFile)).size).toBeGreaterThan(0);
    expect(await load(path.join(fixtures, name), cacheFile)).toEqual(fresh);
  });

  it('replays the sample content, collection rules included, and notices the one article edited', async () => {
    const dir = path.join(temp, 'content');
    await cp(sampleContent, dir, { recursive: true });
    const cacheFile = path.join(temp, 'sample.json');
    const fresh = await load(dir);
    expect(await load(dir, cacheFile)).toEqual(fresh);
    expect(await load(dir, cacheFile)).toEqual(fresh);
    const edited = path.join(dir, 'articles/en/compute/ssh-connection-timed-out.mdx');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/^## Resolution$/m, '## Resolution\n\nSee [the missing article](/articles/compute/does-not-exist/).\n'));
    const after = await load(dir, cacheFile);
    expect(after).toEqual(await load(dir));
    expect(after.problems.errors.join('\n')).toMatch(/ssh-connection-timed-out\.mdx:\d+:\d+: error: .*\(link-broken\)/);
  });

  it('is not used when the rules, the taxonomy or the options change', async () => {
    const cacheFile = path.join(temp, 'options.json');
    await load(path.join(fixtures, 'clean'), cacheFile);
    const before = await readFile(cacheFile, 'utf8');
    await loadContent(path.join(fixtures, 'clean'), { rules: 'structure', today: '2026-11-01', cacheFile });
    expect(JSON.parse(await readFile(cacheFile, 'utf8')).key).not.toBe(JSON.parse(before).key);
  });
});
