import { resolve } from 'node:path';
import { analyzeLogs } from '@leakwatch/analyzer';
import type { LogInput } from '@leakwatch/analyzer';
import { createReport, UsageError } from '@leakwatch/core';
import type { CommandSpec } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport, writeOutput } from '../output.js';
import { toMarkdown } from '../render/markdown.js';

export const logsCommand: CommandSpec = {
  name: 'logs',
  summary: "find leaking sandboxes, timeouts and out-of-memory kills in the platforms' own logs, and price them",
  description:
    'Reads AWS Lambda (text and JSON platform lines, get-log-events / filter-log-events / subscription / S3 exports, Logs Insights JSON and CSV, Lambda Insights EMF), Google Cloud Functions (Cloud Logging entries) and Azure Functions (host lines, Application Insights requests) logs, plain or gzipped, from files, folders or standard input (`-`). Groups them by function and sandbox (on AWS, a log stream) and reports memory creep, timeouts, out-of-memory kills, duration growth, cold-start churn, refused database connections, work logged after an invocation ended and over-provisioned memory, with what each costs.',
  positionals: [{ name: 'inputs', description: 'log files or folders (plain or .gz); `-` or none reads standard input', variadic: true }],
  options: {
    function: { type: 'string', valueName: 'name', description: 'function name for inputs that do not carry one (plain text files; default: the file name)' },
    arch: { type: 'string', valueName: 'x86_64|arm64', default: 'x86_64', description: 'architecture for pricing' },
    'memory-size': { type: 'string', valueName: 'MB', description: 'memory size to price with when the logs do not say (GCP, Azure)' },
    markdown: { type: 'string', valueName: 'file', description: 'write a Markdown summary for a pull request or ticket to <file>' },
    ...OUTPUT_OPTIONS,
  },
  examples: ['leakwatch logs exported/ --json > findings.json', 'aws logs filter-log-events --log-group-name /aws/lambda/orders | leakwatch logs -', 'leakwatch logs examples/logs/orders-creep.log --markdown summary.md'],
  async run(args, ctx) {
    const arch = String(args.values['arch'] ?? 'x86_64');
    if (arch !== 'x86_64' && arch !== 'arm64') throw new UsageError(`--arch must be x86_64 or arm64, not '${arch}'`);
    const mem = args.values['memory-size'];
    const memoryMb = mem === undefined ? undefined : Number(mem);
    if (memoryMb !== undefined && !(memoryMb > 0)) throw new UsageError(`--memory-size must be a positive number of MB, not '${String(mem)}'`);
    const paths = args.positionals.length ? args.positionals : ['-'];
    if (paths.every((p) => p === '-') && ctx.stdin.isTTY) throw new UsageError('no log files given and standard input is a terminal: leakwatch logs <files or folders>');
    const inputs: LogInput[] = paths.map((p) => (p === '-' ? { name: '<stdin>', stream: ctx.stdin as unknown as NodeJS.ReadableStream & import('node:stream').Readable } : { path: resolve(ctx.cwd, p) }));
    const progress = Boolean(ctx.stderr.isTTY) && args.values['quiet'] !== true;
    const result = await analyzeLogs(inputs, {
      arch,
      ...(typeof args.values['function'] === 'string' ? { functionName: args.values['function'] } : {}),
      ...(memoryMb !== undefined ? { defaultMemoryMb: memoryMb } : {}),
      ...(progress ? { onProgress: (s) => ctx.stderr.write(`\r… ${s.lines} lines, ${s.records} records, ${s.files} files`) } : {}),
    });
    if (progress) ctx.stderr.write('\r\x1b[K');
    const { stats } = result;
    const report = createReport('logs', result.findings, {
      records: stats.records,
      lines: stats.lines,
      files: stats.files,
      unreadable: stats.unreadable,
      ...(stats.unreadableSamples.length ? { unreadableSamples: stats.unreadableSamples } : {}),
      functions: result.functions,
    });
    if (stats.unreadable > 0 && args.values['quiet'] !== true) {
      ctx.stderr.write(`note: ${stats.unreadable} line${stats.unreadable === 1 ? '' : 's'} looked like platform lines but could not be read (first: ${stats.unreadableSamples.join(', ')})\n`);
    }
    if (typeof args.values['markdown'] === 'string') await writeOutput(resolve(ctx.cwd, args.values['markdown']), toMarkdown(report), '--markdown');
    return emitReport(report, args, ctx);
  },
};
