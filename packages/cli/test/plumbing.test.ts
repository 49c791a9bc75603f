// The `kb` command itself: version, help per command, unknown verbs and options, plain output off a terminal.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { kb } from './kb.ts';

const cwd = new URL('.', import.meta.url).pathname;
const ESC = '\u001b[';
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('kb', () => {
  test('--version prints the package version', async () => {
    for (const flag of ['--version', '-v']) expect(await kb([flag], { cwd })).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('a sub-command prints its own flags with --help, and nothing else runs', async () => {
    const result = await kb(['new', 'article', '--help'], { cwd });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('USAGE kb new article');
    expect(result.stdout).toContain('--title');
    expect(result.stdout).toContain('--error');
    expect(result.stdout).not.toContain('COMMANDS');
    const link = await kb(['link', '-h'], { cwd });
    expect(link.stdout).toContain('USAGE kb link');
    expect(link.stdout).toContain('--ledger');
  });

  test('a group without its verb lists the verbs; exit 1 unless help was asked for', async () => {
    const bare = await kb(['new'], { cwd });
    expect(bare.status).toBe(1);
    expect(bare.stdout).toMatch(/COMMANDS[\s\S]*article[\s\S]*runbook/);
    expect((await kb([], { cwd })).stdout).toContain('USAGE kb');
    expect((await kb(['--help'], { cwd })).status).toBe(0);
  });

  test('an unknown verb is one line with the closest verbs', async () => {
    expect(await kb(['chek'], { cwd })).toEqual({ status: 1, stdout: '', stderr: 'kb: Unknown command `kb chek`, did you mean `kb check`? (kb --help lists them)\n' });
    expect((await kb(['new', 'artcle'], { cwd })).stderr).toContain('did you mean `kb new article`?');
  });

  test('an unknown option is an error with the closest options, never silently ignored', async () => {
    const result = await kb(['check', '--formt', 'json'], { cwd });
    expect(result).toEqual({ status: 1, stdout: '', stderr: 'kb: Unknown option `--formt` for `kb check`, did you mean `--format`?\n' });
  });

  test('a missing required flag names it and where the help is', async () => {
    const result = await kb(['link', '--cases', 'x.jsonl'], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('kb: Missing required argument: --articles (or --merge DIR)\nRun `kb link --help` for its arguments and options.\n');
  });

  test('no colour codes when not a terminal, or on a terminal with NO_COLOR set', async () => {
    expect((await kb(['link', '--help'], { cwd })).stdout).not.toContain(ESC);
    expect((await kb(['link', '--help'], { cwd, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});
