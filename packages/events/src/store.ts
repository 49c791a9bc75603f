import type { Kysely } from 'kysely';
import type { EventsDatabase } from './database.ts';
import { redactEvent } from './redact-event.ts';
import type { SiteEvent } from './schema.ts';

// SQLite binds at most 32,766 parameters per statement; 7 columns × 500 rows stays far below on both stores.
const ROWS_PER_STATEMENT = 500;

/** A stored event, read back. */
export interface StoredEvent {
  event: SiteEvent;
  receivedAt: string;
}

/**
 * Stores the events in one transaction (redacted first; the caller validated them). An id already stored is
 * skipped, so a client that retries after a lost answer stores nothing twice. Resolves once committed, with how
 * the ids that were new.
 */
export async function insertEvents(db: Kysely<EventsDatabase>, events: readonly SiteEvent[], receivedAt = new Date()): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const at = receivedAt.toISOString();
  const rows = events.map((raw) => {
    const event = redactEvent(raw);
    return {
      id: event.id,
      type: event.type,
      site: event.site,
      locale: event.locale,
      received_at: at,
      article: event.type === 'vote' || event.type === 'flag' ? event.article : null,
      payload: JSON.stringify(event),
    };
  });
  return db.transaction().execute(async (trx) => {
    const inserted = new Set<string>();
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const result = await trx
        .insertInto('events')
        .values(rows.slice(start, start + ROWS_PER_STATEMENT))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of result) inserted.add(row.id);
    }
    return inserted;
  });
}

/** Every stored event, oldest first; `since` (ISO 8601) keeps only those received from then on. */
export async function readEvents(db: Kysely<EventsDatabase>, options: { since?: string } = {}): Promise<StoredEvent[]> {
  let query = db.selectFrom('events').select(['payload', 'received_at']).orderBy('seq');
  if (options.since) query = query.where('received_at', '>=', options.since);
  const rows = await query.execute();
  return rows.map((row) => ({ event: JSON.parse(row.payload) as SiteEvent, receivedAt: row.received_at }));
}

/** How many events are stored. */
export async function countEvents(db: Kysely<EventsDatabase>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of the given event ids are stored. */
export async function storedIds(db: Kysely<EventsDatabase>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await db.selectFrom('events').select('id').where('id', 'in', ids.slice(start, start + 1000)).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}
