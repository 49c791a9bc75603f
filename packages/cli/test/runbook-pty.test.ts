// `kb runbook` driven like a person would: a real pseudo-terminal, keys pressed when each prompt appears.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, type IPty } from '@lydell/node-pty';
import { afterAll, expect, test } from 'vitest';
import { contentDir, fixtureRunbooks, kb, walkFixtures } from './runbook-helpers.ts';

const work = mkdtempSync(path.join(tmpdir(), 'kb-runbook-pty-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ENTER = '\r';
const DOWN = '\x1b[B';
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Reads a terminal's output and answers prompts in order: each `answer` waits for its prompt, then types. */
function terminal(pty: IPty) {
  let output = '';
  let cursor = 0;
  pty.onData((data) => (output += data));
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    exited,
    output: () => stripAnsi(output),
    async answer(prompt: RegExp, keys: string): Promise<void> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const match = prompt.exec(stripAnsi(output).slice(cursor));
        if (match) {
          cursor += match.index + match[0].length;
          break;
        }
        if (Date.now() > deadline) throw new Error(`No prompt ${prompt} within 30 s; the terminal shows:\n${stripAnsi(output).slice(-1500)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // Let the prompt finish drawing before the keys arrive.
      await new Promise((resolve) => setTimeout(resolve, 60));
      pty.write(keys);
    },
  };
}

test('a walk in a terminal: parameters asked when needed, a branch taken, consent given, the note written', async () => {
  const out = path.join(work, 'note.md');
  const pty = spawn(process.execPath, [kb, 'runbook', 'port-closed', '--dir', fixtureRunbooks, '--content', contentDir, '--today', '2026-11-21', '--out', out], {
    cols: 120,
    rows: 40,
    cwd: walkFixtures,
    env: { ...process.env, KB_RUNBOOKS_DIR: '', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const term = terminal(pty);
  await term.answer(/instanceId: The customer's instance/, `i-0abc4f2e9d81c7a53${ENTER}`);
  await term.answer(/Step 1 of 4 · check-state: Check that i-0abc4f2e9d81c7a53 is running/, '');
  await term.answer(/Result/, ENTER); // As expected
  await term.answer(/Note \(what you saw or did; optional\)/, `running, checks passed${ENTER}`);
  await term.answer(/port: The port that times out/, `22${ENTER}`);
  await term.answer(/Result/, `${DOWN}${ENTER}`); // Different: no rule
  await term.answer(/Note \(what you saw or did; optional\)/, `only 3389 open, customer at 198.51.100.7${ENTER}`);
  await term.answer(/CHANGE: modifies the customer's resources/, '');
  await term.answer(/Has the customer consented to this change in the case\?/, `y${ENTER}`);
  await term.answer(/Result/, ENTER);
  await term.answer(/Note \(what you saw or did; optional\)/, `rule added${ENTER}`);
  await term.answer(/Did the verification pass\?/, `y${ENTER}`);
  await term.answer(/Note \(optional\)/, ENTER);
  await term.answer(/Other next steps planned/, `Call back tomorrow; Close the case on Friday${ENTER}`);
  expect(await term.exited).toBe(0);
  expect(term.output()).toContain(`Case note written to ${out}`);
  expect(term.output()).toContain('kb: redacted from the case note: 1 × IPv4 address');
  expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(walkFixtures, 'pty-expected-note.md'), 'utf8'));
}, 120_000);

test('Ctrl-C cancels the walk: no case note, exit 130', async () => {
  const out = path.join(work, 'cancelled.md');
  const pty = spawn(process.execPath, [kb, 'runbook', 'port-closed', '--dir', fixtureRunbooks, '--content', contentDir, '--today', '2026-11-21', '--out', out], {
    cols: 120,
    rows: 40,
    cwd: walkFixtures,
    env: { ...process.env, KB_RUNBOOKS_DIR: '', NO_COLOR: '1' },
  });
  const term = terminal(pty);
  await term.answer(/instanceId: The customer's instance/, '\x03');
  expect(await term.exited).toBe(130);
  expect(term.output()).toContain('Walk cancelled; no case note was written');
  expect(() => readFileSync(out)).toThrow();
}, 60_000);
