import type { LogEvent } from './log-event.js';

/** One Application Insights request, whichever export it came from. */
export interface AppInsightsRequest {
  /** the function (request `name`) */
  fn: string;
  /** the host instance (`cloud_RoleInstance`): Azure's sandbox */
  sandbox: string;
  time?: number;
  durationMs: number;
  success: boolean;
  resultCode?: string;
  operationId?: string;
  /** the limit it hit, seconds, when the request is a function timeout */
  timeoutSeconds?: number;
}

/** Function timeouts Azure applies: HTTP 230 s, Consumption 5 min default and 10 min maximum, Premium 30 min default. */
const LIMITS_S = [230, 300, 600, 1800];

/**
 * Reads one Application Insights request from any of its export shapes: a row of the `requests`
 * table (portal CSV or query JSON: `timestamp`, `name`, `success`, `resultCode`, `duration` in ms,
 * `cloud_RoleInstance`, `operation_Id`, `customDimensions`), the workspace `AppRequests` table
 * (`TimeGenerated`, `Name`, `Success`, `DurationMs`, `AppRoleInstance`, `OperationId`), or a
 * continuous-export document (`request[0].durationMetric.value` in ticks, 10⁷ per second;
 * `context.device.roleInstance`). A failed request is a timeout when its dimensions name a
 * `FunctionTimeoutException` or its duration sits just past a known limit.
 *
 * @example
 * ```ts
 * appInsightsRequest({ timestamp: '2026-11-24T10:00:00Z', name: 'Orders', success: 'True', duration: '120.5', cloud_RoleInstance: 'a1b2' });
 * // { fn: 'Orders', sandbox: 'a1b2', durationMs: 120.5, success: true, time: 1795514400000 }
 * ```
 */
export function appInsightsRequest(o: Record<string, unknown>): AppInsightsRequest | undefined {
  const exported = Array.isArray(o['request']) ? (o['request'][0] as Record<string, unknown> | undefined) : undefined;
  if (exported && typeof exported === 'object') return continuousExport(exported, o);
  const duration = num(o['duration'] ?? o['DurationMs']);
  const name = str(o['name'] ?? o['Name'] ?? o['operation_Name'] ?? o['OperationName']);
  const instance = str(o['cloud_RoleInstance'] ?? o['AppRoleInstance']);
  const hasRequestShape = ('resultCode' in o || 'ResultCode' in o || 'success' in o || 'Success' in o) && instance !== undefined;
  if (duration === undefined || name === undefined || !hasRequestShape) return undefined;
  const dimensions = o['customDimensions'] ?? o['Properties'];
  return request({
    fn: name, sandbox: instance ?? 'unknown', durationMs: duration, success: bool(o['success'] ?? o['Success']),
    time: timeOf(o['timestamp'] ?? o['timestamp [UTC]'] ?? o['TimeGenerated'] ?? o['TimeGenerated [UTC]']),
    resultCode: str(o['resultCode'] ?? o['ResultCode']), operationId: str(o['operation_Id'] ?? o['OperationId']),
  }, dimensions);
}

function continuousExport(r: Record<string, unknown>, doc: Record<string, unknown>): AppInsightsRequest | undefined {
  const ticks = num((r['durationMetric'] as Record<string, unknown> | undefined)?.['value']);
  const name = str(r['name']);
  if (ticks === undefined || name === undefined) return undefined;
  const context = (doc['context'] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return request({
    fn: name, sandbox: str(context['device']?.['roleInstance']) ?? 'unknown', durationMs: ticks / 1e4, success: bool(r['success']),
    time: timeOf(context['data']?.['eventTime']), resultCode: str(r['responseCode']), operationId: str(context['operation']?.['id']),
  }, context['custom']?.['dimensions']);
}

function request(r: { fn: string; sandbox: string; durationMs: number; success: boolean; time: number | undefined; resultCode: string | undefined; operationId: string | undefined }, dimensions: unknown): AppInsightsRequest {
  const text = typeof dimensions === 'string' ? dimensions : dimensions === undefined ? '' : JSON.stringify(dimensions);
  let timeoutSeconds: number | undefined;
  if (!r.success) {
    const s = r.durationMs / 1000;
    const limit = LIMITS_S.find((l) => s >= l && s < l * 1.02);
    if (text.includes('FunctionTimeoutException')) timeoutSeconds = limit ?? Math.round(s);
    else if (limit !== undefined) timeoutSeconds = limit;
  }
  return {
    fn: r.fn, sandbox: r.sandbox, durationMs: r.durationMs, success: r.success,
    ...(r.time !== undefined ? { time: r.time } : {}), ...(r.resultCode !== undefined ? { resultCode: r.resultCode } : {}),
    ...(r.operationId !== undefined ? { operationId: r.operationId } : {}), ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  };
}

/**
 * The log events an Application Insights request stands for: the Functions host's own lines
 * (`Executed 'Functions.X' (Succeeded, Id=…, Duration=Nms)`, and `Timeout value of … exceeded`
 * for a timeout), on the role instance's stream, so one parser serves host logs and exports alike.
 *
 * @example
 * ```ts
 * [...appInsightsEvents({ fn: 'Orders', sandbox: 'a1', durationMs: 12, success: true })][0]?.message;
 * // "Executed 'Functions.Orders' (Succeeded, Id=, Duration=12ms)"
 * ```
 */
export function* appInsightsEvents(r: AppInsightsRequest): Generator<LogEvent> {
  const at = { group: r.fn, stream: r.sandbox, ...(r.time !== undefined ? { time: r.time } : {}) };
  yield { ...at, message: `Executed 'Functions.${r.fn}' (${r.success ? 'Succeeded' : 'Failed'}, Id=${r.operationId ?? ''}, Duration=${r.durationMs}ms)` };
  if (r.timeoutSeconds !== undefined) yield { ...at, message: `Timeout value of ${hms(r.timeoutSeconds)} exceeded by function 'Functions.${r.fn}' (Id: '${r.operationId ?? ''}'). Initiating cancellation.` };
}

function hms(seconds: number): string {
  const pad = (n: number): string => String(Math.floor(n)).padStart(2, '0');
  return `${pad(seconds / 3600)}:${pad((seconds % 3600) / 60)}:${pad(seconds % 60)}`;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  // portal CSV: "11/24/2026, 10:00:00.123 AM" or ISO; both are read by Date.parse (as UTC when zoneless ISO)
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
