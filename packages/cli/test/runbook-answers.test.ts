// `kb runbook` without a person: --answers files, bad input as one line, and --check on every rule fixture.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { corpus, corpusSummary, corpusText, describedCounts, leaks, lostLookalikes, oneLine } from './redaction-corpus.ts';
import { contentDir, fixtureRunbooks, runKb, walkFixtures } from './runbook-helpers.ts';

// Each case starts a Node process that loads the content folder (about a second); on two busy cores, give them time.
vi.setConfig({ testTimeout: 60_000 });

const read = (file: string) => readFileSync(path.join(walkFixtures, file), 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'kb-runbook-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = ['--dir', fixtureRunbooks, '--content', contentDir, '--today', '2026-11-21'];

describe('kb runbook --answers', () => {
  test('walks the fixture runbook and prints the expected case note', async () => {
    const result = await runKb(['port-closed', ...fixture, '--answers', 'answers.yaml', '--param', 'port=22']);
    // What was redacted from the notes, in counts only.
    expect(result.stderr).toBe('kb: redacted from the case note: 1 × access key, 1 × e-mail address, 1 × IPv4 address\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(read('expected-note.md'));
  });

  test('a JSON answers file gives the same note, and --out writes it to a file', async () => {
    const answers = path.join(work, 'answers.json');
    writeFileSync(answers, JSON.stringify(parse(read('answers.yaml'))));
    const out = path.join(work, 'note.md');
    const result = await runKb(['port-closed', ...fixture, '--answers', answers, '--param=port=22', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`Case note written to ${out}\nkb: redacted from the case note: 1 × access key, 1 × e-mail address, 1 × IPv4 address`);
    expect(readFileSync(out, 'utf8')).toBe(read('expected-note.md'));
  });

  test('walks a real runbook of the package: vm-unreachable', async () => {
    const result = await runKb(['vm-unreachable', '--content', contentDir, '--today', '2026-11-21', '--answers', 'vm-unreachable.answers.yaml']);
    expect(result.stderr).toBe('kb: redacted from the case note: 1 × e-mail address, 3 × IPv4 address\n');
    expect(result.stdout).toBe(read('vm-unreachable.expected.md'));
    // Redacted: the customer's address and e-mail never reach the note.
    expect(result.stdout).not.toMatch(/198\.51\.100\.7|ops@customer/);
  });

  test('an escalating branch says "Escalate to L3", and the note asks L3 only for what was run', async () => {
    const answers = path.join(work, 'escalate.yaml');
    writeFileSync(answers, stringify({ parameters: { instanceId: 'i-0abc4f2e9d81c7a53', port: '22' }, steps: { 'check-state': { outcome: 'different', note: 'stopped since 09:00' } } }));
    const result = await runKb(['port-closed', ...fixture, '--answers', answers]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('kb: Escalate to L3 (@nimbus/l3-networking) from step 1 (check-state): The instance is stopped.\n');
    expect(result.stdout).toContain('- Escalate to L3 (`@nimbus/l3-networking`) from step 1');
    // The runbook's Escalation section asks for "the outputs of steps 1 and 2"; step 2 never ran.
    expect(result.stdout).not.toContain('steps 1 and 2');
    expect(result.stdout).toContain('  - the output of the steps run: step 1 (check that i-0abc4f2e9d81c7a53 is running);');
  });

  test('--steps prints every step id with its branches, as an answers file the walk accepts', async () => {
    const result = await runKb(['port-closed', ...fixture, '--steps']);
    expect(result.status).toBe(0);
    for (const id of ['check-state', 'check-rule', 'check-firewall', 'add-rule']) expect(result.stdout).toMatch(new RegExp(`^  ${id}:`, 'm'));
    expect(result.stdout).toContain('#   branch 1: escalate (Escalate to L3) — The instance is stopped.');
    const filled = path.join(work, 'template.yaml');
    writeFileSync(filled, result.stdout.replace('instanceId: ""', 'instanceId: i-0abc4f2e9d81c7a53').replace('port: ""', 'port: "22"'));
    const walked = await runKb(['port-closed', ...fixture, '--answers', filled]);
    expect(walked.stderr).toBe('');
    expect(walked.status).toBe(0);
    expect(walked.stdout).toContain('3 steps walked');
  });
});

// The shared planted-secrets corpus, typed into an answers file (notes, next steps, parameter values) and --param:
// the case note, stdout and stderr carry none of it, the look-alikes stay, and stderr says what was redacted.
describe(`kb runbook --answers over the planted-secrets corpus: ${corpusSummary()}`, () => {
  const redactionRunbooks = path.join(walkFixtures, 'redaction');
  // Three one-line entries are parameter values (two in the answers file, one on the command line); the rest are
  // spread over the three step notes, the verification note and the next steps (one line each). The look-alikes get
  // the first note.
  const [contact, endpoint, source] = oneLine;
  const rest = corpus.planted.filter((entry) => entry !== contact && entry !== endpoint && entry !== source);
  const bucket = (index: number) => rest.filter((_, position) => position % 5 === index);
  const nextSteps = bucket(4).filter((entry) => oneLine.includes(entry));
  const noteOf = (entries: typeof rest) => entries.map((entry) => entry.text).join('\n');
  const answers = path.join(work, 'planted-answers.yaml');
  writeFileSync(answers, stringify({
    parameters: { contact: contact!.text, endpoint: endpoint!.text },
    steps: {
      collect: { outcome: 'expected', note: `${noteOf(bucket(0))}\n${corpus.kept.join('\n')}` },
      probe: { outcome: 'different', branch: 'allow', note: noteOf(bucket(1)) },
      allow: { consent: true, outcome: 'expected', note: noteOf(bucket(2)) },
    },
    verification: { passed: true, note: noteOf([...bucket(3), ...bucket(4).filter((entry) => !nextSteps.includes(entry))]) },
    nextSteps: nextSteps.map((entry) => entry.text),
  }));
  const walk = (...extra: string[]) => runKb(['collect-evidence', '--dir', redactionRunbooks, '--content', contentDir, '--today', '2026-11-21', '--answers', answers, '--param', `source=${source!.text}`, ...extra]);
  const reported = `kb: redacted from the case note: ${describedCounts()}`;

  test(`catches all ${corpus.planted.length} planted secrets in the case note (--out), stdout and stderr, and reports ${describedCounts()}`, async () => {
    const out = path.join(work, 'planted-note.md');
    const result = await walk('--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Case note written to ${out}\n${reported}\n`);
    const note = readFileSync(out, 'utf8');
    expect(leaks(`${note}\n${result.stderr}`)).toEqual([]);
    expect(lostLookalikes(note)).toEqual([]);
    expect(note).toMatch(/^Runbook `collect-evidence` v[\d.]+, 3 steps walked; parameters: `contact` = `.*\[redacted:[a-z-]+\].*`, `endpoint` = `.*\[redacted:[a-z-]+\].*`, `source` = `.*\[redacted:[a-z-]+\].*`\.$/m);
  });

  test(`catches all ${corpus.planted.length} planted secrets in the case note on stdout`, async () => {
    const result = await walk();
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`${reported}\n`);
    expect(leaks(`${result.stdout}\n${result.stderr}`)).toEqual([]);
    expect(lostLookalikes(result.stdout)).toEqual([]);
  });

  test(`a rejected parameter value is shown redacted: none of the ${corpus.planted.length} planted secrets is echoed`, async () => {
    const result = await runKb(['port-closed', ...fixture, '--answers', 'answers.yaml', '--param', `instanceId=${corpusText}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kb: Unexpected `aws_access_key_id = \[redacted:access-key\]\n/);
    expect(leaks(`${result.stdout}\n${result.stderr}`)).toEqual([]);
  });
});

describe.concurrent('bad input is one line on stderr and exit 1, never a stack trace', () => {
  const answersWith = (name: string, text: string) => {
    const file = path.join(work, name);
    writeFileSync(file, text);
    return file;
  };
  test.each([
    ['an unknown id gets the closest ids', ['port-closd', ...fixture], 'kb: Unknown runbook `port-closd`, did you mean `port-closed`? (kb runbook --list shows them all)'],
    ['a bad parameter value names the pattern and an example', ['port-closed', ...fixture, '--param', 'instanceId=vm-1', '--answers', 'answers.yaml'], 'kb: Unexpected `vm-1` for `instanceId`, expected a value matching `i-[0-9a-f]{17}`, e.g. `i-0abc4f2e9d81c7a53` (--param)'],
    ['an unknown parameter gets the closest names', ['port-closed', ...fixture, '--param', 'instance=i-0abc4f2e9d81c7a53', '--answers', 'answers.yaml'], 'kb: Unknown parameter `instance` (--param) for runbook `port-closed`, did you mean `instanceId`?'],
    ['a malformed --param', ['port-closed', ...fixture, '--param', 'port', '--answers', 'answers.yaml'], 'kb: Unexpected --param `port`, expected key=value, like --param instanceId=i-0abc4f2e9d81c7a53'],
    ['no terminal and no answers', ['port-closed', ...fixture], 'kb: No terminal to ask in: run kb runbook in a terminal, or pass --answers FILE'],
    ['no id', [...fixture], 'kb: Missing runbook id: kb runbook <id> [--param key=value…] [--answers FILE] [--out FILE], or kb runbook --list'],
  ])('%s', async (_name, args, expected) => {
    const result = await runKb(args);
    expect(result.stderr.trim()).toBe(expected);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
  });

  test('a walked step without an answer names the step and the file', async () => {
    const file = answersWith('partial.yaml', 'steps:\n  check-state: expected\n');
    const result = await runKb(['port-closed', ...fixture, '--answers', file]);
    expect(result.stderr.trim()).toBe(`kb: ${file}: No answer for step \`check-rule\` (step 2, Check the inbound rule for TCP {port}) in the answers`);
    expect(result.status).toBe(1);
  });

  test('a change step needs an explicit consent', async () => {
    const file = answersWith('no-consent.yaml', 'steps:\n  check-state: expected\n  check-rule: { outcome: different, branch: 1 }\n  add-rule: expected\n');
    const result = await runKb(['port-closed', ...fixture, '--answers', file]);
    expect(result.stderr.trim()).toBe(`kb: ${file}: Missing \`consent\` for change step \`add-rule\`: say whether the customer consented (true or false)`);
  });

  test('a bad answers file is reported at its line and column', async () => {
    const file = answersWith('bad.yaml', 'steps:\n  check-state:\n    outcome: maybe\n');
    const result = await runKb(['port-closed', ...fixture, '--answers', file]);
    expect(result.stderr.trim()).toBe(`kb: ${file}:3:5: Unexpected outcome \`maybe\` for step \`check-state\`, expected \`expected\`, \`different\` or \`skipped\``);
    expect(result.status).toBe(1);
  });

  test('a declined change stops the walk and says what is pending', async () => {
    const file = answersWith('declined.yaml', 'steps:\n  check-state: expected\n  check-rule: { outcome: different, branch: add-rule }\n  add-rule: { outcome: expected, consent: false, note: Customer wants to do it themselves. }\n');
    const result = await runKb(['port-closed', ...fixture, '--answers', file, '--param', 'instanceId=i-0abc4f2e9d81c7a53', '--param', 'port=22']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("- **Add an inbound rule for TCP 22** (change): **not performed**, the customer's consent was not given. Note: Customer wants to do it themselves.");
    expect(result.stdout).toContain("- Waiting for the customer's consent to add an inbound rule for TCP 22; then walk runbook `port-closed` again from step 4.");
  });
});

describe('kb runbook --list, --find and --check', () => {
  test('--list shows every runbook of the package', async () => {
    const result = await runKb(['--list', '--content', contentDir]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(10);
    expect(result.stdout).toMatch(/^vm-unreachable\tnetworking\t/m);
  });

  test('--find ranks runbooks by trigger', async () => {
    const result = await runKb(['--find', 'PLEG is not healthy', '--content', contentDir]);
    expect(result.stdout.split('\t')[0]).toBe('kubernetes-node-notready');
  });

  test('--check of the package runbooks finds nothing', async () => {
    const result = await runKb(['--check', '--content', contentDir]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^\d+ runbook\(s\) checked: 0 error\(s\), 0 warning\(s\)$/m);
    expect(result.status).toBe(0);
  });

  // Every validation fixture of @nimbus/runbooks, through the CLI: exactly `path:line:col: … (rule)` and exit 1 on errors.
  const packageFixtures = fileURLToPath(new URL('../../runbooks/test/fixtures/', import.meta.url));
  const names = readdirSync(packageFixtures).filter((name) => existsSync(path.join(packageFixtures, name, 'expected.txt'))).sort();
  test.concurrent.each(names)('--check %s', async (name) => {
    const dir = path.join(packageFixtures, name);
    const file = existsSync(path.join(dir, 'path.txt')) ? readFileSync(path.join(dir, 'path.txt'), 'utf8').trim() : `${name}.mdx`;
    const cwd = mkdtempSync(path.join(work, 'check-'));
    cpSync(path.join(dir, 'input.mdx'), path.join(cwd, file));
    const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8').split('\n').filter(Boolean).map((line) => `${file}:${line}\n`).join('');
    const result = await runKb(['--check', file, '--content', contentDir, '--today', '2026-11-21'], { cwd });
    expect(result.stdout).toBe(expected);
    expect(result.status).toBe(expected.includes(': error: ') ? 1 : 0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
