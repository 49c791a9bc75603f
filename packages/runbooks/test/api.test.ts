import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import {
  caseNoteHeadings,
  changesSince,
  checkParameterValue,
  closestMatches,
  compareVersions,
  defaultRunbooksDir,
  fillPlaceholders,
  findByTrigger,
  getRunbook,
  loadRunbooks,
  parseChangelog,
  placeholdersIn,
  renderCaseNote,
  runbookChangelog,
  runbookProblems,
  stepGraph,
  validateArticleRunbooks,
  walkRunbook,
  WalkError,
  type LoadedRunbooks,
  type Runbook,
  type StepDecision,
  type WalkDriver,
} from '../src/index.ts';
import { readFile } from 'node:fs/promises';
import { fixtureRunbooks, realTaxonomy } from './helpers.ts';

const articlesDir = fileURLToPath(new URL('../../../content/articles/en/', import.meta.url));
const articleIds = readdirSync(articlesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((product) => readdirSync(`${articlesDir}${product.name}`).map((file) => `${product.name}/${file.replace(/\.mdx$/, '')}`));
let loaded: LoadedRunbooks;
let runbooks: Runbook[];

beforeAll(async () => {
  loaded = await loadRunbooks(defaultRunbooksDir(), { taxonomy: realTaxonomy(), articleIds, today: '2026-11-21' });
  runbooks = loaded.runbooks;
});

/** A driver that answers from a table, `expected` for steps it does not name. */
function scripted(answers: Record<string, StepDecision | StepDecision[]>, extra: Partial<WalkDriver> = {}): WalkDriver {
  return {
    async decide(step, visit) {
      const answer = answers[step.id];
      return (Array.isArray(answer) ? answer[Math.min(visit, answer.length - 1)] : answer) ?? { outcome: 'expected' };
    },
    ...extra,
  };
}

describe('the runbooks of the package', () => {
  it('are at least ten, across at least four areas, and all valid', () => {
    expect(runbookProblems(loaded)).toEqual({ errors: [], warnings: [] });
    expect(runbooks.length).toBeGreaterThanOrEqual(10);
    expect(loaded.files).toHaveLength(runbooks.length);
    expect(new Set(runbooks.map((runbook) => runbook.area)).size).toBeGreaterThanOrEqual(4);
  });

  it('include the runbooks of the issue, and each but triage links to articles', () => {
    const ids = runbooks.map((runbook) => runbook.id);
    for (const id of ['vm-unreachable', 'vm-boot-loop', 'backup-job-failing', 'restore-from-snapshot', 'disk-full-or-iops-throttled', 'load-balancer-health-checks-failing', 'dns-resolution-failing-in-vnet', 'access-denied-or-expired-credentials', 'kubernetes-node-notready', 'severity-triage']) {
      expect(ids).toContain(id);
    }
    for (const runbook of runbooks.filter((candidate) => candidate.id !== 'severity-triage')) expect(runbook.articles.length, runbook.id).toBeGreaterThan(0);
  });

  it('mark change steps, each with a rollback', () => {
    const changes = runbooks.flatMap((runbook) => runbook.steps.filter((step) => step.kind === 'change'));
    expect(changes.length).toBeGreaterThan(10);
    for (const step of changes) {
      expect(step.rollback?.length, step.id).toBeGreaterThan(0);
      expect(['customer', 'l3']).toContain(step.approval);
    }
  });

  it('severity triage first checks the chosen severity against the definitions', () => {
    const triage = getRunbook(runbooks, 'severity-triage')!;
    const first = triage.steps[0]!;
    expect(first.id).toBe('check-chosen-severity');
    expect(first.action.some((node) => node.type === 'mdxJsxFlowElement' && node.name === 'Severities')).toBe(true);
    expect(first.ifDifferent.map((branch) => branch.goto)).toEqual(['agree-lower-severity', 'raise-severity']);
  });

  it('getRunbook finds by id, or gives undefined', () => {
    expect(getRunbook(runbooks, 'vm-unreachable')?.title).toMatch(/unreachable/i);
    expect(getRunbook(runbooks, 'nope')).toBeUndefined();
  });

  it('changelog entries name every runbook', async () => {
    const entries = parseChangelog(await readFile(new URL('../CHANGELOG.md', import.meta.url), 'utf8'), runbooks.map((runbook) => runbook.id));
    for (const runbook of runbooks) expect(runbookChangelog(entries, runbook.id).length, runbook.id).toBeGreaterThan(0);
  });
});

describe('stepGraph', () => {
  const link = (id: string, options: { next?: string; goto?: string[]; escalate?: boolean } = {}) => ({
    id,
    ...(options.next ? { next: options.next } : {}),
    ifDifferent: [...(options.goto ?? []).map((goto) => ({ goto, escalate: false })), ...(options.escalate ? [{ escalate: true }] : [])],
  });

  it('follows document order by default, `next` and `goto` otherwise', () => {
    const graph = stepGraph({ steps: [link('a', { goto: ['c'] }), link('b', { escalate: true }), link('c', { next: 'end', goto: ['a'] })] });
    expect(graph.start).toBe('a');
    expect(graph.edges).toEqual([
      { from: 'a', to: 'b', outcome: 'expected' },
      { from: 'a', to: 'c', outcome: 'different', branch: 0 },
      { from: 'b', to: 'c', outcome: 'expected' },
      { from: 'b', to: 'escalate', outcome: 'different', branch: 0 },
      { from: 'c', to: 'end', outcome: 'expected' },
      { from: 'c', to: 'a', outcome: 'different', branch: 0 },
    ]);
    expect(graph.unreachable).toEqual([]);
    expect(graph.trappedCycles).toEqual([]);
    expect(graph.successors('b').map((edge) => edge.to)).toEqual(['c', 'escalate']);
  });

  it('finds dangling targets, unreachable steps and cycles without an exit', () => {
    const graph = stepGraph({ steps: [link('a', { next: 'b', goto: ['b'] }), link('b', { next: 'a', goto: ['zz'] }), link('c', { escalate: true })] });
    expect(graph.dangling).toEqual([{ from: 'b', to: 'zz', outcome: 'different', branch: 0 }]);
    expect(graph.unreachable).toEqual(['c']);
    expect(graph.trappedCycles).toEqual([['a', 'b']]);
  });

  it('a step that only loops to itself is a trapped cycle; one with an exit is not', () => {
    expect(stepGraph({ steps: [link('a', { next: 'a', goto: ['a'] })] }).trappedCycles).toEqual([['a']]);
    expect(stepGraph({ steps: [link('a', { goto: ['a'] })] }).trappedCycles).toEqual([]);
  });
});

describe('findByTrigger', () => {
  it.each([
    ['ssh: connect to host 203.0.113.25 port 22: Connection timed out', 'vm-unreachable'],
    ['KubeletNotReady PLEG is not healthy: pleg was last seen active 3m12s ago', 'kubernetes-node-notready'],
    ["Writer 'SqlServerWriter' failed: VSS_E_WRITERERROR_TIMEOUT (0x800423f2)", 'backup-job-failing'],
    ['ExpiredToken: The security token included in the request is expired', 'access-denied-or-expired-credentials'],
    ['** server can\'t find db.corp.internal: NXDOMAIN', 'dns-resolution-failing-in-vnet'],
    ['all targets UNHEALTHY, Target.Timeout, clients get 502 Bad Gateway', 'load-balancer-health-checks-failing'],
    ['The customer opened a case as Critical or High', 'severity-triage'],
  ])('%s → %s', (text, id) => {
    const matches = findByTrigger(runbooks, text);
    expect(matches[0]?.runbook.id).toBe(id);
    expect(matches[0]?.score).toBeGreaterThan(0.5);
  });

  it('finds nothing for unrelated or empty text', () => {
    expect(findByTrigger(runbooks, 'how do I change my invoice address')).toEqual([]);
    expect(findByTrigger(runbooks, '  ')).toEqual([]);
  });
});

describe('parameters', () => {
  const parameter = { name: 'instanceId', description: 'The instance', pattern: 'i-[0-9a-f]{17}', example: 'i-0abc4f2e9d81c7a53' };

  it('fills known placeholders, leaves others, and ignores shell `${var}` and JSON-like braces', () => {
    expect(fillPlaceholders('--id {instanceId} --r {region} ${HOME} {a: b}', { instanceId: 'i-1' })).toBe('--id i-1 --r {region} ${HOME} {a: b}');
    expect(placeholdersIn('{a} {b} {a} ${c} {D}')).toEqual(['a', 'b']);
  });

  it('checks a value against the whole pattern', () => {
    expect(checkParameterValue(parameter, 'i-0abc4f2e9d81c7a53')).toBeUndefined();
    expect(checkParameterValue(parameter, 'xi-0abc4f2e9d81c7a53')).toBe('Unexpected `xi-0abc4f2e9d81c7a53` for `instanceId`, expected a value matching `i-[0-9a-f]{17}`, e.g. `i-0abc4f2e9d81c7a53`');
    expect(checkParameterValue(parameter, '')).toMatch(/^Missing value for `instanceId`/);
  });

  it('never echoes a secret typed as a value', () => {
    expect(checkParameterValue(parameter, 'ops@customer.example')).toBe('Unexpected `[redacted:email]` for `instanceId`, expected a value matching `i-[0-9a-f]{17}`, e.g. `i-0abc4f2e9d81c7a53`');
  });
});

describe('closestMatches', () => {
  it('suggests by edit distance and by containment, best first', () => {
    const ids = ['vm-unreachable', 'vm-boot-loop', 'backup-job-failing', 'severity-triage'];
    expect(closestMatches('vm-unreachble', ids)).toEqual(['vm-unreachable']);
    expect(closestMatches('backup', ids)).toEqual(['backup-job-failing']);
    expect(closestMatches('zzzzzzzz', ids)).toEqual([]);
  });
});

describe('changelog', () => {
  const markdown = `# @nimbus/runbooks

## 0.3.0

### Patch Changes

- 1a2b3c4: Fixes the command of step \`security-group\` in \`vm-unreachable\`.

## 0.2.0

### Minor Changes

- Adds step \`snapshot-root\` to \`vm-boot-loop\`,
  so every repair starts from a snapshot.
- Adds \`vm-unreachable-v2\`.

## 0.1.0

- First release of \`vm-unreachable\` and \`vm-boot-loop\`.
`;
  const entries = parseChangelog(markdown, ['vm-unreachable', 'vm-boot-loop', 'vm-unreachable-v2']);

  it('reads versions, change types and the runbooks each entry names', () => {
    expect(entries).toEqual([
      { version: '0.3.0', type: 'patch', text: 'Fixes the command of step `security-group` in `vm-unreachable`.', runbooks: ['vm-unreachable'] },
      { version: '0.2.0', type: 'minor', text: 'Adds step `snapshot-root` to `vm-boot-loop`,\nso every repair starts from a snapshot.', runbooks: ['vm-boot-loop'] },
      { version: '0.2.0', type: 'minor', text: 'Adds `vm-unreachable-v2`.', runbooks: ['vm-unreachable-v2'] },
      { version: '0.1.0', text: 'First release of `vm-unreachable` and `vm-boot-loop`.', runbooks: ['vm-unreachable', 'vm-boot-loop'] },
    ]);
  });

  it('gives one runbook\'s entries, and those newer than a version', () => {
    const own = runbookChangelog(entries, 'vm-unreachable');
    expect(own.map((entry) => entry.version)).toEqual(['0.3.0', '0.1.0']);
    expect(changesSince(own, '0.1.0').map((entry) => entry.version)).toEqual(['0.3.0']);
    expect(changesSince(own, undefined)).toHaveLength(2);
    expect(compareVersions('0.10.0', '0.9.1')).toBeGreaterThan(0);
    expect(compareVersions('v1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBeLessThan(0);
  });
});

describe('walkRunbook and renderCaseNote', () => {
  let frozen: Runbook[];
  beforeAll(async () => {
    frozen = await fixtureRunbooks();
  });
  const parameters = { instanceId: 'i-0abc4f2e9d81c7a53', region: 'eu-central-1', port: '22', sourceIp: '198.51.100.7', publicIp: '203.0.113.25', securityGroupId: 'sg-04d8a1e7c2b9f3605', subnetId: 'subnet-0c41d7e2b9a5f3816' };

  it('follows a different result to its branch and ends with a note in four sections', async () => {
    const runbook = getRunbook(frozen, 'vm-unreachable')!;
    const record = await walkRunbook(runbook, parameters, scripted({
      'security-group': { outcome: 'different', branch: 0, note: 'Only 3389 is open; the customer (ops@customer.example) connects from 198.51.100.7.' },
      'add-ingress-rule': { outcome: 'expected', note: 'Rule sgr-0f1e2d3c added.' },
    }, { verify: async () => ({ passed: true }) }));
    expect(record.steps.map((entry) => entry.step.id)).toEqual(['instance-state', 'security-group', 'add-ingress-rule']);
    expect(record.exit).toBe('end');
    const note = renderCaseNote(record, { version: '0.1.0' });
    expect(note.match(/^## .+$/gm)).toEqual(caseNoteHeadings.map((heading) => `## ${heading}`));
    expect(note).toContain('**different**');
    expect(note).toContain('(change, with the customer\'s consent): done');
    expect(note).not.toContain('198.51.100.7');
    expect(note).not.toContain('ops@customer.example');
    expect(note).toContain('Runbook `vm-unreachable` v0.1.0, 3 steps walked');
  });

  it('stops at a declined change and escalates when a branch says so', async () => {
    const runbook = getRunbook(frozen, 'vm-unreachable')!;
    const declined = await walkRunbook(runbook, parameters, scripted({ 'security-group': { outcome: 'different' }, 'add-ingress-rule': { outcome: 'declined' } }));
    expect(declined.exit).toBe('declined');
    expect(renderCaseNote(declined)).toMatch(/\*\*not performed\*\*, the customer's consent was not given/);
    const escalated = await walkRunbook(runbook, parameters, scripted({ 'network-acl': { outcome: 'different', note: 'deny rule 90' } }));
    expect(escalated.exit).toBe('escalate');
    expect(renderCaseNote(escalated)).toContain('- Escalate to L3 (`@nimbus/l3-networking`) from step 4');
    expect(renderCaseNote(escalated)).toContain('- No change was made to the customer\'s resources');
    // The Escalation section asks for "the output of steps 1 to 5"; step 5 never ran, so the note names what did.
    expect(renderCaseNote(escalated)).not.toContain('steps 1 to 5');
    expect(renderCaseNote(escalated)).toMatch(/ {2}- the output of the steps run: step 1 \(confirm the instance is running[^)]*\); step 2 \(.*\); step 3 \(.*\); step 4 \(check the network ACL of the subnet in both directions\);\n/);
    expect(renderCaseNote(escalated)).toContain('  - the customer\'s source address and the exact time of a failed attempt (UTC), for the flow logs;');
  });

  it('stops a walk that keeps looping, and rejects a branch that does not exist', async () => {
    const runbook = getRunbook(frozen, 'restore-from-snapshot')!;
    await expect(walkRunbook(runbook, {}, scripted({ 'confirm-snapshot': { outcome: 'different', branch: 0 } }), { maxVisits: 5 })).rejects.toThrow(WalkError);
    await expect(walkRunbook(runbook, {}, scripted({ 'confirm-snapshot': { outcome: 'different', branch: 7 } }))).rejects.toThrow('Step `confirm-snapshot` has no branch 8: it has 2');
  });
});

describe('validateArticleRunbooks', () => {
  it('reports an unknown runbook id at its item, with the closest match', () => {
    const file = new VFile({ path: 'articles/en/compute/x.mdx', value: '---\ntitle: X\nrunbooks:\n  - vm-unreachable\n  - vm-unreachble\n---\n' });
    expect(validateArticleRunbooks(file, runbooks.map((runbook) => runbook.id))).toEqual(['vm-unreachable']);
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason} (${message.ruleId})`)).toEqual([
      '5:5 Unknown runbook `vm-unreachble`, no file `vm-unreachble.mdx` in the runbooks package (did you mean `vm-unreachable`?) (unknown-runbook)',
    ]);
  });
});
