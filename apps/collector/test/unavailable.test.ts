import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, startCollector, type RunningCollector } from '../src/index.ts';
import { post } from './http.ts';
import { createTestStore, type TestStore } from './stores.ts';

const vote = (id: string) => ({ id, type: 'vote', site: 'public', locale: 'en', ballot: id, article: 'compute/boot-loop', vote: 'yes' });

describe('a store that cannot take events', () => {
  let store: TestStore;
  let collector: RunningCollector;
  beforeAll(async () => {
    store = await createTestStore('sqlite');
    collector = await startCollector(configFromEnv({ KB_EVENTS_DATABASE_URL: store.url, KB_COLLECTOR_PORT: '0', KB_EVENTS_MAX_PENDING: '60' }));
  });
  afterAll(async () => {
    await collector?.close();
    await store?.dispose();
  });

  it('answers 503 with Retry-After while another process holds the write lock, and stores after it is released', async () => {
    const other = new DatabaseSync(store.url);
    other.exec('begin immediate');
    try {
      const locked = await post(collector.intakeUrl, { events: [vote('locked-000001')] });
      expect(locked.status).toBe(503);
      expect(locked.headers.get('retry-after')).toBe('5');
    } finally {
      other.exec('rollback');
      other.close();
    }
    const retried = await post(collector.intakeUrl, { events: [vote('locked-000001')] });
    expect(retried.status).toBe(202);
    expect(retried.json).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('answers 503 when more events wait for the store than it queues', async () => {
    const other = new DatabaseSync(store.url);
    other.exec('begin immediate');
    try {
      // While the store is locked, requests pile up: past KB_EVENTS_MAX_PENDING the collector refuses at once.
      const answers = await Promise.all(Array.from({ length: 3 }, (_, i) => post(collector.intakeUrl, { events: Array.from({ length: 40 }, (_, j) => vote(`full-${i}-${j}-000`)) })));
      expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
    } finally {
      other.exec('rollback');
      other.close();
    }
  });
});
