import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { defineCommand, parseArgs, renderUsage, type ArgsDef, type CommandDef } from 'citty';
import { closestMatches } from '@nimbus/runbooks';
import { rejectUnknownFlags } from './args.ts';
import { errorData, KbError, kbErrors } from './error-catalog.ts';
import { err, out, type KbIO } from './io.ts';

/** The version of the `kb` package, for `kb --version` and the help. */
export const KB_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

// Each verb lives in its own module and is loaded only when used, so `kb check` never pays for the case index.
const main = defineCommand({
  meta: { name: 'kb', version: KB_VERSION, description: 'Knowledge-center tools for support engineers' },
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

type AnyCommand = CommandDef<ArgsDef>;
const resolve = async <T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> => (typeof value === 'function' ? (value as () => T | Promise<T>)() : value);

/** The command a command line names, the names on the way to it, and the arguments left for it. */
interface Resolved {
  command: AnyCommand;
  names: string[];
  rest: string[];
}

/** Index of the first argument that is not a flag or a flag's value: the sub-command's name. */
function verbIndex(argv: readonly string[], args: ArgsDef): number {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return -1;
    if (!arg.startsWith('-')) return index;
    const name = arg.replace(/^-{1,2}/, '');
    const def = args[name];
    if (!arg.includes('=') && def && (def.type === 'string' || def.type === 'enum')) index++;
  }
  return -1;
}

/** Walks the command tree along `argv`: an unknown verb is a user error with the closest verbs. */
async function resolveCommand(argv: readonly string[]): Promise<Resolved> {
  let command: AnyCommand = main as AnyCommand;
  const names = ['kb'];
  let rest = [...argv];
  for (;;) {
    const subCommands = await resolve(command.subCommands);
    if (!subCommands || Object.keys(subCommands).length === 0) return { command, names, rest };
    const index = verbIndex(rest, (await resolve(command.args)) ?? {});
    if (index === -1) return { command, names, rest };
    const verb = rest[index]!;
    const loader = Object.hasOwn(subCommands, verb) ? subCommands[verb] : undefined;
    if (!loader) {
      const verbs = Object.keys(subCommands);
      const close = closestMatches(verb, verbs);
      const where = names.join(' ');
      throw new KbError(kbErrors.UnknownCommand, 
        `Unknown command \`${where} ${verb}\`, ${close.length ? `did you mean ${close.map((name) => `\`${where} ${name}\``).join(', ')}?` : `expected one of ${verbs.join(', ')}`} (${where} --help lists them)`,
      );
    }
    command = (await resolve(loader)) as AnyCommand;
    names.push(verb);
    rest = rest.slice(index + 1);
  }
}

/** The help of a command, named by its full path (`kb new article`). */
async function usage(resolved: Resolved): Promise<string> {
  const parent = resolved.names.length > 1 ? defineCommand({ meta: { name: resolved.names.slice(0, -1).join(' '), version: KB_VERSION } }) : undefined;
  // citty pads every column to the widest entry: the last column's padding is only trailing blanks.
  return (await renderUsage(resolved.command, parent as AnyCommand | undefined)).replace(/[ \t]+$/gm, '');
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/**
 * Runs one `kb` command line and returns its exit code. Everything outside — streams, environment, working
 * folder — comes through `io`; only `bin/kb.js` hands in the real process.
 */
export async function run(argv: readonly string[], io: KbIO): Promise<number> {
  let resolved: Resolved | undefined;
  try {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      out(io, KB_VERSION);
      return 0;
    }
    resolved = await resolveCommand(argv);
    const { command, rest } = resolved;
    const dashDash = rest.indexOf('--');
    if (rest.slice(0, dashDash === -1 ? undefined : dashDash).some(isHelp) || !command.run) {
      // A group without a verb (`kb`, `kb new`) shows what it offers; asking for help is never an error.
      out(io, await usage(resolved));
      return command.run || argv.some(isHelp) ? 0 : 1;
    }
    const argsDef = (await resolve(command.args)) ?? {};
    rejectUnknownFlags(rest, argsDef, resolved.names.join(' '));
    const args = parseArgs(rest, argsDef);
    const result: unknown = await command.run({ rawArgs: rest, args, cmd: command, data: io });
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    // The catalog names every error a user can fix (citty's own argument errors too): exit code and hint by name.
    const known = errorData(error);
    if (known) {
      err(io, `kb: ${(error as Error).message}`);
      const hint = known.hint?.(resolved?.names.join(' '));
      if (hint) err(io, hint);
      return known.exitCode;
    }
    err(io, 'kb: internal error — please report it with the command you ran and this output:');
    err(io, inspect(error));
    return kbErrors.InternalError.exitCode;
  }
}
