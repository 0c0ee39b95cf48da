import { gbSecondsOf } from '@leakwatch/core';
import type { SandboxSeries } from './sandbox-series.js';

/** A function's sandboxes folded into counters once each sandbox is judged: constant memory per function. */
export interface FunctionTotals {
  fn: string;
  sandboxes: number;
  /** REPORTs (invocations with a memory figure) */
  reports: number;
  /** the highest Max Memory Used of any invocation, MB */
  peakMb: number;
  /** billed invocation time, INIT excluded */
  billedMs: number;
  /** the largest configured memory size seen, MB */
  memoryMb: number;
  first: number;
  last: number;
  coldStarts: number;
  /** out-of-memory kills and timeouts */
  kills: number;
  invocations: number;
  initGbSeconds: number;
  /** INIT milliseconds of the cold starts (billed since 2025-08-01 on AWS) */
  initMs: number;
  /** the first few sandboxes' memory series, thinned, as context for fleet charts */
  fleet: Array<{ sandbox: string; x: number[]; y: number[] }>;
}

/** Sandboxes kept as fleet context per function, and points per sandbox. */
export const FLEET_SANDBOXES = 21;
const FLEET_POINTS = 200;

/**
 * Empty totals for a function.
 *
 * @example
 * ```ts
 * const t = newFunctionTotals('orders');
 * ```
 */
export function newFunctionTotals(fn: string): FunctionTotals {
  return { fn, sandboxes: 0, reports: 0, peakMb: 0, billedMs: 0, memoryMb: 0, first: Infinity, last: -Infinity, coldStarts: 0, kills: 0, invocations: 0, initGbSeconds: 0, initMs: 0, fleet: [] };
}

/**
 * Folds a judged sandbox into its function's totals.
 *
 * @example
 * ```ts
 * addSandboxTotals(totals, sandbox);
 * ```
 */
export function addSandboxTotals(t: FunctionTotals, s: SandboxSeries): void {
  t.reports += s.memory.count;
  if (s.memory.count > 0) t.peakMb = Math.max(t.peakMb, s.memory.peak);
  addCounters(t, s);
  if (t.fleet.length < FLEET_SANDBOXES && s.memory.count > 0) {
    const points = s.memory.points();
    const step = Math.ceil(points.length / FLEET_POINTS);
    const kept = points.filter((_, i) => i % step === 0);
    t.fleet.push({ sandbox: s.sandbox, x: kept.map((p) => p.x), y: kept.map((p) => p.max) });
  }
}

/**
 * The counters every sandbox adds to its function, whether its series was read locally or merged
 * from an Insights result row (memory reports and peak are added by the caller, from its source).
 *
 * @example
 * ```ts
 * addCounters(totals, sandbox);
 * ```
 */
export function addCounters(t: FunctionTotals, s: SandboxSeries): void {
  t.sandboxes++;
  t.billedMs += s.billedMs;
  t.memoryMb = Math.max(t.memoryMb, s.memoryMb);
  if (s.firstTime !== undefined) t.first = Math.min(t.first, s.firstTime);
  if (s.lastTime !== undefined) t.last = Math.max(t.last, s.lastTime);
  t.coldStarts += s.coldStarts;
  t.kills += s.outOfMemory + s.timeouts;
  t.invocations += s.invocations;
  t.initGbSeconds += gbSecondsOf(s.initMs, s.memoryMb);
  t.initMs += s.initMs;
}
