import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildEventsReport, describeStoreLocation, openEventsDatabase, parseStoreLocation, readEvents, type EventsReport } from '@nimbus/events';
import { KbError, kbErrors } from '../error-catalog.ts';

/** `.kb/events.sqlite` of the repository `kb` runs in (the nearest folder up with one, else the current folder). */
export function defaultEventsFile(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.kb', 'events.sqlite');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, '.kb', 'events.sqlite');
  }
}

/** Reads the event store (a SQLite file, or a `postgres://` URL) read-only and builds the events report; `cwd` is the folder paths in messages are relative to. */
export async function loadEventsReport(source: string, cwd: string): Promise<EventsReport> {
  const location = parseStoreLocation(source);
  if (location.kind === 'sqlite' && !existsSync(location.target)) {
    throw new KbError(kbErrors.NotFound, `No event store at ${path.relative(cwd, location.target) || location.target}: start the collector (\`npm start\`) so the sites can send events, or pass --events FILE`);
  }
  const db = openEventsDatabase(location, { readOnly: true, poolSize: 1 });
  try {
    return buildEventsReport(await readEvents(db));
  } catch (error) {
    throw new KbError(kbErrors.Unreadable, `Cannot read the event store ${describeStoreLocation(location)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.destroy();
  }
}
