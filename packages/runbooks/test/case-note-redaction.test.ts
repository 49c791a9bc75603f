// The case note never carries what the engineer pasted: every secret of the shared planted-secrets corpus, typed
// into notes, next steps and parameter values, is redacted and counted.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRedactions, redact, redactionKinds } from '@nimbus/redact';
import { corpus, corpusSummary, expectedCounts, leaks, lostLookalikes, oneLine } from '@nimbus/redact/corpus';
import { buildCaseNote, getRunbook, renderCaseNote, walkRunbook, type Runbook, type StepDecision, type WalkDriver } from '../src/index.ts';
import { fixtureRunbooks } from './helpers.ts';

let runbook: Runbook;
beforeAll(async () => {
  runbook = getRunbook(await fixtureRunbooks(), 'vm-unreachable')!;
});

// Two one-line entries are parameter values; the rest are spread over three step notes, the verification note and
// the next steps (one-line entries only: a next step is one line). The look-alikes get a note of their own.
const [sourceIp, publicIp] = oneLine;
const rest = corpus.planted.filter((entry) => entry !== sourceIp && entry !== publicIp);
const bucket = (index: number) => rest.filter((_, position) => position % 5 === index);
const nextSteps = bucket(4).filter((entry) => oneLine.includes(entry));
const texts = (entries: typeof rest) => entries.map((entry) => entry.text).join('\n');
const noteOf = (index: number) => texts(index === 3 ? [...bucket(3), ...bucket(4).filter((entry) => !nextSteps.includes(entry))] : bucket(index));

function driver(): WalkDriver {
  const answers: Record<string, StepDecision> = {
    'instance-state': { outcome: 'expected', note: `${noteOf(0)}\n${corpus.kept.join('\n')}` },
    'security-group': { outcome: 'different', branch: 0, note: noteOf(1) },
    'add-ingress-rule': { outcome: 'expected', note: noteOf(2) },
  };
  return {
    decide: async (step) => answers[step.id] ?? { outcome: 'expected' },
    verify: async () => ({ passed: true, note: noteOf(3) }),
    nextSteps: async () => nextSteps.map((entry) => entry.text),
  };
}

describe('buildCaseNote', () => {
  it(`redacts all ${corpusSummary()} from notes, next steps and parameter values, and counts each once`, async () => {
    const parameters = { instanceId: 'i-0abc4f2e9d81c7a53', region: 'eu-central-1', port: '22', sourceIp: sourceIp!.text, publicIp: publicIp!.text };
    const record = await walkRunbook(runbook, parameters, driver());
    expect(record.steps.map((entry) => entry.step.id)).toEqual(['instance-state', 'security-group', 'add-ingress-rule']);
    const note = buildCaseNote(record, { version: '0.1.0' });
    expect(leaks(note.text)).toEqual([]);
    expect(lostLookalikes(note.text)).toEqual([]);
    // Parameter values are shown redacted (and count once, however often the note shows them).
    expect(note.text).toContain(`\`sourceIp\` = \`${redact(sourceIp!.text).text}\``);
    expect(note.text).toContain(`\`publicIp\` = \`${redact(publicIp!.text).text}\``);
    expect(note.redactions).toEqual(expectedCounts(corpus.planted, redactionKinds));
    expect(describeRedactions(note.redactions)).toBe(describeRedactions(expectedCounts(corpus.planted, redactionKinds)));
    expect(renderCaseNote(record, { version: '0.1.0' })).toBe(note.text);
  });

  it('counts nothing when nothing was typed that needs redacting', async () => {
    const record = await walkRunbook(runbook, { instanceId: 'i-0abc4f2e9d81c7a53' }, { decide: async () => ({ outcome: 'expected', note: 'state running since 2026-10-22, build 10.0.17763.1' }) });
    expect(buildCaseNote(record).redactions).toEqual(expectedCounts([], redactionKinds));
  });
});
