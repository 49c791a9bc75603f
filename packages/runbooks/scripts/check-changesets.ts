// CI check for pull requests: every changed runbook is named in a changeset of @nimbus/runbooks, so the changelog
// (and the "what changed" box on the internal site) tells L2 about it.
// Usage: node packages/runbooks/scripts/check-changesets.ts [base-ref]   (or `npm run check:changesets -w @nimbus/runbooks`)
// base-ref defaults to origin/$GITHUB_BASE_REF, else origin/main.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkRunbookChangesets } from '../src/changeset-check.ts';

const base = process.argv[2] ?? `origin/${process.env.GITHUB_BASE_REF || 'main'}`;
const root = path.resolve(import.meta.dirname, '../../..');
// Paths relative to the repository root, wherever the script is started from.
let changed: string[];
try {
  changed = execFileSync('git', ['diff', '--name-only', `${base}...HEAD`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n').filter(Boolean);
} catch {
  console.error(`check-changesets: cannot diff against \`${base}\`; fetch it first (git fetch origin main) or pass the base ref`);
  process.exit(2);
}
const changesetDir = path.join(root, '.changeset');
const changesets = readdirSync(changesetDir)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => ({ path: `.changeset/${name}`, text: readFileSync(path.join(changesetDir, name), 'utf8') }));
const problems = checkRunbookChangesets(changed, changesets);
for (const problem of problems) console.error(`check-changesets: ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
