import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveDir } from '../../scripts/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    publicUrl: string;
    internalUrl: string;
  }
}

const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Browser tests run against the real build (turbo runs `build` before `test:e2e`), served like production.
export default async function setup(project: TestProject) {
  const servers: Server[] = [];
  for (const [key, dir] of [['publicUrl', 'dist'], ['internalUrl', 'dist-internal']] as const) {
    const root = path.join(siteRoot, dir);
    if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${dir}/ has no build: run \`npm run build\` first`);
    const server = await serveDir(root, 0);
    servers.push(server);
    project.provide(key, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  };
}
