export { configFromEnv, repositoryRoot, type CollectorConfig } from './config.ts';
export { startCollector, type RunningCollector } from './collector.ts';
export { buildIntakeApp, type ResponseCounts } from './intake-app.ts';
export { buildReadApp } from './read-app.ts';
export { EventWriter, StoreUnavailableError, type EventWriterOptions } from './writer.ts';
