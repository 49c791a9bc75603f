#!/usr/bin/env node
// The only place that touches `process`: it hands the real streams, environment and folder to `run`.
// Runs the TypeScript sources directly: the repository pins Node 24, which strips types natively.
// Node caches the stripped and compiled modules on disk (NODE_COMPILE_CACHE, else a folder in the system temp dir):
// every later start, and every `kb link` worker thread (they inherit the variable), skips most of its load time.
const { enableCompileCache } = await import('node:module');
const compileCache = enableCompileCache?.();
if (compileCache?.directory) process.env.NODE_COMPILE_CACHE ??= compileCache.directory;
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
