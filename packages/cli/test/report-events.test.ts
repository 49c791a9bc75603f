import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventBatch, insertEvents, migrate, openEventsDatabase, parseStoreLocation } from '@nimbus/events';
import { expectCleanCheck, fixturesDir } from './check-fixtures.ts';
import { kb } from './kb.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'kb-report-events-'));
const store = path.join(dir, '.kb', 'events.sqlite');
// In-process, with no environment: no KB_EVENTS_DATABASE_URL, so the default store is used.
const run = (...args: string[]) => kb(args, { cwd: dir });

beforeAll(async () => {
  cpSync(path.join(fixturesDir, '_base'), path.join(dir, 'content'), { recursive: true });
  mkdirSync(path.dirname(store), { recursive: true });
  const { events } = eventBatch.parse(JSON.parse(readFileSync(path.join(here, 'fixtures/events/batch.json'), 'utf8')));
  const location = parseStoreLocation(store);
  const db = openEventsDatabase(location);
  await migrate(db, location.kind);
  await insertEvents(db, events);
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kb report --events', () => {
  test('prints contract 7 JSON from the default store, .kb/events.sqlite', async () => {
    const result = await run('report', '--events', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({ votes: report.votes, zeroResults: report.zeroResults }).toEqual({
      votes: { 'object-storage/upload-access-denied': { yes: 1, no: 1 } },
      zeroResults: [{ query: 'quantum flux capacitor overheated', count: 1 }],
    });
    expect(report.caseForm).toMatchObject({ started: 1, submitted: 0, notSubmitted: 1 });
  });

  test('prints text with the gap queue, redacted reasons and flags, and honest case-form words', async () => {
    const result = await run('report', '--events', store);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"quantum flux capacitor overheated"  1 search (1 with no result)');
    expect(result.stdout).toContain('flagged: outdated 1');
    expect(result.stdout).toContain('[redacted:email]');
    expect(result.stdout).not.toContain('jane.doe@example.com');
    expect(result.stdout).toContain('1 session ended without a case (1 after the form had shown an article; whether the article solved it is not known)');
  });

  test('a missing store is a one-line error', async () => {
    const result = await run('report', '--events', path.join(dir, 'nowhere.sqlite'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('kb: No event store at nowhere.sqlite: start the collector (`npm start`) so the sites can send events, or pass --events FILE');
  });
});

describe('kb new article --from-gap', () => {
  test('starts a wip article from a gap group that passes kb check', async () => {
    const report = JSON.parse((await run('report', '--events', '--format', 'json')).stdout) as { gaps: Array<{ id: string; query: string }> };
    const gap = report.gaps.find((candidate) => candidate.query === 'quantum flux capacitor overheated')!;
    const content = path.join(dir, 'content');
    const result = await run('new', 'article', '--from-gap', gap.id, '--content', content, '--yes', '--product', 'block-storage', '--area', 'backup', '--owner', '@nimbus/l3-storage');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const source = readFileSync(path.join(content, 'articles/en/block-storage/fix-quantum-flux-capacitor-overheated.mdx'), 'utf8');
    expect(source).toContain('title: "How do I fix \\"Quantum flux capacitor overheated\\"?"');
    expect(source).toContain('symptoms:\n  - "Searching for \\"Quantum flux capacitor overheated\\" finds no answer"');
    expect(source).toContain('errors:\n  - "Quantum flux capacitor overheated"');
    await expectCleanCheck(content, dir);
  });

  test('an unknown gap id is a one-line error', async () => {
    const result = await run('new', 'article', '--from-gap', 'gap-0000000000', '--content', path.join(dir, 'content'), '--yes');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^kb: No content gap `gap-0000000000` in the events report \(\d+ gap\(s\); `npx kb report --events` lists them\)$/);
  });
});
