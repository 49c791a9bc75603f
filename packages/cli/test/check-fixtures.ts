import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished } from 'vitest';
import { kb } from './kb.ts';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/check');

/** Copies the base content folder, adds the fixture's broken file at its path, and runs `kb check` there. */
export async function runCheckFixture(name: string | undefined, extraArgs: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-check-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(fixturesDir, '_base'), dir, { recursive: true });
  if (name) {
    const target = readFileSync(path.join(fixturesDir, name, 'path.txt'), 'utf8').trim();
    mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    const input = readdirSync(path.join(fixturesDir, name)).find((file) => file.startsWith('input.')) ?? 'input.mdx';
    writeFileSync(path.join(dir, target), readFileSync(path.join(fixturesDir, name, input)));
  }
  const result = await kb(['check', '--content', dir, '--today', '2026-11-21', ...extraArgs], { cwd: dir });
  return { dir, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `kb check` over `content` as of today and expects it clean: nothing on stdout, exit 0. */
export async function expectCleanCheck(content: string, cwd = content): Promise<void> {
  const check = await kb(['check', '--content', content, '--today', new Date().toISOString().slice(0, 10)], { cwd });
  expect(check.stdout).toBe('');
  expect(check.status).toBe(0);
}
