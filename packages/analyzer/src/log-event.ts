import { gunzipSync } from 'node:zlib';
import { appInsightsEvents, appInsightsRequest } from './app-insights.js';

/** One log event as the platform stored it: a message, and the stream and time when known. */
export interface LogEvent {
  message: string;
  stream?: string;
  group?: string;
  time?: number;
  /** the cloud region the entry names (Google: `resource.labels.region` or `location`): picks the price tier */
  region?: string;
}

/**
 * Pulls log events out of one parsed JSON value of any exported shape: get-log-events
 * (`events`), filter-log-events (`events`, or `payload` as some tools save it), subscription-filter
 * payloads (`logEvents`), Logs Insights GetQueryResults (`results` rows of `{field, value}`), a
 * plain array, or a single event (`message`, Cloud Logging `textPayload`/`jsonPayload`); Application
 * Insights requests (table rows, `tables` query results, continuous export) become the Functions
 * host's lines (see appInsightsEvents).
 *
 * @example
 * ```ts
 * [...eventsOfJson({ events: [{ timestamp: 1, message: 'START RequestId: r' }] })]; // [{ message: 'START RequestId: r', time: 1 }]
 * ```
 */
export function* eventsOfJson(doc: unknown): Generator<LogEvent> {
  if (Array.isArray(doc)) {
    for (const item of doc) yield* eventsOfJson(item);
    return;
  }
  if (!doc || typeof doc !== 'object') return;
  const o = doc as Record<string, unknown>;
  const awslogs = (o['awslogs'] as { data?: unknown } | undefined)?.data;
  if (typeof awslogs === 'string') {
    yield* eventsOfJson(decodeSubscription(awslogs));
    return;
  }
  if ('duration' in o || 'DurationMs' in o || 'request' in o) {
    const request = appInsightsRequest(o);
    if (request) {
      yield* appInsightsEvents(request);
      return;
    }
  }
  if (Array.isArray(o['tables'])) {
    // a Log Analytics / Application Insights query result: tables of columns and rows
    for (const table of o['tables'] as Array<Record<string, unknown>>) {
      const columns = (table['columns'] ?? table['Columns'] ?? []) as Array<{ name?: string; ColumnName?: string }>;
      const names = columns.map((c) => c.name ?? c.ColumnName ?? '');
      const rows = (table['rows'] ?? table['Rows'] ?? []) as unknown[];
      for (const row of rows) if (Array.isArray(row)) yield* eventsOfJson(Object.fromEntries(names.map((n, i) => [n, row[i]])));
    }
    return;
  }
  const list = o['events'] ?? o['payload'] ?? o['logEvents'];
  if (Array.isArray(list)) {
    const group = str(o['logGroup']) ?? str(o['logGroupName']);
    const stream = typeof o['logStream'] === 'string' ? o['logStream'] : undefined;
    for (const item of list) {
      for (const e of eventsOfJson(item)) yield { ...(group ? { group } : {}), ...(stream ? { stream } : {}), ...e };
    }
    return;
  }
  if (Array.isArray(o['results'])) {
    for (const row of o['results']) if (Array.isArray(row)) yield* eventsOfJson(insightsRow(row));
    return;
  }
  const message = messageOf(o);
  if (message === undefined) return;
  // Cloud Logging: the instance (Cloud Run and gen2 functions label their container logs with
  // `instanceId`: one sandbox serving many executions) before the execution id (gen1: one per execution)
  const labels = o['labels'] as Record<string, unknown> | undefined;
  const stream = str(o['logStreamName']) ?? str(o['@logStream']) ?? str(o['SandboxId']) ?? str(labels?.['instanceId']) ?? str(labels?.['execution_id']);
  const group = str(o['logGroupName']) ?? str(o['@log']) ?? str(o['function_name']) ?? str(o['FunctionName']) ?? functionOf(o);
  const time = timeOf(o['timestamp'] ?? o['@timestamp'] ?? o['time']);
  const region = regionOf(o);
  yield { message, ...(stream ? { stream } : {}), ...(group ? { group } : {}), ...(time !== undefined ? { time } : {}), ...(region ? { region } : {}) };
}

function insightsRow(row: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const cell of row) {
    if (cell && typeof cell === 'object') {
      const c = cell as { field?: unknown; value?: unknown };
      if (typeof c.field === 'string') out[c.field] = c.value;
    }
  }
  return out;
}

function messageOf(o: Record<string, unknown>): string | undefined {
  const m = o['message'] ?? o['@message'] ?? o['textPayload'];
  // an Insights row whose message is not the REPORT itself falls through to its byte fields below
  if (typeof m === 'string' && !('@maxMemoryUsed' in o && !m.includes('Max Memory Used'))) return m;
  const payload = o['jsonPayload'];
  if (payload && typeof payload === 'object') {
    const inner = (payload as Record<string, unknown>)['message'];
    return typeof inner === 'string' ? inner : JSON.stringify(payload);
  }
  // a Cloud Run (and gen2 function) request log: `httpRequest.latency` is the execution's duration,
  // read as the gen1 platform line that says the same
  const http = o['httpRequest'];
  if (http && typeof http === 'object' && o['resource'] !== undefined) {
    const h = http as Record<string, unknown>;
    const latency = typeof h['latency'] === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(h['latency']) : null;
    if (latency) return `Function execution took ${Math.round(Number(latency[1]) * 1e6) / 1000} ms, finished with status code: ${String(h['status'] ?? '')}`;
  }
  // Logs Insights rows without @message: memory fields are in bytes (10^6 per MB)
  if (o['@maxMemoryUsed'] !== undefined && o['@memorySize'] !== undefined) {
    const mb = (v: unknown): number => Math.round(Number(v) / 1e6);
    return `REPORT RequestId: ${String(o['@requestId'] ?? '')}\tDuration: ${Number(o['@duration'] ?? 0)} ms\tBilled Duration: ${Number(o['@billedDuration'] ?? 0)} ms\tMemory Size: ${mb(o['@memorySize'])} MB\tMax Memory Used: ${mb(o['@maxMemoryUsed'])} MB`;
  }
  // an EMF event (Lambda Insights, the guard's lines) exported as the object itself, or a Lambda
  // JSON-format platform event (`platform.report`, `platform.runtimeDone`…) copied as the line itself
  if ('_aws' in o || 'LeakwatchType' in o || (typeof o['type'] === 'string' && o['type'].startsWith('platform.') && typeof o['record'] === 'object')) return JSON.stringify(o);
  return undefined;
}

function functionOf(o: Record<string, unknown>): string | undefined {
  const labels = (o['resource'] as { labels?: Record<string, unknown> } | undefined)?.labels;
  return str(labels?.['function_name']) ?? str(labels?.['service_name']);
}

/** A Cloud Logging entry's region: `resource.labels.region` (Cloud Functions) or `location` (Cloud Run). */
function regionOf(o: Record<string, unknown>): string | undefined {
  const labels = (o['resource'] as { labels?: Record<string, unknown> } | undefined)?.labels;
  return str(labels?.['region']) ?? str(labels?.['location']);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(v) ? v.replace(' ', 'T') + 'Z' : v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Decodes a CloudWatch Logs subscription-filter payload (base64 of gzip of JSON); `undefined` when
 * it is not one.
 *
 * @example
 * ```ts
 * decodeSubscription(event.awslogs.data); // { messageType: 'DATA_MESSAGE', logGroup, logStream, logEvents: [...] }
 * ```
 */
export function decodeSubscription(data: string): unknown {
  try {
    return JSON.parse(gunzipSync(Buffer.from(data.trim(), 'base64')).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
