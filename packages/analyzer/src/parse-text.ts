import type { LogRecord, MessageContext, ReportRecord } from './record.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const REQUEST_ID = new RegExp(`RequestId:\\s*(${UUID}|\\S+)`);
/** An ISO timestamp at the start of a line (S3 exports, console copies), removed before parsing. */
const LEADING_TS = /^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\s+/;
const APP_LINE = new RegExp(`^\\s*(?:\\d{4}-\\d{2}-\\d{2}T\\S+\\s+)?(${UUID})\\s+(?:(?:INFO|WARN|ERROR|DEBUG|TRACE|FATAL)\\s+)?(.*)$`, 's');

function num(text: string, label: string): number | undefined {
  const m = new RegExp(`${label}:\\s*([0-9][0-9.,]*(?:[eE][+-]?\\d+)?)\\s*(ms|MB|s)?`).exec(text);
  if (!m || m[1] === undefined) return undefined;
  const v = Number(m[1].replace(/,/g, ''));
  return Number.isFinite(v) ? v : undefined;
}

const OOM = /Runtime\.OutOfMemory|signal: killed|Process exited before completing request|JavaScript heap out of memory|memory limit (?:of \d+ ?\w+ )?exceeded|exceeded memory limit|Memory limit of \d+ ?\w+ exceeded/i;
const CONN_EXHAUSTED = /too many connections|ER_CON_COUNT_ERROR|sorry, too many clients already|remaining connection slots are reserved|max_connections|max number of clients reached|maxclients|connection pool exhausted|too many open connections/i;

/**
 * Parses one platform or application log message into records, by field labels, so tabs or
 * spaces, trailing tabs, missing fields and console prefixes are all tolerated. Returns [] for
 * lines that carry nothing leakwatch uses; `undefined` for lines that look like platform lines
 * but cannot be read (counted as unreadable).
 *
 * @example
 * ```ts
 * parseText('REPORT RequestId: 1f…\tDuration: 12.3 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB', ctx);
 * ```
 */
export function parseText(raw: string, ctx: MessageContext): LogRecord[] | undefined {
  let text = raw.replace(/\r?\n$/, '');
  let ts = ctx.ts;
  const lead = LEADING_TS.exec(text);
  if (lead && lead[1] && !APP_LINE.test(text)) {
    const parsed = Date.parse(lead[1]);
    if (Number.isFinite(parsed)) ts ??= parsed;
    text = text.slice(lead[0].length);
  }
  const base = { platform: 'aws' as const, fn: ctx.fn ?? 'unknown', sandbox: ctx.sandbox ?? ctx.origin.file, origin: ctx.origin, ...(ts !== undefined ? { ts } : {}) };
  const trimmed = text.trimStart();

  if (trimmed.startsWith('REPORT ')) {
    const durationMs = num(trimmed, 'Duration');
    if (durationMs === undefined) return undefined;
    const r: ReportRecord = { ...base, type: 'report', durationMs };
    const rid = REQUEST_ID.exec(trimmed)?.[1];
    if (rid) r.requestId = rid;
    const billed = num(trimmed, 'Billed Duration');
    if (billed !== undefined) r.billedMs = billed;
    const size = num(trimmed, 'Memory Size');
    if (size !== undefined) r.memorySizeMb = size;
    const used = num(trimmed, 'Max Memory Used');
    if (used !== undefined) r.maxMemoryMb = used;
    const init = num(trimmed, 'Init Duration');
    if (init !== undefined) r.initMs = init;
    const restore = num(trimmed, 'Restore Duration');
    if (restore !== undefined) r.restoreMs = restore;
    const status = /Status:\s*(\w+)/.exec(trimmed)?.[1]?.toLowerCase();
    if (status === 'timeout' || status === 'error') r.status = status;
    const errorType = /Error Type:\s*(\S+)/.exec(trimmed)?.[1];
    if (errorType) r.errorType = errorType;
    const out: LogRecord[] = [r];
    if (errorType && OOM.test(errorType)) out.push({ ...base, type: 'oom', text: errorType, ...(rid ? { requestId: rid } : {}) });
    return out;
  }
  if (trimmed.startsWith('START RequestId') || trimmed.startsWith('END RequestId')) {
    const rid = REQUEST_ID.exec(trimmed)?.[1];
    return [{ ...base, type: trimmed.startsWith('START') ? 'start' : 'end', ...(rid ? { requestId: rid } : {}) }];
  }
  if (trimmed.startsWith('INIT_START')) return [{ ...base, type: 'init' }];

  const azure = parseAzureHostLine(trimmed, ctx, ts);
  if (azure) return azure;
  const gcp = parseGcpText(trimmed, { ...base, platform: 'gcp' });
  if (gcp) return gcp;

  const timedOut = /Task timed out after ([0-9.]+) seconds/.exec(trimmed);
  const app = APP_LINE.exec(trimmed);
  const rid = app?.[1];
  const withRid = rid ? { requestId: rid } : {};
  if (timedOut) return [{ ...base, type: 'timeout', afterMs: Number(timedOut[1]) * 1000, ...withRid }];
  if (OOM.test(trimmed)) return [{ ...base, type: 'oom', text: clip(trimmed), ...withRid }];
  const out: LogRecord[] = [];
  if (CONN_EXHAUSTED.test(trimmed)) out.push({ ...base, type: 'connection-exhaustion', text: clip(trimmed), ...withRid });
  if (rid && app?.[2] !== undefined) out.push({ ...base, type: 'log', text: clip(app[2]), requestId: rid });
  return out;
}

/** Log text kept as evidence: one line, at most 300 characters. */
export function clip(text: string): string {
  const one = text.replace(/[\r\n]+/g, ' ⏎ ');
  return one.length > 300 ? `${one.slice(0, 299)}…` : one;
}

const AZURE_EXECUTED = /Executed '(?:Functions\.)?([^']+)' \((Succeeded|Failed), Id=([0-9a-fA-F-]+), Duration=(\d+)ms\)/;
const AZURE_TIMEOUT = /Timeout value of ([0-9:.]+) (?:was )?exceeded by function '(?:Functions\.)?([^']+)'(?: \(Id: '([0-9a-fA-F-]+)'\))?/;

/** Azure Functions host lines: `Executed 'Functions.X' (Succeeded, Id=…, Duration=12ms)` and timeouts. */
function parseAzureHostLine(text: string, ctx: MessageContext, ts: number | undefined): LogRecord[] | undefined {
  const base = { platform: 'azure' as const, sandbox: ctx.sandbox ?? 'azure', origin: ctx.origin, ...(ts !== undefined ? { ts } : {}) };
  const e = AZURE_EXECUTED.exec(text);
  if (e) {
    return [{ ...base, type: 'report', fn: e[1] ?? ctx.fn ?? 'unknown', requestId: e[3] ?? '', durationMs: Number(e[4]), status: e[2] === 'Failed' ? 'error' : 'success' }];
  }
  const t = AZURE_TIMEOUT.exec(text);
  if (t) {
    const parts = (t[1] ?? '').split(':').map(Number);
    const afterMs = parts.length === 3 ? (((parts[0] ?? 0) * 60 + (parts[1] ?? 0)) * 60 + (parts[2] ?? 0)) * 1000 : undefined;
    return [{ ...base, type: 'timeout', fn: t[2] ?? ctx.fn ?? 'unknown', ...(t[3] ? { requestId: t[3] } : {}), ...(afterMs !== undefined ? { afterMs } : {}) }];
  }
  return undefined;
}

const GCP_TOOK = /Function execution took (\d+) ms,? finished with status(?: code)?:? '?([\w ]+?)'?\s*$/;

/** Google Cloud Functions gen1/gen2 execution lines. */
function parseGcpText(text: string, base: Omit<ReportRecord, 'type' | 'durationMs'>): LogRecord[] | undefined {
  const m = GCP_TOOK.exec(text);
  if (m) {
    const status = (m[2] ?? '').trim().toLowerCase();
    const r: ReportRecord = { ...base, type: 'report', durationMs: Number(m[1]) };
    r.status = status === 'timeout' ? 'timeout' : status === 'ok' || /^[23]\d\d$/.test(status) ? 'success' : 'error';
    const out: LogRecord[] = [r];
    if (status === 'timeout') out.push({ ...base, type: 'timeout' });
    return out;
  }
  if (text.startsWith('Function execution started')) return [{ ...base, type: 'start' }];
  return undefined;
}
