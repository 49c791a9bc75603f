import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ImportTargetError } from '@nimbus/importer';
import { AnswersError, WalkError } from '@nimbus/runbooks';
import { IndexFormatError } from '@nimbus/case-index';
import { errorData, KbError, kbError, kbErrors } from '../src/error-catalog.ts';
import { kb } from './kb.ts';

const sources = (dir: URL): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(new URL(`${entry.name}/`, dir)) : entry.name.endsWith('.ts') ? [readFileSync(new URL(entry.name, dir), 'utf8')] : []));

describe('the error catalog', () => {
  it('names each entry by its key, with a title and an exit code', () => {
    for (const [key, data] of Object.entries(kbErrors)) {
      expect(data.name).toBe(key);
      expect(data.title.length).toBeGreaterThan(10);
      expect(Number.isInteger(data.exitCode) && data.exitCode > 0).toBe(true);
    }
  });

  it('lists every error class the packages kb runs throw at it, under its class name', () => {
    for (const error of [new ImportTargetError('x', 'dest-not-empty'), new AnswersError('x'), new WalkError('x'), new IndexFormatError('x')]) {
      expect(errorData(error)?.name).toBe(error.name);
    }
  });

  it('has no entry the commands never use (the package errors are thrown by the packages)', () => {
    const text = sources(new URL('../src/', import.meta.url)).join('\n');
    const thrownElsewhere = new Set(['UnknownCommand', 'CLIError', 'IndexFormatError', 'InternalError']);
    for (const name of Object.keys(kbErrors)) if (!thrownElsewhere.has(name)) expect(text, name).toContain(`kbErrors.${name}`);
  });

  it('chooses the exit code by name, never by the words of the message', () => {
    expect(errorData(new KbError(kbErrors.Cancelled, 'Expected a folder of articles at x'))?.exitCode).toBe(130);
    // A plain error worded like a user error is still a bug.
    expect(errorData(new Error('Expected a folder of articles at x'))).toBeUndefined();
    expect(errorData(Object.assign(new Error('x'), { name: 'InternalError' }))).toBeUndefined();
    expect(errorData('Cancelled')).toBeUndefined();
  });

  it('words the entries that have a message of their own', () => {
    expect(kbError(kbErrors.InvalidOption, 'format', 'xml', 'text or json').message).toBe('Unknown --format `xml`, expected text or json');
    expect(kbError(kbErrors.InvalidDay, 'today', '2026-13').message).toBe('Unexpected --today `2026-13`, expected YYYY-MM-DD');
    expect(kbError(kbErrors.UnreadableCases, 'cases.jsonl', 'ENOENT')).toMatchObject({ name: 'UnreadableCases', exitCode: 1, message: 'Cannot read cases from cases.jsonl (ENOENT)' });
  });
});

describe('run', () => {
  it('prints a catalog error as one line and its hint, and leaves with its code', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'kb-errors-'));
    onTestFinished(() => rm(cwd, { recursive: true, force: true }));
    const missing = await kb(['link', '--cases', 'x.jsonl'], { cwd });
    expect(missing).toMatchObject({ status: 1, stdout: '' });
    expect(missing.stderr).toBe('kb: Missing required argument: --articles (or --merge DIR)\nRun `kb link --help` for its arguments and options.\n');
    const folder = await kb(['link', '--articles', 'nowhere', '--cases', 'x.jsonl'], { cwd });
    expect(folder).toMatchObject({ status: 1, stderr: 'kb: Expected a folder of articles at nowhere\n' });
  });
});
