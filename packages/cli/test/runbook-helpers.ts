import { fileURLToPath } from 'node:url';
import { kb as runInProcess, type KbResult } from './kb.ts';

export const kb = fileURLToPath(new URL('../bin/kb.js', import.meta.url));
export const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
export const walkFixtures = fileURLToPath(new URL('./fixtures/runbook-walk/', import.meta.url));
export const fixtureRunbooks = `${walkFixtures}runbooks`;

/** Runs `kb runbook …` in-process, stdin empty (not a terminal), no runbook folder from the environment. */
export function runKb(args: string[], options: { cwd?: string } = {}): Promise<KbResult> {
  return runInProcess(['runbook', ...args], { cwd: options.cwd ?? walkFixtures, env: { KB_RUNBOOKS_DIR: '', NO_COLOR: '1' } });
}
