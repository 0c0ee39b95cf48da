import type { Writable } from 'node:stream';

/** One option of a command; `--help` and docs/cli.md are generated from these. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** shown in help as `--name <valueName>` */
  valueName?: string;
  multiple?: boolean;
  default?: string | boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

/** What a command may touch: everything else stays out of library code. */
export interface CliContext {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** colours on stderr */
  color: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** longer text for `leakwatch help <command>` and docs/cli.md */
  description: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  examples: string[];
  /** returns the exit code: 0 clean, 1 leak found, 2 usage or input error */
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/** Options every reporting command takes. */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'write the findings document (design §5) to stdout' },
  sarif: { type: 'string', valueName: 'file', description: 'write SARIF 2.1.0 for code scanning to <file>' },
  html: { type: 'string', valueName: 'file', description: 'write a self-contained HTML report (charts, code frames, filters) to <file>' },
  'fail-on': { type: 'string', valueName: 'severity', default: 'warning', description: 'lowest severity that makes the exit code 1: error, warning or info' },
  quiet: { type: 'boolean', short: 'q', description: 'print nothing but errors on stderr' },
  'no-color': { type: 'boolean', description: 'no ANSI colours (also NO_COLOR=1)' },
};
