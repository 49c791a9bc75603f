import { describe, expect, it } from 'vitest';
import { checkRunbookChangesets } from '../src/index.ts';

const changeset = (body: string, packages = '"@nimbus/runbooks": patch') => ({ path: '.changeset/brave-owls.md', text: `---\n${packages}\n---\n\n${body}\n` });

describe('checkRunbookChangesets', () => {
  it('passes when no runbook changed, or when the changeset names every changed runbook', () => {
    expect(checkRunbookChangesets(['packages/content/src/index.ts'], [])).toEqual([]);
    expect(checkRunbookChangesets(['packages/runbooks/runbooks/vm-unreachable.mdx', 'packages/runbooks/runbooks/vm-boot-loop.mdx'], [changeset('Fixes step `security-group` of `vm-unreachable` and adds a snapshot to `vm-boot-loop`.')])).toEqual([]);
  });

  it('asks for a changeset when there is none for the package', () => {
    expect(checkRunbookChangesets(['packages/runbooks/runbooks/vm-unreachable.mdx'], [changeset('Fixes the loader.', '"@nimbus/content": patch')])).toEqual([
      'Missing changeset for runbook `vm-unreachable`: run `npx changeset`, pick @nimbus/runbooks, and say what changed in `vm-unreachable`',
    ]);
  });

  it('asks to name a changed runbook the changesets leave out', () => {
    expect(checkRunbookChangesets(['packages/runbooks/runbooks/vm-unreachable.mdx', 'packages/runbooks/runbooks/vm-boot-loop.mdx'], [changeset('Fixes `vm-boot-loop`.')])).toEqual([
      'Missing `vm-unreachable` in the changesets of @nimbus/runbooks (.changeset/brave-owls.md): name the runbook so its changelog shows the change',
    ]);
  });
});
