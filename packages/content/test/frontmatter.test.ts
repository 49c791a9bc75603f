import { describe, expect, it } from 'vitest';
import { findFrontmatter, parseFrontmatter } from '../src/frontmatter.ts';

const source = [
  '---', //                      1
  'title: Example', //           2
  'errors:', //                  3
  '  - First', //                4
  '  - Second', //               5
  'nested:', //                  6
  '  deeper:', //                7
  '    list: [alpha, beta]', //  8
  '    map:', //                 9
  '      key: value', //         10
  'related: []', //              11
  '---', //                      12
  '', //                         13
  'Body', //                     14
].join('\n');

describe('findFrontmatter', () => {
  it('cuts out the YAML between the fences, with the lines of both ends', () => {
    const block = findFrontmatter(source);
    expect(block).toEqual({ yaml: source.split('\n').slice(1, 11).join('\n'), firstLine: 2, closingLine: 12 });
  });

  it('accepts CRLF line endings, a byte order mark and trailing blanks on the fences', () => {
    expect(findFrontmatter(source.replaceAll('\n', '\r\n'))).toEqual(findFrontmatter(source));
    expect(findFrontmatter(`\uFEFF${source}`)).toEqual(findFrontmatter(source));
    expect(findFrontmatter('--- \ntitle: x\n---\t\n')).toEqual({ yaml: 'title: x', firstLine: 2, closingLine: 3 });
  });

  it('reads an empty block', () => {
    expect(findFrontmatter('---\n---\n\nBody\n')).toEqual({ yaml: '', firstLine: 2, closingLine: 2 });
  });

  it.each([
    ['no fences', 'title: x\n\nBody\n'],
    ['a blank line before the opening fence', '\n---\ntitle: x\n---\n'],
    ['no closing fence', '---\ntitle: x\n\nBody\n'],
    ['four dashes', '----\ntitle: x\n----\n'],
    ['an indented fence', ' ---\ntitle: x\n---\n'],
    ['an empty file', ''],
  ])('finds nothing with %s', (_, text) => {
    expect(findFrontmatter(text)).toBeUndefined();
  });
});

describe('parseFrontmatter', () => {
  const block = findFrontmatter(source);
  if (!block) throw new Error('no frontmatter in the sample');
  const parsed = parseFrontmatter(block);

  it('parses with YAML 1.2: dates and yes/no stay strings', () => {
    const dates = parseFrontmatter({ yaml: 'updated: 2026-09-14\nstate: no\ncount: 12\nlist: [a, 1]', firstLine: 2, closingLine: 6 });
    expect(dates.problems).toEqual([]);
    expect(dates.data).toEqual({ updated: '2026-09-14', state: 'no', count: 12, list: ['a', 1] });
    expect(parsed.data).toEqual({ title: 'Example', errors: ['First', 'Second'], nested: { deeper: { list: ['alpha', 'beta'], map: { key: 'value' } } }, related: [] });
  });

  it.each([
    [['title'], 2, 1],
    [['errors'], 3, 1],
    [['errors', 0], 4, 5],
    [['errors', 1], 5, 5],
    [['nested', 'deeper'], 7, 3],
    [['nested', 'deeper', 'list', 0], 8, 12],
    [['nested', 'deeper', 'list', 1], 8, 19],
    [['nested', 'deeper', 'map', 'key'], 10, 7],
  ])('locates %j at %i:%i', (path, line, column) => {
    expect(parsed.locate(path)).toMatchObject({ line, column });
  });

  it.each([
    [['errors', 5], 3, 1, 'a missing item → its list'],
    [['nested', 'deeper', 'missing'], 7, 3, 'a missing key → its mapping'],
    [['nested', 'deeper', 'list', 'name'], 8, 5, 'a key into a list → the list'],
    [['title', 0], 2, 1, 'a path through a scalar → the scalar'],
    [['related', 0], 11, 1, 'an item of an empty list → the list'],
    [['missing'], 12, 1, 'a missing top-level key → the closing fence'],
    [[], 12, 1, 'the whole frontmatter → the closing fence'],
  ])('falls back for %j to %i:%i (%s)', (path, line, column) => {
    expect(parsed.locate(path)).toMatchObject({ line, column });
  });

  it('reports YAML problems at their place in the file, with no data', () => {
    const broken = parseFrontmatter({ yaml: 'title: ok\nowner: @nimbus/team\ntitle: again', firstLine: 5, closingLine: 8 });
    expect(broken.data).toBeUndefined();
    expect(broken.problems.map((problem) => ({ reason: problem.reason, line: problem.place.line, column: problem.place.column }))).toEqual([
      { reason: 'Plain value cannot start with reserved character @', line: 6, column: 8 },
      { reason: 'Map keys must be unique', line: 7, column: 1 },
    ]);
  });

  it('reports an unclosed quote at the end of its line', () => {
    const broken = parseFrontmatter({ yaml: 'owner: x\ntitle: "unclosed', firstLine: 2, closingLine: 4 });
    expect(broken.data).toBeUndefined();
    expect(broken.problems.map((problem) => `${problem.place.line}:${problem.place.column}: ${problem.reason}`)).toEqual(['3:17: Missing closing "quote']);
  });

  // Regression (src/frontmatter.ts, toPoint): the line is shifted to the file, but `offset` stays the offset in the YAML text,
  // so a Point that claims to be in the file carries an offset 4 bytes (the `---\n` fence) too early — more with CRLF.
  it('gives points whose offset is the offset in the file, like their line and column', () => {
    const point = parsed.locate(['errors', 1]);
    expect(point).toMatchObject({ line: 5, column: 5 });
    // The offset may be left out, but when it is there it must point at `Second` in the file.
    if (point.offset !== undefined) expect(point.offset).toBe(source.indexOf('Second'));
  });
});
