import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderCodeowners } from '../src/codeowners.ts';
import { kb } from './kb.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = (...args: string[]) => kb(args, { cwd: repoRoot });

describe('renderCodeowners', () => {
  test('one rule per folder with a single owner, one per file otherwise, catch-all first', async () => {
    expect(
      renderCodeowners(
        [
          { path: 'content/articles/en/dns/b.mdx', owner: '@nimbus/l3-networking' },
          { path: 'content/articles/en/dns/a.mdx', owner: '@nimbus/l3-networking' },
          { path: 'content/articles/en/iam/x.mdx', owner: '@nimbus/l3-identity' },
          { path: 'content/articles/en/iam/y.mdx', owner: '@nimbus/l3-security' },
        ],
        '@nimbus/kb-maintainers',
      ).split('\n').slice(1),
    ).toEqual([
      '* @nimbus/kb-maintainers',
      '/content/articles/en/dns/ @nimbus/l3-networking',
      '/content/articles/en/iam/x.mdx @nimbus/l3-identity',
      '/content/articles/en/iam/y.mdx @nimbus/l3-security',
      '',
    ]);
  });
});

// CI runs these checks on every pull request: generated files must match their sources.
describe('generated files are up to date in the repository', () => {
  test('kb codeowners --check', async () => {
    const result = await run('codeowners', '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('kb schemas --check', async () => {
    const result = await run('schemas', '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('drift is reported in one line with the fix', async () => {
    const result = await run('codeowners', '--check', '--fallback', '@someone/else');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('kb: .github/CODEOWNERS is out of date with the owner fields: run `npx kb codeowners` and commit the result');
  });
});
