import type { Finding } from '@leakwatch/core';
import { BoundedSeries } from './bounded-series.js';
import type { LogRecord } from './log-record.js';

/**
 * What one sandbox (AWS: one log stream) showed, in memory bounded by a constant: the
 * per-invocation series are {@link BoundedSeries} (exact up to their capacity, bucketed beyond),
 * everything else is counters and a few samples.
 */
export interface SandboxSeries {
  fn: string;
  sandbox: string;
  /** Max Memory Used per REPORT, MB (a high-water mark) */
  memory: BoundedSeries;
  /** duration per invocation, ms (REPORTs, GCP and Azure execution lines) */
  duration: BoundedSeries;
  /** the guard's post-GC heap per invocation, MB; created on the first guard line */
  guardHeap?: BoundedSeries;
  memoryMb: number;
  /** REPORTs with an Init Duration (cold starts) and their INIT milliseconds */
  coldStarts: number;
  initMs: number;
  /** the last request ids that ended, and lines they logged after their END (work left running) */
  ended: Array<{ requestId: string; time: number | undefined }>;
  afterEnd: number;
  /** invocations seen (REPORT lines or duration lines) */
  invocations: number;
  /** findings the guard made in this sandbox */
  guardFindings: Finding[];
  billedMs: number;
  timeouts: number;
  /** the last request ids counted as timed out (a timeout line and its REPORT name the same one) */
  timedOut: string[];
  timeoutWastedMs: number;
  outOfMemory: number;
  refused: number;
  samples: Record<'timeout' | 'out-of-memory' | 'connection-refused' | 'after-end', string[]>;
  firstTime?: number;
  lastTime?: number;
  /** when the sandbox was last written to, in records read (for retiring idle sandboxes) */
  touched: number;
}

const MAX_SAMPLE = 160;
const RECENT = 16;

/**
 * A new, empty sandbox series.
 *
 * @example
 * ```ts
 * const s = newSandbox('orders', '2026/11/24/[$LATEST]abc');
 * ```
 */
export function newSandbox(fn: string, sandbox: string): SandboxSeries {
  return {
    fn, sandbox, memory: new BoundedSeries(), duration: new BoundedSeries(), memoryMb: 0, coldStarts: 0, initMs: 0, ended: [], afterEnd: 0, invocations: 0,
    guardFindings: [], billedMs: 0, timeouts: 0, timedOut: [], timeoutWastedMs: 0, outOfMemory: 0, refused: 0,
    samples: { timeout: [], 'out-of-memory': [], 'connection-refused': [], 'after-end': [] }, touched: 0,
  };
}

/**
 * Adds one record to its sandbox's series, creating the series on first sight.
 *
 * @example
 * ```ts
 * const all = new Map<string, SandboxSeries>();
 * addRecord(all, 'fn', 'stream-1', parseAwsText(line)!, Date.now());
 * ```
 */
export function addRecord(all: Map<string, SandboxSeries>, fn: string, sandbox: string, record: LogRecord, time: number | undefined): SandboxSeries {
  const key = `${fn}\u0000${sandbox}`;
  let s = all.get(key);
  if (!s) {
    s = newSandbox(fn, sandbox);
    all.set(key, s);
  }
  addToSandbox(s, record, time);
  return s;
}

/**
 * Adds one record to a sandbox series.
 *
 * @example
 * ```ts
 * addToSandbox(newSandbox('fn', 's'), { type: 'invocation', durationMs: 12 }, undefined);
 * ```
 */
export function addToSandbox(s: SandboxSeries, record: LogRecord, time: number | undefined): void {
  if (time !== undefined) {
    if (s.firstTime === undefined || time < s.firstTime) s.firstTime = time;
    if (s.lastTime === undefined || time > s.lastTime) s.lastTime = time;
  }
  switch (record.type) {
    case 'report': {
      s.invocations++;
      if (record.initMs !== undefined) {
        s.coldStarts++;
        s.initMs += record.initMs;
      }
      const x = time ?? s.invocations;
      s.memory.add(x, record.maxMemoryMb);
      s.duration.add(x, record.durationMs);
      s.memoryMb = record.memoryMb;
      s.billedMs += record.billedMs + (record.initMs ?? 0);
      if (record.status === 'timeout') countTimeout(s, record.requestId, record.billedMs);
      if (record.maxMemoryMb >= record.memoryMb) {
        s.outOfMemory++;
        sample(s, 'out-of-memory', `max memory used ${record.maxMemoryMb} MB of ${record.memoryMb} MB (${record.requestId})`);
      }
      break;
    }
    case 'timeout':
      countTimeout(s, record.requestId, record.afterSeconds * 1000);
      sample(s, 'timeout', record.requestId ? `timed out after ${record.afterSeconds} s (${record.requestId})` : `timed out after ${record.afterSeconds} s`);
      break;
    case 'out-of-memory':
      s.outOfMemory++;
      sample(s, 'out-of-memory', record.text);
      break;
    case 'invocation':
      s.invocations++;
      s.duration.add(time ?? s.invocations, record.durationMs);
      break;
    case 'guard-metrics':
      if (record.heapAfterGcMb !== undefined) (s.guardHeap ??= new BoundedSeries()).add(time ?? (s.guardHeap?.count ?? 0) + 1, record.heapAfterGcMb);
      break;
    case 'guard-finding':
      if (s.guardFindings.length < 20 && !s.guardFindings.some((f) => f.id === record.finding.id)) s.guardFindings.push(record.finding);
      break;
    case 'end':
      s.ended.push({ requestId: record.requestId, time });
      if (s.ended.length > 8) s.ended.shift();
      break;
    case 'app-line':
      // exports may be newest first: with times on both sides, only a later line counts
      for (const e of s.ended) {
        if (e.requestId === record.requestId && (e.time === undefined || time === undefined || time > e.time)) {
          s.afterEnd++;
          sample(s, 'after-end', record.text);
          break;
        }
      }
      break;
    case 'connection-refused':
      s.refused++;
      sample(s, 'connection-refused', record.text);
      break;
  }
}

function countTimeout(s: SandboxSeries, requestId: string | undefined, wastedMs: number): void {
  if (requestId !== undefined) {
    if (s.timedOut.includes(requestId)) return;
    s.timedOut.push(requestId);
    if (s.timedOut.length > RECENT) s.timedOut.shift();
  }
  s.timeouts++;
  s.timeoutWastedMs += wastedMs;
}

function sample(s: SandboxSeries, kind: keyof SandboxSeries['samples'], text: string): void {
  const list = s.samples[kind];
  if (list.length < 3) list.push(safeText(text));
}

/**
 * Makes untrusted log text safe to show: control characters escaped, cut to a bounded length.
 *
 * @example
 * ```ts
 * safeText('a\u001b[31mb'); // 'a\\x1b[31mb'
 * ```
 */
export function safeText(text: string): string {
  const head = text.length > MAX_SAMPLE * 2 ? text.slice(0, MAX_SAMPLE * 2) : text;
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return escaped.length > MAX_SAMPLE ? escaped.slice(0, MAX_SAMPLE - 1) + '…' : escaped;
}
