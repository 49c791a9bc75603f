// Serves the built sites: the public one on PORT (default 4321), the internal one on PORT + 1.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts a static server for a built site folder; resolves with the server once it listens. */
export function serveDir(dir: string, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const handler = sirv(dir, { extensions: ['html'], single: false, dev: false, etag: true });
  const headers = readHeadersFile(path.join(dir, '_headers'));
  const server = http.createServer((request, response) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    handler(request, response, () => {
      response.statusCode = 404;
      response.setHeader('content-type', 'text/html; charset=utf-8');
      createReadStream(notFoundPage(dir, request.url ?? '/')).on('error', () => response.end('Not found')).pipe(response);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const host = process.env.HOST ?? '127.0.0.1';
  // The same output folders the build script writes (KB_PUBLIC_OUT / KB_INTERNAL_OUT move them).
  await serveDir(path.resolve(process.env.KB_PUBLIC_OUT ?? path.join(siteRoot, 'dist')), port, host);
  await serveDir(path.resolve(process.env.KB_INTERNAL_OUT ?? path.join(siteRoot, 'dist-internal')), port + 1, host);
  console.log(`Knowledge center (public):   http://${host}:${port}/`);
  console.log(`Knowledge center (internal): http://${host}:${port + 1}/`);
}

/**
 * The 404 page for a missing address, as Cloudflare Pages picks it (and Netlify with the site's `_redirects`): the
 * closest `404.html` up the path, so `/zh-tw/…` gets `zh-tw/404.html` and everything else `404.html`.
 */
export function notFoundPage(dir: string, url: string): string {
  const pathname = url.split(/[?#]/, 1)[0]!;
  const segments = pathname.split('/').filter(Boolean);
  for (let depth = segments.length; depth > 0; depth--) {
    const candidate = path.join(dir, ...segments.slice(0, depth), '404.html');
    // Only folders of the site itself: a `..` segment never reaches this far (sirv refuses it), but never trust it.
    if (candidate.startsWith(path.join(dir, path.sep)) && existsSync(candidate)) return candidate;
  }
  return path.join(dir, '404.html');
}

/** The headers of the `/*` block of a `_headers` file, so local previews and tests run under the production CSP. */
function readHeadersFile(file: string): [string, string][] {
  if (!existsSync(file)) return [];
  const block = readFileSync(file, 'utf8').split(/\n(?=\S)/).find((section) => section.startsWith('/*\n')) ?? '';
  return block
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
}
