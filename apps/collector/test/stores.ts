// The stores every collector test runs on: a SQLite file in a temporary folder, and a fresh database on the real
// PostgreSQL server whose URL `KB_TEST_POSTGRES_URL` gives (`.ci/run` starts one; test/postgres-setup.ts starts
// one itself when the variable is missing and Debian's postgresql is installed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { parseStoreLocation, type StoreLocation } from '@nimbus/events';

/** A store for one test file, and how to remove it. */
export interface TestStore {
  name: 'sqlite' | 'postgres';
  location: StoreLocation;
  /** The value for `KB_EVENTS_DATABASE_URL`. */
  url: string;
  dispose: () => Promise<void>;
}

/** A new, empty store of the given kind. */
export async function createTestStore(name: TestStore['name']): Promise<TestStore> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-collector-'));
    const url = path.join(dir, 'events.sqlite');
    return { name, location: parseStoreLocation(url), url, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.KB_TEST_POSTGRES_URL || inject('postgresUrl');
  if (!admin) throw new Error('KB_TEST_POSTGRES_URL is not set: run the tests through vitest (test/postgres-setup.ts) or .ci/run');
  const database = `kb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${database}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return {
    name,
    location: parseStoreLocation(url.href),
    url: url.href,
    dispose: async () => {
      const drop = new pg.Client({ connectionString: admin });
      await drop.connect();
      await drop.query(`drop database if exists ${database} with (force)`);
      await drop.end();
    },
  };
}

/** Both store kinds, for `describe.each`. */
export const storeKinds = ['sqlite', 'postgres'] as const;
