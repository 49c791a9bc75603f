// The build's lanes (scripts/build-lanes.ts): which heavy task runs after which, and what a failure does.
import { describe, expect, test } from 'vitest';
import { buildLanes, runLanes, type SiteTasks, type Task } from '../../scripts/build-lanes.ts';

/** Tasks that record when they start and end, each taking `ms` (by name), failing when named in `failing`. */
function recorder(ms: Record<string, number>, failing: string[] = []) {
  const events: string[] = [];
  const task = (name: string): Task => async () => {
    events.push(`start ${name}`);
    await new Promise((resolve) => setTimeout(resolve, ms[name] ?? 1));
    events.push(`end ${name}`);
    if (failing.includes(name)) throw new Error(`${name} failed`);
  };
  const tasks: SiteTasks = { internalChain: task('internalChain'), publicChain: task('publicChain'), internalIndex: task('internalIndex'), publicIndex: task('publicIndex') };
  return { events, tasks, task };
}

describe('build lanes', () => {
  test('chain beside index: each chain beside the other site\'s index, the internal chain before the public index', async () => {
    const { events, tasks } = recorder({});
    const lanes = buildLanes(tasks, 'chain-beside-index');
    expect(lanes).toEqual([[tasks.internalIndex, tasks.publicChain], [tasks.internalChain, tasks.publicIndex]]);
    await runLanes(lanes);
    expect(events.indexOf('start publicIndex')).toBeGreaterThan(events.indexOf('end internalChain'));
    expect(events.indexOf('start publicChain')).toBeGreaterThan(events.indexOf('end internalIndex'));
  });

  test('indexes together: both indexes in one lane, both chains in the other, never two of a kind at once', async () => {
    const { events, tasks } = recorder({ internalChain: 20, internalIndex: 20 });
    const lanes = buildLanes(tasks, 'indexes-together');
    expect(lanes).toEqual([[tasks.internalIndex, tasks.publicIndex], [tasks.internalChain, tasks.publicChain]]);
    await runLanes(lanes);
    expect(events.indexOf('start publicIndex')).toBeGreaterThan(events.indexOf('end internalIndex'));
    expect(events.indexOf('start publicChain')).toBeGreaterThan(events.indexOf('end internalChain'));
    expect(events.indexOf('start internalIndex')).toBeLessThan(events.indexOf('end internalChain'));
  });

  test('a failed task stops its lane; the other lane runs to its end before the failure is raised', async () => {
    const { events, task } = recorder({ slow: 30, after: 1 }, ['fails']);
    await expect(runLanes([[task('fails'), task('never')], [task('slow'), task('after')]])).rejects.toThrow('fails failed');
    expect(events).not.toContain('start never');
    expect(events).toContain('end after');
  });

  test('of two failures, the first lane\'s is raised', async () => {
    const { task } = recorder({ second: 1, first: 20 }, ['first', 'second']);
    await expect(runLanes([[task('first')], [task('second')]])).rejects.toThrow('first failed');
  });
});
