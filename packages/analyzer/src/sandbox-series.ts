import type { Finding } from '@leakwatch/core';
import type { LogRecord } from './log-record.js';

/** What one sandbox (AWS: one log stream) showed, as numbers. */
export interface SandboxSeries {
  fn: string;
  sandbox: string;
  x: number[];
  maxMemoryMb: number[];
  durationMs: number[];
  memoryMb: number;
  /** REPORTs with an Init Duration (cold starts) and their INIT milliseconds */
  coldStarts: number;
  initMs: number;
  /** the last request ids that ended, and lines they logged after their END (work left running) */
  ended: Array<{ requestId: string; time: number | undefined }>;
  afterEnd: number;
  /** invocations seen (REPORT lines or duration lines) */
  invocations: number;
  /** the guard's post-GC heap per invocation, MB */
  guardHeapMb: number[];
  /** findings the guard made in this sandbox */
  guardFindings: Finding[];
  billedMs: number;
  timeouts: number;
  /** request ids already counted as timed out (a timeout line and its REPORT name the same one) */
  timedOut: Set<string>;
  timeoutWastedMs: number;
  outOfMemory: number;
  refused: number;
  samples: Record<'timeout' | 'out-of-memory' | 'connection-refused' | 'after-end', string[]>;
  firstTime?: number;
  lastTime?: number;
}

const MAX_SAMPLE = 160;

/**
 * Adds one record to its sandbox's series, creating the series on first sight.
 *
 * @example
 * ```ts
 * const all = new Map<string, SandboxSeries>();
 * addRecord(all, 'fn', 'stream-1', parseAwsText(line)!, Date.now());
 * ```
 */
export function addRecord(all: Map<string, SandboxSeries>, fn: string, sandbox: string, record: LogRecord, time: number | undefined): void {
  const key = `${fn}\u0000${sandbox}`;
  let s = all.get(key);
  if (!s) {
    s = { fn, sandbox, x: [], maxMemoryMb: [], durationMs: [], memoryMb: 0, coldStarts: 0, initMs: 0, ended: [], afterEnd: 0, invocations: 0, guardHeapMb: [], guardFindings: [], billedMs: 0, timeouts: 0, timedOut: new Set(), timeoutWastedMs: 0, outOfMemory: 0, refused: 0, samples: { timeout: [], 'out-of-memory': [], 'connection-refused': [], 'after-end': [] } };
    all.set(key, s);
  }
  if (time !== undefined) {
    s.firstTime = Math.min(s.firstTime ?? time, time);
    s.lastTime = Math.max(s.lastTime ?? time, time);
  }
  switch (record.type) {
    case 'report':
      s.invocations++;
      if (record.initMs !== undefined) {
        s.coldStarts++;
        s.initMs += record.initMs;
      }
      s.x.push(time ?? s.x.length + 1);
      s.maxMemoryMb.push(record.maxMemoryMb);
      s.durationMs.push(record.durationMs);
      s.memoryMb = record.memoryMb;
      s.billedMs += record.billedMs + (record.initMs ?? 0);
      if (record.status === 'timeout') countTimeout(s, record.requestId, record.billedMs);
      if (record.maxMemoryMb >= record.memoryMb) {
        s.outOfMemory++;
        sample(s, 'out-of-memory', `max memory used ${record.maxMemoryMb} MB of ${record.memoryMb} MB (${record.requestId})`);
      }
      break;
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
      s.durationMs.push(record.durationMs);
      break;
    case 'guard-metrics':
      if (record.heapAfterGcMb !== undefined) s.guardHeapMb.push(record.heapAfterGcMb);
      break;
    case 'guard-finding':
      if (s.guardFindings.length < 20 && !s.guardFindings.some((f) => f.id === record.finding.id)) s.guardFindings.push(record.finding);
      break;
    case 'end':
      s.ended.push({ requestId: record.requestId, time });
      if (s.ended.length > 20) s.ended.shift();
      break;
    case 'app-line':
      // exports may be newest first: with times on both sides, only a later line counts
      if (s.ended.some((e) => e.requestId === record.requestId && (e.time === undefined || time === undefined || time > e.time))) {
        s.afterEnd++;
        sample(s, 'after-end', record.text);
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
    if (s.timedOut.has(requestId)) return;
    s.timedOut.add(requestId);
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
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return escaped.length > MAX_SAMPLE ? escaped.slice(0, MAX_SAMPLE - 1) + '…' : escaped;
}
