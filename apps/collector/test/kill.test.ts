// SIGKILL during writes: the collector answers 202 only after the commit, so every acknowledged event must be in
// the store after the process died mid-transaction, on both stores.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventsDatabase, storedIds } from '@nimbus/events';
import { createTestStore, storeKinds, type TestStore } from './stores.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe.each(storeKinds)('SIGKILL during writes on %s', (kind) => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  it('loses no acknowledged event', async () => {
    const store = await createTestStore(kind);
    stores.push(store);
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, KB_EVENTS_DATABASE_URL: store.url, KB_COLLECTOR_PORT: '0', KB_EVENTS_READ_TOKEN: '', KB_EVENTS_RATE_LIMIT: '1000000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+)\/v1\/events/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`collector exited (${code}) before listening: ${output}`)));
    });

    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const sender = async (worker: number) => {
      for (let n = 0; !stop; n++) {
        const events = Array.from({ length: 10 }, (_, i) => ({ id: `kill-${worker}-${n}-${i}`, type: 'search', site: 'public', locale: 'en', query: `query ${n}`, results: n % 3 }));
        sent += events.length;
        try {
          const response = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
          if (response.status === 202) acknowledged.push(...events.map((event) => event.id));
        } catch {
          // The process is gone: this request was never acknowledged.
          return;
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, worker) => sender(worker));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    await once(child, 'exit');
    stop = true;
    await Promise.all(senders);

    expect(acknowledged.length).toBeGreaterThan(100);
    const db = openEventsDatabase(store.location);
    try {
      const found = await storedIds(db, acknowledged);
      const missing = acknowledged.filter((id) => !found.has(id));
      expect(missing).toEqual([]);
    } finally {
      await db.destroy();
    }
    console.log(`${kind}: ${acknowledged.length} acknowledged of ${sent} sent before SIGKILL, all stored`);
  });
});
