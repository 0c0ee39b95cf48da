import type { Finding } from '@leakwatch/core';
import { BoundedSeries } from './bounded-series.js';
import type { LogRecord, Platform } from './log-record.js';

/**
 * What one sandbox (AWS: one log stream) showed, in memory bounded by a constant: the
 * per-invocation series are {@link BoundedSeries} (exact up to their capacity, bucketed beyond),
 * everything else is counters and a few samples.
 */
export interface SandboxSeries {
  fn: string;
  sandbox: string;
  /** whose platform lines it wrote (AWS unless a Google or Azure line said otherwise) */
  platform: Platform;
  /** the region its log entries named (Google), for the price tier */
  region?: string;
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
  /**
   * The last requests that ended, as a ring of request-id hashes and END times (NaN: unknown), and
   * lines they logged after their END (work left running). Hashes, not strings: nothing is allocated
   * per invocation that outlives it, so the garbage collector's old space stays small.
   */
  ended: { ids: Int32Array; times: Float64Array; next: number };
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
  /** out-of-memory kills, each request once (its error line and its REPORT at the limit name the same one) */
  outOfMemory: number;
  /** the last request ids counted as out of memory */
  outOfMemoryIds: string[];
  /** billed ms of the REPORTs of those invocations: paid for, and the request failed */
  outOfMemoryWastedMs: number;
  refused: number;
  samples: Record<'timeout' | 'out-of-memory' | 'connection-refused' | 'after-end', string[]>;
  /**
   * The first and last times seen (epoch ms), NaN before the first. Numbers from the start: as
   * properties added later (`firstTime?`), every new last time was stored as a new heap number,
   * a quarter of the judge's garbage on the fleet log (64 MB per 256 MB read).
   */
  firstTime: number;
  lastTime: number;
  /** when the sandbox was last written to, in records read (for retiring idle sandboxes) */
  touched: number;
}

const MAX_SAMPLE = 160;
/** request ends remembered per sandbox for the after-END check */
const ENDED = 8;

/**
 * FNV-1a of a request id over four characters at a time (as a little-endian 32-bit word, each
 * product folded), then the last ones one by one; never 0 (0 marks an empty slot). The line scanner computes the same over the
 * id's bytes (ids are ASCII): a word per step is a quarter of the multiplications of one per byte.
 */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  let i = 0;
  for (; i + 4 <= id.length; i += 4) {
    h = Math.imul(h ^ (id.charCodeAt(i) | (id.charCodeAt(i + 1) << 8) | (id.charCodeAt(i + 2) << 16) | (id.charCodeAt(i + 3) << 24)), 0x01000193);
    h ^= h >>> 16; // a multiplication carries differences only upwards: fold the high half down
  }
  for (; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}
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
    fn, sandbox, platform: 'aws', memory: new BoundedSeries(), duration: new BoundedSeries(), memoryMb: 0, coldStarts: 0, initMs: 0, ended: { ids: new Int32Array(ENDED), times: new Float64Array(ENDED).fill(NaN), next: 0 }, afterEnd: 0, invocations: 0,
    guardFindings: [], billedMs: 0, timeouts: 0, timedOut: [], timeoutWastedMs: 0, outOfMemory: 0, outOfMemoryIds: [], outOfMemoryWastedMs: 0, refused: 0,
    samples: { timeout: [], 'out-of-memory': [], 'connection-refused': [], 'after-end': [] }, firstTime: NaN, lastTime: NaN, touched: 0,
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
  if (time !== undefined) addTime(s, time);
  switch (record.type) {
    case 'report': {
      const full = addReport(s, time, record.durationMs, record.billedMs, record.memoryMb, record.maxMemoryMb, record.initMs ?? -1);
      // the platform says why it ended: a timeout at the memory limit is a timeout, priced once
      if (record.status === 'timeout') countTimeout(s, record.requestId, record.billedMs);
      else if (full) sampleOutOfMemory(s, record.maxMemoryMb, record.memoryMb, record.requestId, record.billedMs);
      break;
    }
    case 'timeout':
      if (record.platform) s.platform = record.platform;
      countTimeout(s, record.requestId, record.afterSeconds * 1000);
      sample(s, 'timeout', record.requestId ? `timed out after ${record.afterSeconds} s (${record.requestId})` : `timed out after ${record.afterSeconds} s`);
      break;
    case 'out-of-memory':
      if (record.platform) s.platform = record.platform;
      if (record.memoryMb && !s.memoryMb) s.memoryMb = record.memoryMb;
      if (countOutOfMemory(s, record.requestId, 0)) sample(s, 'out-of-memory', record.text);
      break;
    case 'invocation':
      if (record.platform) s.platform = record.platform;
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
      addEnded(s, hashId(record.requestId), time);
      break;
    case 'app-line':
      if (loggedAfterEnd(s, hashId(record.requestId), time)) sample(s, 'after-end', record.text);
      break;
    case 'connection-refused':
      s.refused++;
      sample(s, 'connection-refused', record.text);
      break;
  }
}

/**
 * The sandbox's first and last times, with one more event's.
 *
 * @example
 * ```ts
 * addTime(s, Date.parse('2026-11-24T00:00:00Z'));
 * ```
 */
export function addTime(s: SandboxSeries, time: number): void {
  // NaN (none yet) compares false: the first time sets both
  if (!(time >= s.firstTime)) s.firstTime = time;
  if (!(time <= s.lastTime)) s.lastTime = time;
}

/**
 * One REPORT's figures (initMs -1: no Init Duration). True when the invocation used all of its
 * memory (out of memory: the caller samples it with the request id).
 *
 * @example
 * ```ts
 * if (addReport(s, time, 12.5, 13, 1024, 80, -1)) sampleOutOfMemory(s, 80, 1024, requestId, 13);
 * ```
 */
export function addReport(s: SandboxSeries, time: number | undefined, durationMs: number, billedMs: number, memoryMb: number, maxMemoryMb: number, initMs: number): boolean {
  s.invocations++;
  if (initMs >= 0) {
    s.coldStarts++;
    s.initMs += initMs;
  }
  const x = time ?? s.invocations;
  s.memory.add(x, maxMemoryMb);
  s.duration.add(x, durationMs);
  s.memoryMb = memoryMb;
  s.billedMs += billedMs; // INIT is added at pricing time, when the price table bills it
  return maxMemoryMb >= memoryMb;
}

/**
 * Counts an invocation that used all of its memory (its billed ms wasted), with a sample line;
 * once per request, whether its error line came first or not.
 *
 * @example
 * ```ts
 * sampleOutOfMemory(s, 1024, 1024, 'c0ffee', 3000);
 * ```
 */
export function sampleOutOfMemory(s: SandboxSeries, maxMemoryMb: number, memoryMb: number, requestId: string, billedMs: number): void {
  if (countOutOfMemory(s, requestId, billedMs)) sample(s, 'out-of-memory', `max memory used ${maxMemoryMb} MB of ${memoryMb} MB (${requestId})`);
}

/** One out-of-memory signature: true when it is a new kill (a request already counted adds only its billed ms). */
function countOutOfMemory(s: SandboxSeries, requestId: string | undefined, billedMs: number): boolean {
  s.outOfMemoryWastedMs += billedMs;
  if (!firstSeen(s.outOfMemoryIds, requestId || undefined)) return false;
  s.outOfMemory++;
  return true;
}

/**
 * Remembers that a request ended (its id's hash, see hashId) and when (NaN: unknown).
 *
 * @example
 * ```ts
 * addEnded(s, hashId('c0ffee'), time);
 * ```
 */
export function addEnded(s: SandboxSeries, idHash: number, time: number | undefined): void {
  const e = s.ended;
  e.ids[e.next] = idHash;
  e.times[e.next] = time ?? NaN;
  e.next = (e.next + 1) % ENDED;
}

/**
 * Whether an application line of this request came after the request's END (work left running);
 * counts it when it did (the caller samples the line). Exports may be newest first: with times on
 * both sides, only a later line counts.
 *
 * @example
 * ```ts
 * if (loggedAfterEnd(s, hashId('c0ffee'), time)) sample(s, 'after-end', text);
 * ```
 */
export function loggedAfterEnd(s: SandboxSeries, idHash: number, time: number | undefined): boolean {
  const e = s.ended;
  for (let i = 0; i < ENDED; i++) {
    const ended = e.times[i] ?? NaN;
    if (e.ids[i] === idHash && idHash !== 0 && (Number.isNaN(ended) || time === undefined || time > ended)) {
      s.afterEnd++;
      return true;
    }
  }
  return false;
}

function countTimeout(s: SandboxSeries, requestId: string | undefined, wastedMs: number): void {
  if (!firstSeen(s.timedOut, requestId)) return;
  s.timeouts++;
  s.timeoutWastedMs += wastedMs;
}

/**
 * True unless `requestId` is among the last RECENT ids of `ids` (then it is added to them): two
 * lines of one request (an error or timeout line and its REPORT) count once. An unknown id is
 * always new.
 */
function firstSeen(ids: string[], requestId: string | undefined): boolean {
  if (requestId === undefined) return true;
  if (ids.includes(requestId)) return false;
  ids.push(requestId);
  if (ids.length > RECENT) ids.shift();
  return true;
}

/**
 * Keeps up to three sample lines of a kind, made safe to show.
 *
 * @example
 * ```ts
 * sample(s, 'after-end', text);
 * ```
 */
export function sample(s: SandboxSeries, kind: keyof SandboxSeries['samples'], text: string): void {
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
