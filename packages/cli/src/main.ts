import { defineCommand, runCommand, showUsage } from 'citty';
import { UserError } from './errors.ts';

// Each verb lives in its own module and is loaded only when used, so `kb check` never pays for the case index.
const main = defineCommand({
  meta: { name: 'kb', description: 'Knowledge-center tools for support engineers' },
  subCommands: {
    check: () => import('./commands/check.ts').then((module) => module.default),
    new: () => import('./commands/new.ts').then((module) => module.default),
    codeowners: () => import('./commands/codeowners.ts').then((module) => module.default),
    schemas: () => import('./commands/schemas.ts').then((module) => module.default),
    link: () => import('./commands/link.ts').then((module) => module.default),
    suggest: () => import('./commands/suggest.ts').then((module) => module.default),
    report: () => import('./commands/report.ts').then((module) => module.default),
    runbook: () => import('./commands/runbook.ts').then((module) => module.default),
    import: () => import('./commands/import.ts').then((module) => module.default),
  },
});

/** The entry point: the only place that calls `process.exit`. */
export async function run(argv: string[]): Promise<void> {
  try {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      await showHelp(argv);
      return;
    }
    await runCommand(main, { rawArgs: argv });
  } catch (error) {
    // citty's own argument errors (unknown verb, missing positional) are user errors too.
    if (error instanceof Error && error.name === 'CLIError') {
      await showHelp(argv).catch(() => undefined);
      console.error(`kb: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof UserError) {
      console.error(`kb: ${error.message}`);
      process.exit(error.exitCode);
    }
    console.error('kb: internal error — please report it with the command you ran and this output:');
    console.error(error);
    process.exit(70);
  }
}

async function showHelp(argv: string[]): Promise<void> {
  const verb = argv.find((arg) => !arg.startsWith('-'));
  const commands = (await (typeof main.subCommands === 'function' ? main.subCommands() : main.subCommands)) ?? {};
  const loader = verb ? (commands as Record<string, () => Promise<Parameters<typeof showUsage>[0]>>)[verb] : undefined;
  if (loader) await showUsage(await loader(), main);
  else await showUsage(main);
}
