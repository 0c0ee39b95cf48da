import { gbSecondsOf } from '@leakwatch/core';
import type { Platform } from './log-record.js';
import type { SandboxSeries } from './sandbox-series.js';

/** A function's sandboxes folded into counters once each sandbox is judged: constant memory per function. */
export interface FunctionTotals {
  fn: string;
  /** the platform of its sandboxes (AWS unless a Google or Azure line said otherwise): picks the price table */
  platform: Platform;
  /** the region the first sandbox that named one was in (Google) */
  region?: string;
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
  /** the memory series of the first sandboxes by name (at most FLEET_SANDBOXES, in name order), thinned, as context for fleet charts */
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
  return { fn, platform: 'aws', sandboxes: 0, reports: 0, peakMb: 0, billedMs: 0, memoryMb: 0, first: Infinity, last: -Infinity, coldStarts: 0, kills: 0, invocations: 0, initGbSeconds: 0, initMs: 0, fleet: [] };
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
  // the first sandboxes by name, not by the order they were judged in: the same whichever way the work was split
  if (s.memory.count > 0 && fitsFleet(t.fleet, s.sandbox)) {
    const points = s.memory.points();
    const step = Math.ceil(points.length / FLEET_POINTS);
    const kept = points.filter((_, i) => i % step === 0);
    insertFleet(t.fleet, { sandbox: s.sandbox, x: kept.map((p) => p.x), y: kept.map((p) => p.max) });
  }
}

/** Whether a sandbox of this name belongs among the first FLEET_SANDBOXES by name. */
function fitsFleet(fleet: FunctionTotals['fleet'], sandbox: string): boolean {
  return fleet.length < FLEET_SANDBOXES || sandbox < (fleet[fleet.length - 1] as { sandbox: string }).sandbox;
}

function insertFleet(fleet: FunctionTotals['fleet'], entry: FunctionTotals['fleet'][number]): void {
  if (!fitsFleet(fleet, entry.sandbox)) return;
  let i = fleet.length;
  while (i > 0 && (fleet[i - 1] as { sandbox: string }).sandbox > entry.sandbox) i--;
  fleet.splice(i, 0, entry);
  if (fleet.length > FLEET_SANDBOXES) fleet.length = FLEET_SANDBOXES;
}

/**
 * Adds the totals of another part of the same function's sandboxes (disjoint from these) into `t`.
 *
 * @example
 * ```ts
 * mergeTotals(fromWorker0, fromWorker1);
 * ```
 */
export function mergeTotals(t: FunctionTotals, other: FunctionTotals): void {
  t.sandboxes += other.sandboxes;
  if (other.platform !== 'aws') t.platform = other.platform;
  if (other.region !== undefined) t.region ??= other.region;
  t.reports += other.reports;
  t.peakMb = Math.max(t.peakMb, other.peakMb);
  t.billedMs += other.billedMs;
  t.memoryMb = Math.max(t.memoryMb, other.memoryMb);
  t.first = Math.min(t.first, other.first);
  t.last = Math.max(t.last, other.last);
  t.coldStarts += other.coldStarts;
  t.kills += other.kills;
  t.invocations += other.invocations;
  t.initGbSeconds += other.initGbSeconds;
  t.initMs += other.initMs;
  for (const entry of other.fleet) insertFleet(t.fleet, entry);
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
  if (s.platform !== 'aws') t.platform = s.platform;
  if (s.region !== undefined) t.region ??= s.region;
  t.billedMs += s.billedMs;
  t.memoryMb = Math.max(t.memoryMb, s.memoryMb);
  if (!Number.isNaN(s.firstTime)) t.first = Math.min(t.first, s.firstTime);
  if (!Number.isNaN(s.lastTime)) t.last = Math.max(t.last, s.lastTime);
  t.coldStarts += s.coldStarts;
  t.kills += s.outOfMemory + s.timeouts;
  t.invocations += s.invocations;
  t.initGbSeconds += gbSecondsOf(s.initMs, s.memoryMb);
  t.initMs += s.initMs;
}
