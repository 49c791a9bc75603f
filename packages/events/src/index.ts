export * from './schema.ts';
export { redactEvent } from './redact-event.ts';
export { normalizeQuery, queryGroupKey } from './normalize-query.ts';
export { describeStoreLocation, migrate, openEventsDatabase, parseStoreLocation, type EventsDatabase, type EventsTable, type OpenOptions, type StoreLocation } from './database.ts';
export { countEvents, insertEvents, readEvents, storedIds, type StoredEvent } from './store.ts';
export { buildEventsReport, type ArticleFeedback, type CaseFormOutcomes, type DayTrend, type EventsReport, type GapGroup, type VoteCounts } from './report.ts';
export { formatEventsReport } from './format-report.ts';
