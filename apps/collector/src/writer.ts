// Group commit: requests that arrive while a transaction is on disk wait for the next one, so one fsync
// acknowledges many requests. A request is answered only after the transaction holding its events committed.
import type { Kysely } from 'kysely';
import { insertEvents, type EventsDatabase, type SiteEvent } from '@nimbus/events';

/** The store cannot take events now (locked, full, unreachable, or too much waiting): answer 503, retry later. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

interface Waiting {
  events: readonly SiteEvent[];
  resolve: (result: { accepted: number; duplicates: number }) => void;
  reject: (error: Error) => void;
}

/** Options of {@link EventWriter}. */
export interface EventWriterOptions {
  /** Events waiting beyond which `write` refuses at once (default 20,000). */
  maxPending?: number;
  /** Most events in one transaction (default 2,000: a commit blocks the event loop while it writes). */
  maxPerCommit?: number;
}

/** Writes batches of events through group commits. */
export class EventWriter {
  readonly #db: Kysely<EventsDatabase>;
  readonly #maxPending: number;
  readonly #maxPerCommit: number;
  #queue: Waiting[] = [];
  #pending = 0;
  #flushing: Promise<void> | undefined;

  constructor(db: Kysely<EventsDatabase>, options: EventWriterOptions = {}) {
    this.#db = db;
    this.#maxPending = options.maxPending ?? 20_000;
    this.#maxPerCommit = options.maxPerCommit ?? 2_000;
  }

  /** Events accepted but not yet committed. */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves once the events are committed: how many were new and how many were stored before. */
  write(events: readonly SiteEvent[]): Promise<{ accepted: number; duplicates: number }> {
    if (this.#pending + events.length > this.#maxPending) return Promise.reject(new StoreUnavailableError('Too many events waiting for the store'));
    this.#pending += events.length;
    return new Promise((resolve, reject) => {
      this.#queue.push({ events, resolve, reject });
      this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    });
  }

  /** Resolves when everything accepted so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #flush(): Promise<void> {
    // Let the requests that arrived in the same turn of the event loop join this commit.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const group: Waiting[] = [];
      let size = 0;
      while (this.#queue.length > 0 && (group.length === 0 || size + this.#queue[0]!.events.length <= this.#maxPerCommit)) {
        const next = this.#queue.shift()!;
        group.push(next);
        size += next.events.length;
      }
      try {
        const inserted = await insertEvents(this.#db, group.flatMap((waiting) => waiting.events));
        for (const waiting of group) {
          let accepted = 0;
          for (const event of waiting.events) {
            // An id counts as new for the first request that carried it, a duplicate for any other.
            if (inserted.delete(event.id)) accepted++;
          }
          waiting.resolve({ accepted, duplicates: waiting.events.length - accepted });
        }
      } catch (error) {
        const reason = new StoreUnavailableError(`The event store refused the write: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        for (const waiting of group) waiting.reject(reason);
      } finally {
        this.#pending -= size;
      }
    }
  }
}
