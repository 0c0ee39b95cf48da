import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { analyzeLogs, readEvents, readFileEvents } from '@leakwatch/analyzer';
import type { LogEvent, ReadCounts } from '@leakwatch/analyzer';
import { AWS_LAMBDA_PRICES, createReport, InputError, UsageError } from '@leakwatch/core';
import type { CommandSpec } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport, writeOutput } from '../output.js';
import { renderMarkdown } from '../render/markdown.js';

/** `leakwatch logs`: finds leaking, timing-out and over-provisioned functions in platform logs. */
export const logsCommand: CommandSpec = {
  name: 'logs',
  summary: 'find leaks, timeouts and waste in the logs your functions already write',
  description:
    'Reads AWS Lambda logs (text REPORT lines, get-log-events / filter-log-events JSON, Logs Insights results, ' +
    'plain or gzip; files, folders or - for standard input), groups them per function and sandbox (log stream) and ' +
    'reports memory creep, timeouts, out-of-memory kills, refused database connections and over-provisioned memory, ' +
    'priced with a dated price table.',
  positionals: [{ name: 'inputs', description: 'log files or folders, plain or .gz; - reads standard input', variadic: true, required: true }],
  options: {
    ...OUTPUT_OPTIONS,
    markdown: { type: 'string', valueName: 'file', description: 'also write the findings as Markdown (for a pull request or ticket) to <file>' },
    function: { type: 'string', valueName: 'name', description: 'the function name when the logs do not say it (default: the log group or file name)' },
  },
  examples: ['leakwatch logs examples/logs/leaky-sandbox.log', 'aws logs filter-log-events --log-group-name /aws/lambda/orders | leakwatch logs - --json'],
  async run(args, ctx) {
    if (args.positionals.length === 0) throw new UsageError('missing <inputs>');
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const sources: Array<AsyncIterable<LogEvent>> = [];
    for (const input of args.positionals) {
      if (input === '-') sources.push(readEvents(ctx.stdin as unknown as Readable, 'stdin', counts));
      else for (const path of await listFiles(resolve(ctx.cwd, input), input)) sources.push(readFileEvents(path, counts));
    }
    const fn = args.values['function'];
    const analysis = await analyzeLogs(sources, counts, typeof fn === 'string' ? { fn } : {});
    const report = createReport('logs', analysis.findings, {
      records: analysis.counts.events,
      invocations: analysis.counts.reports,
      sandboxes: analysis.sandboxes.length,
      functions: analysis.counts.functions,
      unreadable: analysis.counts.unreadable,
      bytes: analysis.counts.bytes,
      pricedAt: AWS_LAMBDA_PRICES.pricedAt,
    });
    const md = args.values['markdown'];
    if (typeof md === 'string') await writeOutput(resolve(ctx.cwd, md), renderMarkdown(report), '--markdown');
    return emitReport(report, args, ctx);
  },
};

async function listFiles(path: string, shown: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InputError('LW_INPUT', `cannot read log input: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { input: shown, cause: error });
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => resolve(e.parentPath, e.name)).sort();
}
