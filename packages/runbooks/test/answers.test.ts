import { beforeAll, describe, expect, it } from 'vitest';
import { answersDriver, AnswersError, getRunbook, parseAnswers, walkRunbook, WalkError, type Runbook } from '../src/index.ts';
import { fixtureRunbooks } from './helpers.ts';

let runbook: Runbook;
beforeAll(async () => {
  runbook = getRunbook(await fixtureRunbooks(), 'vm-unreachable')!;
});

describe('parseAnswers', () => {
  it('reads YAML and JSON, outcomes as words or mappings, lists for repeated visits', () => {
    const yaml = parseAnswers('parameters:\n  port: 22\nsteps:\n  instance-state: expected\n  security-group:\n    - { outcome: different, branch: 1, note: No rule. }\n    - expected\nverification: true\nnextSteps: [Call back]\n');
    expect(yaml).toEqual({
      parameters: { port: '22' },
      steps: { 'instance-state': [{ outcome: 'expected' }], 'security-group': [{ outcome: 'different', branch: 1, note: 'No rule.' }, { outcome: 'expected' }] },
      verification: { passed: true },
      nextSteps: ['Call back'],
    });
    expect(parseAnswers(JSON.stringify({ steps: { 'instance-state': 'skipped' } }))).toEqual({ parameters: {}, steps: { 'instance-state': [{ outcome: 'skipped' }] }, nextSteps: [] });
  });

  it.each([
    ['steps:\n  a: { outcome: maybe }\n', 2, 'Unexpected outcome `maybe` for step `a`, expected `expected`, `different` or `skipped`'],
    ['steps:\n  a:\n    outcome: expected\n    consent: yes please\n', 4, 'Unexpected `consent` for step `a`, expected true or false'],
    ['answers: {}\n', 1, 'Unexpected key `answers`, expected `parameters`, `steps`, `verification` or `nextSteps`'],
    ['steps: [\n', 2, undefined],
  ])('reports %j at line %i', (source, line, message) => {
    let error: unknown;
    try {
      parseAnswers(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AnswersError);
    expect((error as AnswersError).place?.line).toBe(line);
    if (message) expect((error as AnswersError).message).toBe(message);
  });
});

describe('answersDriver', () => {
  it('walks with branches named by target or number, and repeats the last answer of a list', async () => {
    const answers = parseAnswers(`steps:
  instance-state: expected
  security-group: { outcome: different, branch: add-ingress-rule }
  add-ingress-rule:
    - { outcome: different, consent: true, note: Still times out. }
    - { outcome: expected, consent: true }
  route-table: { outcome: different, branch: 2 }
`);
    const record = await walkRunbook(runbook, {}, answersDriver(runbook, answers));
    expect(record.steps.map((entry) => `${entry.step.id}:${entry.outcome}`)).toEqual(['instance-state:expected', 'security-group:different', 'add-ingress-rule:different', 'route-table:different']);
    expect(record.exit).toBe('escalate');
  });

  it('rejects unknown steps, missing consent and ambiguous branches with a clear message', async () => {
    expect(() => answersDriver(runbook, parseAnswers('steps:\n  nope: expected\n'))).toThrow(/^Unknown step `nope` in the answers/);
    // A step with one branch needs no `branch`; the walk then stops at the first step without an answer.
    await expect(walkRunbook(runbook, {}, answersDriver(runbook, parseAnswers('steps:\n  instance-state: expected\n  security-group: different\n'))))
      .rejects.toThrow('No answer for step `add-ingress-rule` (step 8, ');
    const noConsent = parseAnswers('steps:\n  instance-state: expected\n  security-group: { outcome: different }\n  add-ingress-rule: expected\n');
    await expect(walkRunbook(runbook, {}, answersDriver(runbook, noConsent))).rejects.toThrow('Missing `consent` for change step `add-ingress-rule`');
    const ambiguous = parseAnswers('steps:\n  instance-state: { outcome: different }\n');
    await expect(walkRunbook(runbook, {}, answersDriver(runbook, ambiguous))).rejects.toThrow(WalkError);
    await expect(walkRunbook(runbook, {}, answersDriver(runbook, ambiguous))).rejects.toThrow('Missing `branch` for step `instance-state`, which has 2 ways to differ: `end`, `escalate` or 1-2');
  });
});
