import { describe, expect, it } from 'vitest';
import { runbookIndexDocument } from '../src/index.ts';
import { fixtureRunbooks } from './helpers.ts';

describe('runbookIndexDocument', () => {
  it('indexes a runbook by its triggers, step titles and section text, versioned by its review day', async () => {
    const [runbook] = await fixtureRunbooks();
    const document = runbookIndexDocument(runbook!);
    expect(document).toMatchObject({ id: runbook!.id, kind: 'runbook', path: `runbooks/${runbook!.id}.mdx`, title: runbook!.title, description: runbook!.summary, area: runbook!.area });
    expect(document.errors).toEqual([...runbook!.triggers.errors, ...runbook!.triggers.alerts]);
    expect(document.symptoms).toEqual(runbook!.triggers.symptoms);
    expect(document.headings).toEqual(runbook!.steps.map((step) => step.title));
    expect(document.version).toBe(String(runbook!.reviewed));
    // Prose of the sections, not their Markdown.
    expect(document.body.length).toBeGreaterThan(100);
    expect(document.body).not.toMatch(/^#{1,6} /m);
  });
});
