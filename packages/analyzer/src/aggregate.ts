import type { Finding, GuardMetricsLine } from '@leakwatch/core';
import type { LogRecord } from './record.js';

/** Compact per-invocation series of one sandbox. */
export interface SandboxSeries {
  sandbox: string;
  ts: number[];
  maxMemoryMb: number[];
  durationMs: number[];
  billedMs: number[];
  /** index of invocations that were cold starts (had an Init Duration) */
  cold: number[];
  memorySizeMb?: number;
  /** guard: post-GC heap per invocation */
  heapAfterGc: number[];
  /** request id → end time / last log time, for lines written after the invocation ended (bounded) */
  requests: Map<string, { end?: number; endOrder?: number; lastLog?: number; lastLogOrder?: number; text?: string }>;
}

export interface FunctionAggregate {
  platform: 'aws' | 'gcp' | 'azure';
  fn: string;
  sandboxes: Map<string, SandboxSeries>;
  invocations: number;
  billedMs: number;
  initMs: number;
  memorySizeMb?: number;
  firstTs?: number;
  lastTs?: number;
  timeouts: Array<{ sandbox: string; requestId?: string; billedMs?: number; afterMs?: number; line: string }>;
  ooms: Array<{ sandbox: string; text: string; line: string; ts?: number }>;
  refused: Array<{ sandbox: string; text: string; line: string }>;
  guardFindings: Finding[];
  errors: number;
}

const MAX_TRACKED_REQUESTS = 2000;

/** Groups records by function and sandbox into compact series, as they stream by. */
export class Aggregator {
  readonly functions = new Map<string, FunctionAggregate>();
  private order = 0;

  add(r: LogRecord): void {
    this.order++;
    const f = this.fnAgg(r.platform, r.fn);
    if (r.ts !== undefined) {
      f.firstTs = f.firstTs === undefined ? r.ts : Math.min(f.firstTs, r.ts);
      f.lastTs = f.lastTs === undefined ? r.ts : Math.max(f.lastTs, r.ts);
    }
    const s = this.sandbox(f, r.sandbox);
    const where = `${r.origin.file}:${r.origin.line}`;
    switch (r.type) {
      case 'report': {
        f.invocations++;
        f.billedMs += r.billedMs ?? r.durationMs;
        if (r.initMs !== undefined) {
          f.initMs += r.initMs;
          s.cold.push(s.durationMs.length);
        }
        if (r.memorySizeMb !== undefined) f.memorySizeMb = s.memorySizeMb = r.memorySizeMb;
        s.ts.push(r.ts ?? NaN);
        s.maxMemoryMb.push(r.maxMemoryMb ?? NaN);
        s.durationMs.push(r.durationMs);
        s.billedMs.push(r.billedMs ?? r.durationMs);
        if (r.status === 'error') f.errors++;
        if (r.status === 'timeout') {
          const existing = f.timeouts.find((t) => t.requestId !== undefined && t.requestId === r.requestId);
          if (existing) existing.billedMs = r.billedMs ?? r.durationMs;
          else f.timeouts.push({ sandbox: r.sandbox, ...(r.requestId ? { requestId: r.requestId } : {}), billedMs: r.billedMs ?? r.durationMs, line: where });
        }
        if (r.requestId) this.request(s, r.requestId);
        break;
      }
      case 'timeout': {
        const existing = f.timeouts.find((t) => t.requestId !== undefined && t.requestId === r.requestId);
        if (existing) {
          if (r.afterMs !== undefined) existing.afterMs = r.afterMs;
        } else f.timeouts.push({ sandbox: r.sandbox, ...(r.requestId ? { requestId: r.requestId } : {}), ...(r.afterMs !== undefined ? { afterMs: r.afterMs } : {}), line: where });
        break;
      }
      case 'oom':
        f.ooms.push({ sandbox: r.sandbox, text: r.text, line: where, ...(r.ts !== undefined ? { ts: r.ts } : {}) });
        break;
      case 'connection-exhaustion':
        f.refused.push({ sandbox: r.sandbox, text: r.text, line: where });
        break;
      case 'end':
        if (r.requestId) {
          const q = this.request(s, r.requestId);
          if (r.ts !== undefined) q.end = r.ts;
          q.endOrder = this.order;
        }
        break;
      case 'log':
        if (r.requestId) {
          const q = this.request(s, r.requestId);
          if (r.ts !== undefined) q.lastLog = r.ts;
          q.lastLogOrder = this.order;
          q.text = r.text;
        }
        break;
      case 'guard':
        if (r.line.LeakwatchType === 'invocation') {
          const heap = (r.line as GuardMetricsLine).HeapAfterGc;
          if (typeof heap === 'number') s.heapAfterGc.push(heap);
        } else if (r.line.LeakwatchType === 'finding' && f.guardFindings.length < 100) f.guardFindings.push(r.line.finding);
        break;
      default:
        break;
    }
  }

  private fnAgg(platform: FunctionAggregate['platform'], fn: string): FunctionAggregate {
    const key = `${platform}:${fn}`;
    let f = this.functions.get(key);
    if (!f) {
      f = { platform, fn, sandboxes: new Map(), invocations: 0, billedMs: 0, initMs: 0, timeouts: [], ooms: [], refused: [], guardFindings: [], errors: 0 };
      this.functions.set(key, f);
    }
    return f;
  }

  private sandbox(f: FunctionAggregate, name: string): SandboxSeries {
    let s = f.sandboxes.get(name);
    if (!s) {
      s = { sandbox: name, ts: [], maxMemoryMb: [], durationMs: [], billedMs: [], cold: [], heapAfterGc: [], requests: new Map() };
      f.sandboxes.set(name, s);
    }
    return s;
  }

  private request(s: SandboxSeries, id: string): NonNullable<ReturnType<SandboxSeries['requests']['get']>> {
    let q = s.requests.get(id);
    if (!q) {
      q = {};
      s.requests.set(id, q);
      if (s.requests.size > MAX_TRACKED_REQUESTS) {
        const oldest = s.requests.keys().next().value;
        if (oldest !== undefined) s.requests.delete(oldest);
      }
    }
    return q;
  }
}

/**
 * Orders one sandbox's series by time (exports such as filter-log-events list newest first).
 * Points without a time keep their input order.
 */
export function chronological(s: SandboxSeries): SandboxSeries {
  const idx = s.ts.map((_, i) => i);
  if (s.ts.every((t) => Number.isNaN(t))) return s;
  idx.sort((a, b) => (s.ts[a] ?? 0) - (s.ts[b] ?? 0) || a - b);
  const pick = (arr: number[]): number[] => idx.map((i) => arr[i] as number);
  const coldSet = new Set(s.cold);
  return {
    ...s,
    ts: pick(s.ts),
    maxMemoryMb: pick(s.maxMemoryMb),
    durationMs: pick(s.durationMs),
    billedMs: pick(s.billedMs),
    cold: idx.flatMap((i, pos) => (coldSet.has(i) ? [pos] : [])),
  };
}
