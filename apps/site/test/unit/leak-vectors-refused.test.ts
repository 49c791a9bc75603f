// The attack vectors of issue 12 the build must refuse (test/fixtures/leak-vectors/refused/, one article each): the real
// build script on the minimal content (test/fixtures/minimal-content) plus all of them, in one build, stops at
// validation with every vector's `path:line:col` and rule id, writes no site, and leaves the previous output as it
// was. The vectors it accepts are in test/unit/leak.test.ts.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../build-site.ts';
import { minimalContentDir } from '../content-fixture.ts';

const vectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/leak-vectors/refused');
// Always twelve characters, so the columns of expected.txt hold after the marker too.
const marker = `zqxvec${Math.random().toString(36).slice(2, 8).padEnd(6, 'q')}`;
let workDir: string;
let result: Awaited<ReturnType<typeof buildSite>>;
let expected: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-vectors-'));
  const contentDir = path.join(workDir, 'content');
  await cp(minimalContentDir, contentDir, { recursive: true });
  for (const relative of (await readdir(vectorsDir, { recursive: true })).filter((name) => name.endsWith('.mdx'))) {
    await mkdir(path.dirname(path.join(contentDir, relative)), { recursive: true });
    await writeFile(path.join(contentDir, relative), (await readFile(path.join(vectorsDir, relative), 'utf8')).replaceAll('{marker}', marker));
  }
  expected = (await readFile(path.join(vectorsDir, 'expected.txt'), 'utf8')).replaceAll('{marker}', marker).split('\n').filter(Boolean);
  const previous = path.join(workDir, 'out/dist');
  await mkdir(previous, { recursive: true });
  await writeFile(path.join(previous, 'index.html'), 'previous build');
  result = await buildSite(contentDir, path.join(workDir, 'out'), { KB_RUNBOOKS_DIR: '' });
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the build refuses every ambiguous or unsafe placement with file:line:col and a rule id', () => {
  test('it stops with an error for each vector and nothing else', () => {
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => /: error: /.test(line)).map((line) => line.slice(line.indexOf('articles/')));
    expect(errors).toEqual(expected);
    expect(result.stderr).toMatch(new RegExp(`Build stopped: ${expected.length} error\\(s\\)`));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('every vector file is named in the errors', async () => {
    const vectors = (await readdir(path.join(vectorsDir, 'articles/en/compute'))).filter((name) => name !== 'vector-engineers-only.mdx');
    expect(vectors.length).toBeGreaterThanOrEqual(18);
    for (const name of vectors) expect(expected.some((line) => line.startsWith(`articles/en/compute/${name}:`)), name).toBe(true);
  });

  test('no site is written and the previous output stays', async () => {
    expect(await readFile(path.join(workDir, 'out/dist/index.html'), 'utf8')).toBe('previous build');
    await expect(readdir(path.join(workDir, 'out/dist-internal'))).rejects.toThrow();
  });
});
