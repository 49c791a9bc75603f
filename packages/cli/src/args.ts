// What citty's parser leaves out: flags given more than once, and flags the command does not know.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ArgsDef } from 'citty';
import { closestMatches } from '@nimbus/runbooks';
import { KbError, kbErrors } from './error-catalog.ts';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** node:util's options for a command's flags; `repeatable` ones collect every value. */
function optionsOf(args: ArgsDef, repeatable: ReadonlySet<string>): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const type = def.type === 'boolean' ? 'boolean' : 'string';
    options[kebab(name)] = { type, ...(repeatable.has(name) ? { multiple: true } : {}) };
  }
  return options;
}

/**
 * Every value of a flag that may be repeated, in order (`--error a --error b` → `['a', 'b']`). A value is taken
 * whole: commas inside it are part of it.
 */
export function repeatedValues(rawArgs: readonly string[], args: ArgsDef, name: string): string[] {
  const { values } = parseArgs({ args: [...rawArgs], options: optionsOf(args, new Set([name])), strict: false, allowPositionals: true });
  const found = values[kebab(name)];
  return (Array.isArray(found) ? found : found === undefined ? [] : [found]).filter((value): value is string => typeof value === 'string');
}

/** Fails on a flag the command does not define, naming the closest ones: a typo is never silently ignored. */
export function rejectUnknownFlags(rawArgs: readonly string[], args: ArgsDef, command: string): void {
  const names = Object.entries(args).filter(([, def]) => def.type !== 'positional').flatMap(([name, def]) => {
    const alias = 'alias' in def ? def.alias : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    return [kebab(name), name, ...aliases, ...(def.type === 'boolean' ? [`no-${kebab(name)}`] : [])];
  });
  const known = new Set(names);
  // The parser's tokens: the value of a known flag is never mistaken for a flag, `--` ends the flags.
  const { tokens } = parseArgs({ args: [...rawArgs], options: optionsOf(args, new Set()), strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option' || known.has(token.name)) continue;
    const close = closestMatches(token.name, names.filter((name) => name.length > 1 && name === kebab(name)));
    throw new KbError(kbErrors.UnknownOption, `Unknown option \`${token.rawName}\` for \`${command}\`, ${close.length ? `did you mean ${close.map((name) => `\`--${name}\``).join(', ')}?` : `run \`${command} --help\` for its options`}`);
  }
}
