import { defineCommand, runMain } from 'citty';
import { UserError } from './errors.ts';

// Each verb lives in its own module and is loaded only when used, so `kb check` never pays for the case index.
const main = defineCommand({
  meta: { name: 'kb', description: 'Knowledge-center tools for support engineers' },
  subCommands: {
    check: () => import('./commands/check.ts').then((module) => module.default),
    link: () => import('./commands/link.ts').then((module) => module.default),
    suggest: () => import('./commands/suggest.ts').then((module) => module.default),
    report: () => import('./commands/report.ts').then((module) => module.default),
    runbook: () => import('./commands/runbook.ts').then((module) => module.default),
  },
});

/** The entry point: the only place that calls `process.exit`. */
export async function run(argv: string[]): Promise<void> {
  try {
    await runMain(main, { rawArgs: argv });
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`kb: ${error.message}`);
      process.exit(error.exitCode);
    }
    console.error('kb: internal error — please report it with the command you ran and this output:');
    console.error(error);
    process.exit(70);
  }
}
