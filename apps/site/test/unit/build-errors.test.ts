import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildSite } from '../build-site.ts';
import { minimalContentDir } from '../content-fixture.ts';

let workDir: string;
let contentDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kb-build-errors-'));
  contentDir = path.join(workDir, 'content');
  await cp(minimalContentDir, contentDir, { recursive: true });
});
afterEach(async () => rm(workDir, { recursive: true, force: true }));

const base = (body: string) => `---
title: How do I fix a broken example article?
description: An article that breaks one rule, for the build test.
product: compute
area: virtualization
state: validated
visibility: public
locale: en
updated: 2026-10-01
reviewed: 2026-10-01
owner: "@nimbus/l3-compute"
---
${body}`;

describe('bad content stops the build with file:line:col, no stack trace, and keeps the previous output', () => {
  test.each([
    ['unknown product', base('## Resolution\n').replace('product: compute', 'product: mainframe'), /broken\.mdx:4:1: error: Unknown product `mainframe`.*\(unknown-product\)/],
    ['malformed frontmatter', base('').replace('state: validated', 'state: [validated'), /broken\.mdx:\d+:\d+: error: Invalid YAML: .*\(frontmatter-yaml\)/],
    ['MDX syntax error', base('## Resolution\n\nRun it with {flags\n'), /broken\.mdx:15:\d+: error: MDX syntax error: .*\(mdx-syntax\)/],
    ['raw HTML script', base('## Resolution\n\n<script>window.__pwned = 1</script>\n'), /broken\.mdx:15:1: error: Unexpected HTML element `<script>`.*\(mdx-code\)/],
    ['javascript: link', base('## Resolution\n\nOpen [the console](JaVaScRiPt:alert(1)).\n'), /broken\.mdx:15:6: error: Unexpected `javascript:` URL.*\(link-unsafe\)/],
  ])('%s', async (_name, source, expected) => {
    const previous = path.join(workDir, 'out/dist');
    await mkdir(previous, { recursive: true });
    await writeFile(path.join(previous, 'index.html'), 'previous build');
    await writeFile(path.join(contentDir, 'articles/en/compute/broken.mdx'), source);
    const result = await buildSite(contentDir, path.join(workDir, 'out'), { KB_RUNBOOKS_DIR: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).toMatch(/Build stopped: 1 error\(s\)/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await readFile(path.join(previous, 'index.html'), 'utf8')).toBe('previous build');
  });
});
