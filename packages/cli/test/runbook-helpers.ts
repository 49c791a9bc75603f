import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const kb = fileURLToPath(new URL('../bin/kb.js', import.meta.url));
export const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
export const walkFixtures = fileURLToPath(new URL('./fixtures/runbook-walk/', import.meta.url));
export const fixtureRunbooks = `${walkFixtures}runbooks`;

/** Runs `kb runbook …` with the repository's Node, stdin closed (not a terminal); never through a shell. */
export function runKb(args: string[], options: { cwd?: string } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [kb, 'runbook', ...args], {
      cwd: options.cwd ?? walkFixtures,
      env: { ...process.env, KB_RUNBOOKS_DIR: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
