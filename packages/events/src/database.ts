// One code path for both stores: an embedded SQLite file by default, PostgreSQL when one machine is not enough.
// Only the dialect differs; every query is built by Kysely.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';

/** One stored event. Free text is redacted before it gets here; no IP address or user agent is ever stored. */
export interface EventsTable {
  /** The client's event id: a retried event is stored once. */
  id: string;
  type: string;
  site: string;
  locale: string;
  /** When the collector committed it: ISO 8601, UTC. */
  received_at: string;
  /** The article it is about, when there is one (votes, flags). */
  article: string | null;
  /** The event as validated and redacted, as JSON. */
  payload: string;
  /** Insertion order, for reading the newest first. */
  seq: Generated<number>;
}

/** The store's tables. */
export interface EventsDatabase {
  events: EventsTable;
}

/** Which database to use: a `postgres://` URL, or the path of a SQLite file. */
export interface StoreLocation {
  kind: 'sqlite' | 'postgres';
  /** File path (SQLite) or connection URL (PostgreSQL). */
  target: string;
}

/** Reads `KB_EVENTS_DATABASE_URL`-style text: `postgres://…`/`postgresql://…`, `sqlite:PATH`, or a plain path. */
export function parseStoreLocation(value: string): StoreLocation {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', target: value };
  return { kind: 'sqlite', target: value.replace(/^sqlite:(\/\/)?/, '') };
}

/** Where the store is shown in messages: a PostgreSQL URL without its password. */
export function describeStoreLocation(location: StoreLocation): string {
  if (location.kind === 'sqlite') return location.target;
  const url = new URL(location.target);
  if (url.password) url.password = '***';
  return url.href;
}

/** Options of {@link openEventsDatabase}. */
export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Open a SQLite file read-only (reports): never creates or changes it. */
  readOnly?: boolean;
}

/** Opens (and for SQLite creates) the store; call {@link migrate} before writing. */
export function openEventsDatabase(location: StoreLocation, options: OpenOptions = {}): Kysely<EventsDatabase> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: location.target, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process: the next query reports the error.
    pool.on('error', () => undefined);
    return new Kysely<EventsDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!options.readOnly) mkdirSync(path.dirname(path.resolve(location.target)), { recursive: true });
  return new Kysely<EventsDatabase>({ dialect: nodeSqliteDialect(location.target, { readOnly: options.readOnly }) });
}

/** Creates the table and indexes when missing; on SQLite also turns on WAL with full fsync at every commit. */
export async function migrate(db: Kysely<EventsDatabase>, kind: StoreLocation['kind']): Promise<void> {
  if (kind === 'sqlite') {
    // WAL: readers never block the writer. synchronous=FULL: a commit is on disk before it is acknowledged.
    await sql`pragma journal_mode = wal`.execute(db);
    await sql`pragma synchronous = full`.execute(db);
  }
  let table = db.schema.createTable('events').ifNotExists();
  table = kind === 'postgres' ? table.addColumn('seq', 'bigserial', (c) => c.notNull().unique()) : table.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
  await table
    .addColumn('id', 'text', (c) => (kind === 'postgres' ? c.primaryKey() : c.notNull().unique()))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('article', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_type_received').ifNotExists().on('events').columns(['type', 'received_at']).execute();
}
