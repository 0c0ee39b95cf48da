import { isGuardLine } from '@leakwatch/core';
import type { LogRecord, MessageContext, ReportRecord } from './record.js';
import { parseText } from './parse-text.js';

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const numOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const time = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(v) && !/[zZ+]/.test(v.slice(10)) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isFinite(t) ? t : undefined;
};

/** The function name from a log group (`/aws/lambda/my-fn` → `my-fn`). */
export function functionFromGroup(group: string | undefined): string | undefined {
  if (!group) return undefined;
  const m = /\/aws\/lambda\/([^/\s]+)/.exec(group);
  return m?.[1] ?? group;
}

/**
 * Turns one JSON value from any supported export into records: CloudWatch events
 * (get-log-events, filter-log-events, subscription payloads), the Lambda JSON log format
 * (platform.*), Lambda Insights EMF, Logs Insights result rows, Cloud Logging entries, Application
 * Insights request rows, and our guard's lines. Returns undefined for an object it does not know.
 *
 * @example
 * ```ts
 * parseObject({ timestamp: 1, message: 'END RequestId: …', logStreamName: 's' }, ctx);
 * ```
 */
export function parseObject(value: unknown, ctx: MessageContext): LogRecord[] | undefined {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((c) => typeof c === 'object' && c !== null && 'field' in c && 'value' in c)) return insightsRow(value as Obj[], ctx);
    const out: LogRecord[] = [];
    for (const v of value) out.push(...(parseObject(v, ctx) ?? []));
    return out;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Obj;

  if (isGuardLine(o)) {
    return [{ type: 'guard', platform: 'aws', fn: o.FunctionName, sandbox: o.SandboxId, origin: ctx.origin, line: o, ...(ctx.ts !== undefined ? { ts: ctx.ts } : {}) }];
  }
  // containers
  for (const key of ['events', 'payload', 'logEvents']) {
    if (Array.isArray(o[key])) {
      const fn = functionFromGroup(str(o['logGroup'])) ?? ctx.fn;
      const sandbox = str(o['logStream']) ?? ctx.sandbox;
      return parseObject(o[key], { ...ctx, ...(fn ? { fn } : {}), ...(sandbox ? { sandbox } : {}) });
    }
  }
  if (Array.isArray(o['results'])) return parseObject(o['results'], ctx);

  // a CloudWatch event
  if (typeof o['message'] === 'string' && ('timestamp' in o || 'logStreamName' in o || 'ingestionTime' in o)) {
    const ts = time(o['timestamp']) ?? ctx.ts;
    const sandbox = str(o['logStreamName']) ?? ctx.sandbox;
    const fn = functionFromGroup(str(o['logGroupName'])) ?? ctx.fn;
    const inner = { ...ctx, ...(ts !== undefined ? { ts } : {}), ...(sandbox ? { sandbox } : {}), ...(fn ? { fn } : {}) };
    const msg = o['message'].trim();
    if (msg.startsWith('{')) {
      try {
        return parseObject(JSON.parse(msg), inner) ?? [];
      } catch {
        /* not JSON after all: a text line */
      }
    }
    return parseText(o['message'], inner) ?? [];
  }

  // Lambda JSON log format (advanced logging controls)
  const type = str(o['type']);
  if (type?.startsWith('platform.')) return platformEvent(type, o, ctx);
  // Lambda Insights performance event (EMF)
  if (o['event_type'] === 'performance' && 'used_memory_max' in o) return insightsPerformance(o, ctx);
  // Cloud Logging LogEntry (GCP)
  if (typeof o['resource'] === 'object' && o['resource'] !== null && ('textPayload' in o || 'jsonPayload' in o)) return gcpEntry(o, ctx);
  // Application Insights request export (Azure)
  if (typeof o['operation_Name'] === 'string' || (typeof o['itemType'] === 'string' && o['itemType'] === 'request')) return azureRequest(o, ctx);
  // An application's own JSON log line with a request id
  const rid = str(o['requestId']) ?? str(o['AWSRequestId']);
  if (rid && typeof o['message'] === 'string') {
    const ts = time(o['timestamp']) ?? ctx.ts;
    return parseText(`${rid}\t${o['message']}`, { ...ctx, ...(ts !== undefined ? { ts } : {}) }) ?? [];
  }
  return undefined;
}

function base(ctx: MessageContext, o: Obj, platform: 'aws' | 'gcp' | 'azure' = 'aws'): Omit<ReportRecord, 'type' | 'durationMs'> {
  const ts = time(o['time']) ?? time(o['timestamp']) ?? ctx.ts;
  return { platform, fn: ctx.fn ?? 'unknown', sandbox: ctx.sandbox ?? ctx.origin.file, origin: ctx.origin, ...(ts !== undefined ? { ts } : {}) };
}

function platformEvent(type: string, o: Obj, ctx: MessageContext): LogRecord[] {
  const rec = (typeof o['record'] === 'object' && o['record'] !== null ? o['record'] : {}) as Obj;
  const b = base(ctx, o);
  const rid = str(rec['requestId']);
  const withRid = rid ? { requestId: rid } : {};
  if (type === 'platform.start') return [{ ...b, ...withRid, type: 'start' }];
  if (type === 'platform.initStart') return [{ ...b, type: 'init' }];
  if (type === 'platform.report') {
    const m = (typeof rec['metrics'] === 'object' && rec['metrics'] !== null ? rec['metrics'] : {}) as Obj;
    const durationMs = numOf(m['durationMs']);
    if (durationMs === undefined) return [];
    const r: ReportRecord = { ...b, ...withRid, type: 'report', durationMs };
    const set = <K extends keyof ReportRecord>(k: K, v: ReportRecord[K] | undefined): void => {
      if (v !== undefined) r[k] = v;
    };
    set('billedMs', numOf(m['billedDurationMs']));
    set('memorySizeMb', numOf(m['memorySizeMB']));
    set('maxMemoryMb', numOf(m['maxMemoryUsedMB']));
    set('initMs', numOf(m['initDurationMs']));
    set('restoreMs', numOf(m['restoreDurationMs']));
    const status = str(rec['status']);
    if (status === 'timeout') r.status = 'timeout';
    else if (status === 'error' || status === 'failure') r.status = 'error';
    set('errorType', str(rec['errorType']));
    const out: LogRecord[] = [r];
    if (r.errorType && /OutOfMemory/i.test(r.errorType)) out.push({ ...b, ...withRid, type: 'oom', text: r.errorType });
    return out;
  }
  if (type === 'platform.runtimeDone' && rec['status'] === 'timeout') return [{ ...b, ...withRid, type: 'timeout' }];
  return [];
}

function insightsPerformance(o: Obj, ctx: MessageContext): LogRecord[] {
  const b = base({ ...ctx, fn: str(o['function_name']) ?? ctx.fn ?? 'unknown', sandbox: ctx.sandbox ?? 'lambda-insights' }, o);
  const t = numOf(o['_aws'] && typeof o['_aws'] === 'object' ? (o['_aws'] as Obj)['Timestamp'] : undefined);
  const r: ReportRecord = { ...b, ...(t !== undefined ? { ts: t } : {}), type: 'report', durationMs: numOf(o['duration']) ?? 0 };
  const rid = str(o['request_id']);
  if (rid) r.requestId = rid;
  const billed = numOf(o['billed_duration']);
  if (billed !== undefined) r.billedMs = billed;
  const total = numOf(o['total_memory']);
  if (total !== undefined) r.memorySizeMb = total;
  const used = numOf(o['used_memory_max']);
  if (used !== undefined) r.maxMemoryMb = used;
  const init = numOf(o['init_duration']);
  if (init !== undefined && o['cold_start'] === true) r.initMs = init;
  const out: LogRecord[] = [r];
  if (o['timeout'] === true || o['shutdown_reason'] === 'Timeout') {
    r.status = 'timeout';
    out.push({ ...r, type: 'timeout' } as LogRecord);
  }
  if (typeof o['shutdown_reason'] === 'string' && /memory/i.test(o['shutdown_reason'])) out.push({ ...b, type: 'oom', text: String(o['shutdown_reason']) });
  return out;
}

function gcpEntry(o: Obj, ctx: MessageContext): LogRecord[] {
  const resource = o['resource'] as Obj;
  const rl = (typeof resource['labels'] === 'object' && resource['labels'] !== null ? resource['labels'] : {}) as Obj;
  const labels = (typeof o['labels'] === 'object' && o['labels'] !== null ? o['labels'] : {}) as Obj;
  const fn = str(rl['function_name']) ?? str(rl['service_name']) ?? ctx.fn ?? 'unknown';
  const sandbox = str(labels['instanceId']) ?? str(labels['instance_id']) ?? ctx.sandbox ?? `${fn}-instances`;
  const ts = time(o['timestamp']) ?? ctx.ts;
  const text = str(o['textPayload']) ?? str((o['jsonPayload'] as Obj | undefined)?.['message']) ?? '';
  const recs = parseText(text, { origin: ctx.origin, fn, sandbox, ...(ts !== undefined ? { ts } : {}) }) ?? [];
  const executionId = str(labels['execution_id']);
  return recs.map((r) => ({ ...r, platform: 'gcp' as const, fn, sandbox, ...(executionId && !r.requestId ? { requestId: executionId } : {}) }));
}

function azureRequest(o: Obj, ctx: MessageContext): LogRecord[] {
  const fn = str(o['operation_Name']) ?? str(o['name']) ?? ctx.fn ?? 'unknown';
  const durationMs = numOf(o['duration']);
  if (durationMs === undefined) return [];
  const sandbox = str(o['cloud_RoleInstance']) ?? ctx.sandbox ?? 'azure';
  const ts = time(o['timestamp']) ?? ctx.ts;
  const success = o['success'] === true || o['success'] === 'True' || o['success'] === 'true';
  const rid = str(o['id']) ?? str(o['operation_Id']);
  return [{ type: 'report', platform: 'azure', fn, sandbox, origin: ctx.origin, durationMs, status: success ? 'success' : 'error', ...(ts !== undefined ? { ts } : {}), ...(rid ? { requestId: rid } : {}) }];
}

/** A Logs Insights result row: `[{field, value}, …]`; memory fields are in bytes. */
function insightsRow(row: Obj[], ctx: MessageContext): LogRecord[] {
  const f: Record<string, string> = {};
  for (const c of row) if (typeof c['field'] === 'string') f[c['field']] = String(c['value'] ?? '');
  const ts = time(f['@timestamp']) ?? ctx.ts;
  const fn = functionFromGroup(f['@log']?.split(':').pop()) ?? ctx.fn;
  const inner: MessageContext = { ...ctx, ...(ts !== undefined ? { ts } : {}), ...(f['@logStream'] ? { sandbox: f['@logStream'] } : {}), ...(fn ? { fn } : {}) };
  if (f['@message'] !== undefined) return parseText(f['@message'], inner) ?? [];
  const duration = numOf(f['@duration']);
  if (duration === undefined) return [];
  const b = base(inner, {});
  const r: ReportRecord = { ...b, type: 'report', durationMs: duration };
  const billed = numOf(f['@billedDuration']);
  if (billed !== undefined) r.billedMs = billed;
  const size = numOf(f['@memorySize']);
  if (size !== undefined) r.memorySizeMb = bytesToMb(size);
  const used = numOf(f['@maxMemoryUsed']);
  if (used !== undefined) r.maxMemoryMb = bytesToMb(used);
  const init = numOf(f['@initDuration']);
  if (init !== undefined) r.initMs = init;
  return [r];
}

/** Insights gives memory in bytes as Lambda counts them (1 MB = 10^6 bytes: 6.7E7 is the REPORT line's 67 MB). */
function bytesToMb(value: number): number {
  return value > 100_000 ? Math.round(value / 1e6) : value;
}
