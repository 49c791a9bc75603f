// One loop over test/fixtures/<case>/: `input.md` (one article) or `input/` (a folder), converted and compared with
// `expected.mdx` or `expected/`, and the report with `expected-report.txt` (`file:line: class: message`).
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff before committing it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { contentProblems, loadContent } from '@nimbus/content-loader';
import { convertKnowledgeBase, type ImportOptions, type ImportResult, type SourceFile } from '../src/index.ts';

const TODAY = '2025-06-01';
const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const update = process.env.UPDATE_FIXTURES === '1';
const cases = readdirSync(fixturesDir).filter((name) => !name.startsWith('.')).sort();
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** The sources and options of a fixture. */
function loadCase(name: string): { sources: SourceFile[]; options: ImportOptions; single: boolean } {
  const dir = path.join(fixturesDir, name);
  const single = existsSync(path.join(dir, 'input.md'));
  const sources = single
    ? [{ path: `${name}.md`, text: readFileSync(path.join(dir, 'input.md'), 'utf8') }]
    : walk(path.join(dir, 'input')).sort().map((file) => ({ path: file, text: readFileSync(path.join(dir, 'input', file), 'utf8') }));
  const extra = existsSync(path.join(dir, 'options.json')) ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as { baseUrl?: string; license?: string; owners?: ImportOptions['owners'] }) : {};
  // The fixtures are about converting bodies and frontmatter: every article is checked as `kb check` would on the
  // import day, published if it has a resolution section. The defaults (state, visibility, dates) have their own tests.
  const options: ImportOptions = {
    today: TODAY,
    sourceName: name,
    license: extra.license,
    state: 'detect',
    visibility: 'public',
    reviewed: 'import',
    owners: { fallback: '@contoso/kb-team', ...extra.owners },
  };
  if (extra.baseUrl) options.sourceUrl = (file) => new URL(file.replace(/\.md$/, ''), extra.baseUrl).href;
  return { sources, options, single };
}

function reportLines(result: ImportResult): string {
  const lines = result.report.entries.map((entry) => `${entry.file}:${entry.line}: ${entry.class}: ${entry.message}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function check(file: string, actual: string): void {
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, path.relative(fixturesDir, file)).toBe(readFileSync(file, 'utf8'));
}

describe('convertKnowledgeBase fixtures', () => {
  test.each(cases)('%s', async (name) => {
    const dir = path.join(fixturesDir, name);
    const { sources, options, single } = loadCase(name);
    const result = convertKnowledgeBase(sources, options);
    const articles = [...result.files.keys()].filter((file) => file.startsWith('articles/'));
    if (single) {
      expect(articles).toHaveLength(1);
      check(path.join(dir, 'expected.mdx'), result.files.get(articles[0]!)!);
    } else {
      if (update) rmSync(path.join(dir, 'expected'), { recursive: true, force: true });
      for (const file of [...articles, 'taxonomy.yaml']) check(path.join(dir, 'expected', file), result.files.get(file)!);
      expect(articles.sort()).toEqual(walk(path.join(dir, 'expected')).filter((file) => file.startsWith('articles/')).sort());
    }
    check(path.join(dir, 'expected-report.txt'), reportLines(result));

    // Whatever the importer writes passes every rule of `kb check` (content-loader with rules: 'all').
    const out = mkdtempSync(path.join(tmpdir(), `kb-import-${name}-`));
    tempDirs.push(out);
    for (const [file, text] of result.files) {
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      writeFileSync(path.join(out, file), text);
    }
    const content = await loadContent(out, { rules: 'all', today: TODAY });
    expect(contentProblems(content, out).errors).toEqual([]);
    expect(content.articles).toHaveLength(articles.length);
  });
});
