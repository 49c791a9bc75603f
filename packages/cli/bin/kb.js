#!/usr/bin/env node
// The only place that touches `process`: it hands the real streams, environment and folder to `run`.
// Runs the TypeScript sources directly: the repository pins Node 24, which strips types natively.
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
