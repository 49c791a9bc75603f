// `npm start`: builds both sites to send their events to the collector, then serves the public site (PORT, default
// 4321), the internal site (PORT + 1), the collector's intake (PORT + 2) and its read API (PORT + 3, token only,
// for the internal reports page). Stops everything on Ctrl+C, or when one of them stops.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
// Pages run in the reader's browser: a server listening on every interface is still reached through one name.
const browserHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

/** The read API's token: from the environment, or made once and kept in `.kb/read-token` (ignored by git). */
function readToken(): string {
  if (process.env.KB_EVENTS_READ_TOKEN) return process.env.KB_EVENTS_READ_TOKEN;
  const file = path.join(root, '.kb', 'read-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

const collectorPort = Number(process.env.KB_COLLECTOR_PORT ?? port + 2);
const readPort = Number(process.env.KB_COLLECTOR_READ_PORT ?? collectorPort + 1);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOST: host,
  KB_COLLECTOR_PORT: String(collectorPort),
  KB_COLLECTOR_READ_PORT: String(readPort),
  KB_EVENTS_ENDPOINT: process.env.KB_EVENTS_ENDPOINT ?? `http://${browserHost}:${collectorPort}/v1/events`,
  // The site's build script hands these two to the internal site only.
  KB_EVENTS_READ_URL: process.env.KB_EVENTS_READ_URL ?? `http://${browserHost}:${readPort}`,
  KB_EVENTS_READ_TOKEN: readToken(),
};

const build = spawnSync(process.execPath, [path.join(root, 'scripts/turbo-with-inputs.ts'), 'run', 'build'], { cwd: root, env, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children: ChildProcess[] = [
  spawn(process.execPath, [path.join(root, 'apps/collector/src/main.ts')], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'apps/site/scripts/serve.ts')], { cwd: root, env, stdio: 'inherit' }),
];
let stopping = false;
const stopAll = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stopAll(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
