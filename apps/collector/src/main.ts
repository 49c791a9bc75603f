// `node src/main.ts`: runs the collector until SIGINT/SIGTERM, then commits what it accepted and exits.
import { describeStoreLocation } from '@nimbus/events';
import { configFromEnv } from './config.ts';
import { startCollector } from './collector.ts';

try {
  const config = configFromEnv();
  const collector = await startCollector(config);
  console.log(`Event collector:             ${collector.intakeUrl}/v1/events (store: ${describeStoreLocation(config.store)})`);
  if (collector.readUrl) console.log(`Event read API (token):      ${collector.readUrl}/v1/report`);
  else console.log('Event read API:              off (set KB_EVENTS_READ_TOKEN to start it)');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`collector: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`collector: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
