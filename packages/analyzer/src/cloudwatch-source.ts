import { InputError } from '@leakwatch/core';
import type { InsightsRow } from './insights-query.js';
import type { LogEvent } from './log-event.js';

/** Where and what to read in CloudWatch Logs. Credentials come from the SDK's usual chain unless given. */
export interface CloudWatchOptions {
  logGroup: string;
  sinceMs: number;
  untilMs: number;
  region?: string;
  /** another endpoint (tests, LocalStack) */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Insights polling interval, ms; default 1000 */
  pollMs?: number;
}

type Sdk = typeof import('@aws-sdk/client-cloudwatch-logs');

/** Loads the AWS SDK only when CloudWatch is read, with a clear error when it is missing. */
async function loadSdk(): Promise<Sdk> {
  try {
    return await import('@aws-sdk/client-cloudwatch-logs');
  } catch (error) {
    throw new InputError('LW_MODULE_NOT_FOUND', 'reading CloudWatch needs @aws-sdk/client-cloudwatch-logs: npm install @aws-sdk/client-cloudwatch-logs', { cause: error });
  }
}

async function client(o: CloudWatchOptions) {
  const sdk = await loadSdk();
  const c = new sdk.CloudWatchLogsClient({
    ...(o.region ? { region: o.region } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.credentials ? { credentials: o.credentials } : {}),
  });
  return { sdk, c };
}

/**
 * Streams a log group's events between two times with FilterLogEvents, page by page.
 *
 * @example
 * ```ts
 * for await (const e of readCloudWatchEvents({ logGroup: '/aws/lambda/orders', sinceMs: Date.now() - 864e5, untilMs: Date.now() })) …
 * ```
 */
export async function* readCloudWatchEvents(o: CloudWatchOptions): AsyncGenerator<LogEvent> {
  const { sdk, c } = await client(o);
  try {
    let nextToken: string | undefined;
    do {
      const page = await c.send(new sdk.FilterLogEventsCommand({ logGroupName: o.logGroup, startTime: o.sinceMs, endTime: o.untilMs, ...(nextToken ? { nextToken } : {}) }));
      for (const e of page.events ?? []) {
        if (typeof e.message !== 'string') continue;
        yield { message: e.message, group: o.logGroup, ...(e.logStreamName ? { stream: e.logStreamName } : {}), ...(e.timestamp !== undefined ? { time: e.timestamp } : {}) };
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } finally {
    c.destroy();
  }
}

/**
 * Runs a Logs Insights query over a log group and returns its result rows when it completes.
 *
 * @example
 * ```ts
 * const rows = await runInsightsQuery(options, insightsQuery(options.sinceMs));
 * ```
 */
export async function runInsightsQuery(o: CloudWatchOptions, queryString: string): Promise<InsightsRow[]> {
  const { sdk, c } = await client(o);
  try {
    const started = await c.send(new sdk.StartQueryCommand({ logGroupName: o.logGroup, startTime: Math.floor(o.sinceMs / 1000), endTime: Math.ceil(o.untilMs / 1000), queryString }));
    const queryId = started.queryId;
    if (!queryId) throw new InputError('LW_INPUT', 'Logs Insights returned no query id', { input: o.logGroup });
    for (;;) {
      const r = await c.send(new sdk.GetQueryResultsCommand({ queryId }));
      if (r.status === 'Complete') return (r.results ?? []) as InsightsRow[];
      if (r.status === 'Failed' || r.status === 'Cancelled' || r.status === 'Timeout') {
        throw new InputError('LW_INPUT', `Logs Insights query ${r.status.toLowerCase()}`, { input: o.logGroup });
      }
      await new Promise((done) => setTimeout(done, o.pollMs ?? 1000));
    }
  } finally {
    c.destroy();
  }
}
