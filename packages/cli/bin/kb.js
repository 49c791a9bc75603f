#!/usr/bin/env node
// Runs the TypeScript sources directly: the repository pins Node 24, which strips types natively.
import('../src/main.ts').then(({ run }) => run(process.argv.slice(2)));
