import { isGuardLine } from '@leakwatch/core';
import type { LogRecord } from './log-record.js';

/**
 * Reads a JSON log message: Lambda's JSON log format (`platform.report`, `platform.runtimeDone`),
 * Lambda Insights EMF events, and the guard's own lines (via core's schema). The JSON may follow
 * a prefix (`<time>\t<requestId>\tINFO\t{…}`). Returns `undefined` for anything else; never throws.
 *
 * @example
 * ```ts
 * parseStructured('{"type":"platform.report","record":{"requestId":"r","metrics":{"durationMs":5,"billedDurationMs":5,"memorySizeMB":128,"maxMemoryUsedMB":60}}}');
 * // { type: 'report', requestId: 'r', durationMs: 5, billedMs: 5, memoryMb: 128, maxMemoryMb: 60 }
 * ```
 */
export function parseStructured(message: string): LogRecord | undefined {
  const at = message.indexOf('{');
  if (at < 0) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(message.slice(at));
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  if (isGuardLine(v)) {
    if (v.LeakwatchType === 'invocation') {
      return { type: 'guard-metrics', fn: v.FunctionName, sandbox: v.SandboxId, ...(typeof v.HeapAfterGc === 'number' ? { heapAfterGcMb: v.HeapAfterGc / 1048576 } : {}), ...(typeof v.DurationMs === 'number' ? { durationMs: v.DurationMs } : {}) };
    }
    if (v.LeakwatchType === 'finding') return { type: 'guard-finding', fn: v.FunctionName, sandbox: v.SandboxId, finding: v.finding };
    return undefined;
  }
  const o = v as Record<string, unknown>;
  if (o['type'] === 'platform.report' || o['type'] === 'platform.runtimeDone') return platform(o);
  if (typeof o['used_memory_max'] === 'number' && typeof o['total_memory'] === 'number') return insights(o);
  return undefined;
}

function n(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function platform(o: Record<string, unknown>): LogRecord | undefined {
  const record = (o['record'] ?? {}) as Record<string, unknown>;
  const metrics = (record['metrics'] ?? {}) as Record<string, unknown>;
  const requestId = typeof record['requestId'] === 'string' ? record['requestId'] : '';
  const status = typeof record['status'] === 'string' ? record['status'] : undefined;
  if (o['type'] === 'platform.runtimeDone') {
    return status === 'timeout' ? { type: 'timeout', requestId, afterSeconds: (n(metrics['durationMs']) ?? 0) / 1000 } : undefined;
  }
  const durationMs = n(metrics['durationMs']);
  const memoryMb = n(metrics['memorySizeMB']);
  const maxMemoryMb = n(metrics['maxMemoryUsedMB']);
  if (durationMs === undefined || memoryMb === undefined || maxMemoryMb === undefined) return undefined;
  const initMs = n(metrics['initDurationMs']);
  return {
    type: 'report', requestId, durationMs, billedMs: n(metrics['billedDurationMs']) ?? Math.ceil(durationMs), memoryMb, maxMemoryMb,
    ...(initMs !== undefined ? { initMs } : {}), ...(status !== undefined && status !== 'success' ? { status } : {}),
  };
}

function insights(o: Record<string, unknown>): LogRecord {
  const durationMs = n(o['duration']) ?? 0;
  const timedOut = o['timeout'] === true || o['shutdown_reason'] === 'Timeout';
  const initMs = n(o['init_duration']);
  return {
    type: 'report', requestId: typeof o['request_id'] === 'string' ? o['request_id'] : '', durationMs,
    billedMs: n(o['billed_duration']) ?? Math.ceil(durationMs), memoryMb: n(o['total_memory']) ?? 0, maxMemoryMb: n(o['used_memory_max']) ?? 0,
    ...(initMs !== undefined ? { initMs } : {}), ...(timedOut ? { status: 'timeout' } : {}),
  };
}
