import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { analyzeLogFiles, analyzeLogs, insightsDanglingQuery, insightsQuery, mergeInsightsResults, readCloudWatchEvents, readFileScannedBatches, readScannedBatches, runInsightsQuery } from '@leakwatch/analyzer';
import type { CloudWatchOptions, EventSource, ReadCounts } from '@leakwatch/analyzer';
import { AZURE_FLEX_CONSUMPTION_PRICES, AZURE_FUNCTIONS_PRICES, createReport, gcpPrices, InputError, isGcpRegion, isLeakwatchError, lambdaPrices, sortFindings, UsageError } from '@leakwatch/core';
import type { Finding, PriceTable } from '@leakwatch/core';
import type { CommandSpec } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport, writeOutput } from '../output.js';
import { renderMarkdown } from '../render/markdown.js';
import { startProgress } from '../render/progress.js';

/** Files at least this large (in all) are read on a worker thread (see analyzeLogFiles' `isolated`). */
const ISOLATE_BYTES = 16 << 20;

/** `leakwatch logs`: finds leaking, timing-out and over-provisioned functions in platform logs. */
export const logsCommand: CommandSpec = {
  name: 'logs',
  summary: 'find leaks, timeouts and waste in the logs your functions already write',
  description:
    'Reads serverless platform logs (AWS Lambda text REPORT lines, JSON log format, get-log-events / filter-log-events ' +
    'JSON, S3 exports, subscription payloads, Logs Insights results; Google Cloud Logging entries; Azure Functions host ' +
    'lines and Application Insights request exports; plain or gzip; files, folders or - for standard input), groups them ' +
    'per function and sandbox (log stream, host instance) in bounded memory and reports memory creep, duration growth, ' +
    'timeouts, out-of-memory kills, refused database connections, work left running after an invocation ended, cold-start churn and over-provisioned memory, priced ' +
    'with the dated, regional AWS Lambda price table (--price-date, --region); Google sandboxes with the tier of the region their ' +
    'entries name (or --region europe-west2), Azure sandboxes with the Consumption or Flex Consumption plan (--azure-plan).',
  positionals: [{ name: 'inputs', description: 'log files or folders, plain or .gz; - reads standard input', variadic: true }],
  options: {
    ...OUTPUT_OPTIONS,
    markdown: { type: 'string', valueName: 'file', description: 'also write the findings as Markdown (for a pull request or ticket) to <file>' },
    'log-group': { type: 'string', valueName: 'name', multiple: true, description: 'read this CloudWatch log group through the AWS SDK (credentials from the usual chain)' },
    since: { type: 'string', valueName: 'time', default: '24h', description: 'start of the CloudWatch window: an ISO date or a span back from now (30m, 24h, 7d)' },
    until: { type: 'string', valueName: 'time', description: 'end of the CloudWatch window (default: now)' },
    region: { type: 'string', valueName: 'region', description: 'AWS region: where --log-group is read (default: the SDK chain) and whose Lambda prices apply (default: us-east-1); a Google Cloud region (europe-west2) prices Google sandboxes at its tier instead' },
    'azure-plan': { type: 'string', valueName: 'plan', default: 'consumption', description: 'the Azure Functions plan Azure sandboxes are priced with: consumption or flex-consumption (on demand, 2048 MB instances)' },
    'price-date': { type: 'string', valueName: 'yyyy-mm-dd', description: 'price with the AWS Lambda price table in effect on this day (default: the latest)' },
    engine: { type: 'string', valueName: 'engine', description: 'insights: compute per-stream statistics with CloudWatch Logs Insights instead of downloading events' },
    'print-query': { type: 'boolean', description: 'print the Logs Insights query --engine insights would run, and exit' },
    function: { type: 'string', valueName: 'name', description: 'the function name when the logs do not say it (default: the log group or file name)' },
    'max-sandboxes': { type: 'string', valueName: 'n', default: '512', description: 'sandboxes held in memory at once; the least recently seen beyond it are judged early (raise it for logs interleaving more live sandboxes)' },
    workers: { type: 'string', valueName: 'n', default: '1', description: 'worker threads that read the log files (plain, not gzip), each judging its share of the sandboxes; for large inputs on machines with many cores (see benchmarks/RESULTS.md)' },
  },
  examples: ['leakwatch logs examples/logs/leaky-sandbox.log', 'aws logs filter-log-events --log-group-name /aws/lambda/orders | leakwatch logs - --json'],
  async run(args, ctx) {
    const groups = ((args.values['log-group'] ?? []) as string[]).filter((g) => typeof g === 'string');
    const engine = args.values['engine'];
    if (engine !== undefined && engine !== 'insights') throw new UsageError(`--engine must be insights, not '${String(engine)}'`);
    const now = Date.now();
    const sinceMs = parseTime(String(args.values['since'] ?? '24h'), now, '--since');
    const untilMs = typeof args.values['until'] === 'string' ? parseTime(args.values['until'], now, '--until') : now;
    const region = typeof args.values['region'] === 'string' ? args.values['region'] : undefined;
    const tables = priceTables(args.values['price-date'], region, args.values['azure-plan']);
    const prices = tables[0] as PriceTable; // the AWS table: the report's price date and region are Lambda's
    const maxLiveSandboxes = Number(args.values['max-sandboxes'] ?? 512);
    if (!Number.isInteger(maxLiveSandboxes) || maxLiveSandboxes < 1) throw new UsageError(`--max-sandboxes must be a positive integer, not '${String(args.values['max-sandboxes'])}'`);
    const workers = Number(args.values['workers'] ?? 1);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be a whole number from 1 to 64, not '${String(args.values['workers'])}'`);
    if (args.values['print-query'] === true) {
      ctx.stdout.write(`${insightsQuery(sinceMs)}\n\n# a second query, to run on its own: dangling-work (requests that logged after their END)\n${insightsDanglingQuery()}\n`);
      return 0;
    }
    if (args.positionals.length === 0 && groups.length === 0) throw new UsageError('missing <inputs> (or --log-group)');
    const cw = (logGroup: string): CloudWatchOptions => ({ logGroup, sinceMs, untilMs, ...(region !== undefined && !isGcpRegion(region) ? { region } : {}), ...(ctx.env['LEAKWATCH_CLOUDWATCH_ENDPOINT'] ? { endpoint: ctx.env['LEAKWATCH_CLOUDWATCH_ENDPOINT'] } : {}) });
    const pushed: Finding[] = [];
    if (engine === 'insights') {
      for (const g of groups) {
        // the two queries run at once; if the dangling-work one fails (it needs two stats commands), the rest stands
        const [rows, dangling] = await Promise.all([
          runInsightsQuery(cw(g), insightsQuery(sinceMs)),
          runInsightsQuery(cw(g), insightsDanglingQuery()).catch((error: unknown) => {
            ctx.stderr.write(`leakwatch logs: ${g}: the dangling-work query failed (${(error as Error).message}); the other findings stand\n`);
            return undefined;
          }),
        ]);
        pushed.push(...mergeInsightsResults(rows, { prices: tables, ...(dangling ? { dangling } : {}) }));
      }
    }
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const sources: EventSource[] = [];
    const files: string[] = [];
    let total = 0;
    for (const input of args.positionals) {
      if (input === '-') sources.push(readScannedBatches(ctx.stdin as unknown as Readable, 'stdin', counts));
      else {
        for (const path of await listFiles(resolve(ctx.cwd, input), input)) {
          total += (await stat(path)).size;
          files.push(path);
          sources.push(readFileScannedBatches(path, counts));
        }
      }
    }
    if (engine !== 'insights') for (const g of groups) sources.push(readCloudWatchEvents(cw(g)));
    // files alone can be split over worker threads (each reads them all and judges its share of the sandboxes)
    const onlyFiles = files.length > 0 && sources.length === files.length;
    const fn = args.values['function'];
    const stop = args.values['quiet'] === true ? () => undefined : startProgress(ctx.stderr, () => ({ done: counts.bytes, total: args.positionals.includes('-') || groups.length > 0 ? 0 : total }), 'reading logs');
    let analysis;
    try {
      const options = { prices: tables, maxLiveSandboxes, ...(typeof fn === 'string' ? { fn } : {}) };
      // large files are read on a worker thread (its young generation capped): a steadier peak memory
      analysis = onlyFiles && (workers > 1 || total >= ISOLATE_BYTES) ? await analyzeLogFiles(files, counts, { ...options, workers, isolated: true }) : await analyzeLogs(sources, counts, options);
    } finally {
      stop();
    }
    const report = createReport('logs', sortFindings([...pushed, ...analysis.findings]), {
      records: analysis.counts.events,
      invocations: analysis.counts.reports,
      sandboxes: analysis.counts.sandboxes,
      functions: analysis.counts.functions,
      unreadable: analysis.counts.unreadable,
      ...(analysis.counts.unreadableAt?.length ? { unreadableAt: analysis.counts.unreadableAt } : {}),
      bytes: analysis.counts.bytes,
      pricedAt: prices.pricedAt,
      ...(prices.effectiveFrom ? { pricesFrom: prices.effectiveFrom } : {}),
      ...(prices.region ? { priceRegion: prices.region } : {}),
    });
    const md = args.values['markdown'];
    if (typeof md === 'string') await writeOutput(resolve(ctx.cwd, md), renderMarkdown(report), '--markdown');
    // lines were read but none was a record: say so rather than a bare "no leaks found"
    if (analysis.counts.events === 0 && counts.lines > 0 && pushed.length === 0 && args.values['quiet'] !== true) {
      ctx.stderr.write(`leakwatch logs: none of the ${counts.lines} line${counts.lines === 1 ? '' : 's'} read is a log record of a format it knows (the formats: docs/logs.md, Inputs)\n`);
    }
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

/**
 * The price tables the options ask for, the AWS one first: the dated, regional Lambda table (a Google
 * region name leaves AWS at us-east-1 and picks that region's Google tier) and the Azure plan's.
 * Errors name the option.
 */
function priceTables(date: unknown, region: string | undefined, azurePlan: unknown): PriceTable[] {
  const plan = azurePlan ?? 'consumption';
  if (plan !== 'consumption' && plan !== 'flex-consumption') throw new UsageError(`--azure-plan must be consumption or flex-consumption, not '${String(plan)}'`);
  const azure = plan === 'flex-consumption' ? AZURE_FLEX_CONSUMPTION_PRICES : AZURE_FUNCTIONS_PRICES;
  try {
    const dated = typeof date === 'string' ? { date } : {};
    if (region !== undefined && isGcpRegion(region)) return [lambdaPrices(dated), gcpPrices(region), azure];
    return [lambdaPrices({ ...dated, ...(region !== undefined ? { region } : {}) }), azure];
  } catch (error) {
    if (isLeakwatchError(error) && (error.code === 'LW_PRICE_DATE' || error.code === 'LW_PRICE_REGION')) {
      throw new UsageError(`${error.code === 'LW_PRICE_DATE' ? '--price-date' : '--region'}: ${error.message}`);
    }
    throw error;
  }
}

/** An ISO date, or a span back from now: 30m, 24h, 7d. */
function parseTime(text: string, now: number, option: string): number {
  const span = /^(\d+(?:\.\d+)?)\s*(m|h|d)$/.exec(text);
  if (span) return now - Number(span[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`${option} must be an ISO date or a span like 24h, not '${text}'`);
  return t;
}
