import { parseArgs } from 'node:util';
import { formatErrorLine, isLeakwatchError, VERSION } from '@leakwatch/core';
import type { CliContext, CommandSpec, ParsedArgs } from './command.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, mainHelp } from './help.js';

/** Parses a command's argv with its option specs; unknown options are a usage error. */
export function parseCommandArgs(command: CommandSpec, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(command.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const values: ParsedArgs['values'] = { ...parsed.values };
  for (const [name, o] of Object.entries(command.options)) if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  return { values, positionals: parsed.positionals };
}

/**
 * Runs the CLI in-process and returns the exit code. The only place that turns errors into
 * one-line messages and exit code 2.
 */
export async function main(argv: string[], ctx: CliContext, commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    ctx.stdout.write(target ? commandHelp(target) : mainHelp(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    ctx.stderr.write(`leakwatch: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  let args: ParsedArgs;
  try {
    args = parseCommandArgs(command, rest);
  } catch (error) {
    ctx.stderr.write(`leakwatch ${name}: ${(error as Error).message.split('\n')[0]}\n  see: leakwatch ${name} --help\n`);
    return 2;
  }
  if (args.values['help'] === true) {
    ctx.stdout.write(commandHelp(command));
    return 0;
  }
  const missing = command.positionals.find((p, i) => p.required && args.positionals[i] === undefined);
  if (missing) {
    ctx.stderr.write(`leakwatch ${name}: missing <${missing.name}>\n  see: leakwatch ${name} --help\n`);
    return 2;
  }
  try {
    return await command.run(args, ctx);
  } catch (error) {
    if (isLeakwatchError(error)) {
      ctx.stderr.write(`leakwatch ${name}: ${formatErrorLine(error)}\n`);
      return 2;
    }
    const e = error as Error;
    ctx.stderr.write(`leakwatch ${name}: internal error: ${e?.message ?? String(error)}\n`);
    if (ctx.env['LEAKWATCH_DEBUG']) ctx.stderr.write(`${e?.stack ?? ''}\n`);
    return 2;
  }
}
