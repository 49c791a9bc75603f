import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunbooksDir } from '@nimbus/runbooks';

const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the real build script on `contentDir`, writing both sites below `outRoot`. Tests build copies of the sample
 * content, so they pair it with the repository's runbooks unless KB_RUNBOOKS_DIR names others.
 */
export function buildSite(contentDir: string, outRoot: string): Promise<{ code: number | null; stdout: string; stderr: string; publicDir: string; internalDir: string }> {
  const publicDir = path.join(outRoot, 'dist');
  const internalDir = path.join(outRoot, 'dist-internal');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteRoot, 'scripts/build.ts')], {
      cwd: siteRoot,
      env: { ...process.env, KB_RUNBOOKS_DIR: process.env.KB_RUNBOOKS_DIR || defaultRunbooksDir(), KB_CONTENT_DIR: contentDir, KB_PUBLIC_OUT: publicDir, KB_INTERNAL_OUT: internalDir, KB_CACHE_DIR: path.join(outRoot, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, publicDir, internalDir }));
  });
}
