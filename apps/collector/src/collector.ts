import type { FastifyInstance } from 'fastify';
import { describeStoreLocation, migrate, openEventsDatabase } from '@nimbus/events';
import type { CollectorConfig } from './config.ts';
import { buildIntakeApp, type ResponseCounts } from './intake-app.ts';
import { buildReadApp } from './read-app.ts';
import { EventWriter } from './writer.ts';

/** A running collector. */
export interface RunningCollector {
  /** Where the intake listens, e.g. `http://127.0.0.1:4323`. */
  intakeUrl: string;
  /** Where the read API listens, when a token is configured. */
  readUrl?: string;
  /** Answers by HTTP status so far. */
  counts: ResponseCounts;
  /** Stops listening, commits what was accepted, closes the store. */
  close: () => Promise<void>;
}

/** Opens the store (creating its table), then starts the intake and, with a token, the read API. */
export async function startCollector(config: CollectorConfig): Promise<RunningCollector> {
  const db = openEventsDatabase(config.store);
  try {
    await migrate(db, config.store.kind);
  } catch (error) {
    await db.destroy();
    throw new Error(`Cannot open the event store ${describeStoreLocation(config.store)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // SQLite: reports read through their own connection, so a report never waits inside the writer's transaction.
  const readDb = config.store.kind === 'sqlite' ? openEventsDatabase(config.store) : db;
  const counts: ResponseCounts = {};
  const writer = new EventWriter(db, { maxPending: config.maxPending });
  const servers: FastifyInstance[] = [];
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()));
    await writer.drain();
    if (readDb !== db) await readDb.destroy();
    await db.destroy();
  };
  try {
    const intake = await buildIntakeApp(config, writer, counts);
    servers.push(intake);
    const intakeUrl = await intake.listen({ host: config.host, port: config.port });
    let readUrl: string | undefined;
    if (config.readToken) {
      const read = await buildReadApp(config, readDb, counts);
      servers.push(read);
      readUrl = await read.listen({ host: config.host, port: config.readPort });
    }
    return { intakeUrl, readUrl, counts, close };
  } catch (error) {
    await close();
    throw error;
  }
}
