// Vitest global set-up: the PostgreSQL tests need a real server. `.ci/run` starts one and sets
// KB_TEST_POSTGRES_URL; without it, this starts a throw-away server from Debian's postgresql (initdb into a
// temporary folder, loopback only) and stops it afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Starts a server unless one is given; returns the teardown. */
export default function setup(project: TestProject): (() => void) | undefined {
  if (process.env.KB_TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.KB_TEST_POSTGRES_URL);
    return undefined;
  }
  const bin = postgresBin();
  if (!bin) throw new Error('The collector tests need PostgreSQL: set KB_TEST_POSTGRES_URL, or install Debian\'s postgresql (apt-get install -y postgresql)');
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-pg-'));
  // initdb refuses to run as root: as root, run the server as the postgres user the Debian package created.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length > 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (command: string, args: string[]) => {
    const [file, ...rest] = [...asUser, path.join(bin, command), ...args];
    const result = spawnSync(file!, rest, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const port = 20_000 + (process.pid % 20_000);
  run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run('pg_ctl', ['-D', path.join(dir, 'data'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=on`, '-l', path.join(dir, 'log'), '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.env.KB_TEST_POSTGRES_URL = url;
  project.provide('postgresUrl', url);
  return () => {
    spawnSync(asUser[0] ?? path.join(bin, 'pg_ctl'), [...asUser.slice(1), ...(asUser.length ? [path.join(bin, 'pg_ctl')] : []), '-D', path.join(dir, 'data'), '-m', 'fast', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
