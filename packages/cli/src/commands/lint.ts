import { dirname, parse, resolve, sep } from 'node:path';
import type { ESLint } from 'eslint';
import { createReport, formatErrorLine, UsageError } from '@leakwatch/core';
import type { CommandSpec } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport } from '../output.js';

/**
 * `leakwatch lint [paths]`: our ESLint rules with no ESLint setup in the user's project.
 *
 * @example
 * ```ts
 * await main(['lint', 'src', '--json'], ctx); // 1 when a leak pattern is found
 * ```
 */
export const lintCommand: CommandSpec = {
  name: 'lint',
  summary: 'check handler source for leak patterns, with no ESLint setup needed',
  description:
    "Runs @leakwatch/eslint-plugin's recommended rules over JavaScript and TypeScript files (default: the " +
    'current directory; node_modules, dist, build and deployment bundles are skipped). Your own ESLint ' +
    'configuration is not read. Each finding has the kind the rule predicts, so lint findings join those of ' +
    '`leakwatch test` and production logs. A file that cannot be parsed is an input error: its ' +
    '`file:line:column: message` is printed after the report and the exit code is 2.',
  positionals: [{ name: 'paths', description: 'files, directories or globs to lint (default: .)', variadic: true }],
  options: {
    ...OUTPUT_OPTIONS,
    'handler-name': { type: 'string', multiple: true, valueName: 'name', description: "an exported name that is a handler (repeatable; default: handler, lambdaHandler and any *Handler)" },
  },
  examples: ['leakwatch lint', 'leakwatch lint src/handlers --sarif leakwatch.sarif', 'leakwatch lint handler.mjs --json'],
  async run(args, ctx) {
    const paths = args.positionals.length > 0 ? args.positionals : ['.'];
    const names = (args.values['handler-name'] as string[] | undefined) ?? [];
    // ESLint skips files outside its cwd: lint absolute paths from their common ancestor, report relative to ctx.cwd
    const absolute = paths.map((p) => resolve(ctx.cwd, p));
    // ESLint, typescript-eslint and the plugin load only when `lint` runs: `leakwatch test` stays light.
    const [{ ESLint }, { lintConfig }, { lintFindings }] = await Promise.all([import('eslint'), import('../lint/lint-config.js'), import('../lint/to-findings.js')]);
    const eslint = new ESLint({ cwd: commonAncestor([ctx.cwd, ...absolute]), overrideConfigFile: true, overrideConfig: lintConfig(names), errorOnUnmatchedPattern: true });
    let results: ESLint.LintResult[];
    try {
      results = await eslint.lintFiles(absolute);
    } catch (error) {
      throw toUsageError(error, (pattern) => paths[absolute.indexOf(pattern)] ?? pattern);
    }
    const { findings, problems } = lintFindings(results, ctx.cwd);
    const report = createReport('lint', findings, { files: results.length, unparsable: problems.length });
    const code = await emitReport(report, args, ctx);
    for (const p of problems) ctx.stderr.write(`leakwatch lint: ${formatErrorLine({ input: p.file, line: p.line, column: p.column, message: p.message })}\n`);
    return problems.length > 0 ? 2 : code;
  },
};

/** ESLint's "no files" errors as one-line usage errors naming the path as the user wrote it; anything else is rethrown. */
function toUsageError(error: unknown, original: (pattern: string) => string): unknown {
  const message = (error as Error).message?.split('\n')[0] ?? '';
  const none = /^No files matching '(.*)' were found/.exec(message);
  if (none) return new UsageError('no JavaScript or TypeScript files found', { input: original(none[1] as string), cause: error });
  const ignored = /^All files matched by '(.*)' are ignored/.exec(message);
  if (ignored) return new UsageError('every file here is skipped (node_modules, dist, build, coverage, deployment bundles, .d.ts)', { input: original(ignored[1] as string), cause: error });
  return error;
}

/** The deepest directory containing every path. */
function commonAncestor(paths: readonly string[]): string {
  let common = paths[0] as string;
  for (const p of paths) {
    while (common !== p && !p.startsWith(common.endsWith(sep) ? common : common + sep)) {
      const up = dirname(common);
      if (up === common) return parse(common).root;
      common = up;
    }
  }
  return common;
}
