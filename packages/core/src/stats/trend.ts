import { mannKendall } from './mann-kendall.js';
import { theilSen, type SlopeRanks } from './theil-sen.js';

export interface TrendOptions {
  /** points dropped from the start (module init, JIT, first connection): default 10% of n, at least 2 when n ≥ 12 */
  warmup?: number;
  /** smallest slope (units per step) that counts as a leak; below it nothing fires */
  minSlope: number;
  /** significance level of the Mann–Kendall test; default 0.01 */
  alpha?: number;
  /** fewest points after warm-up to judge at all; default 6 */
  minPoints?: number;
  /** x values; default 1..n (invocation numbers) */
  x?: readonly number[];
  /** how Theil–Sen reads its slope off the pairwise slopes: sorted (default) or `selectRanks` (faster on long series) */
  ranks?: SlopeRanks;
}

export interface TrendVerdict {
  /** true when the series grows: significant, above the minimum effect, interval above zero */
  growing: boolean;
  n: number;
  warmup: number;
  slope: number;
  intercept: number;
  ciLow: number;
  ciHigh: number;
  /** one-sided Mann–Kendall p-value for an increase */
  p: number;
  tau: number;
  /** first x judged */
  from: number;
  /** why it is not growing, for people and tests */
  reason?: 'too-few-points' | 'not-significant' | 'below-min-slope' | 'interval-includes-zero';
}

/**
 * Judges whether a per-invocation series grows: Theil–Sen slope, Sen's interval and a one-sided
 * Mann–Kendall test after a warm-up, with a minimum effect size so noise and one-time caches
 * never fire. The same code serves the harness, the guard and the analyzer.
 *
 * @example
 * ```ts
 * judgeTrend(heapAfterGc, { minSlope: 256 }).growing; // true for a 1 KB/invocation leak
 * ```
 */
export function judgeTrend(y: readonly number[], options: TrendOptions): TrendVerdict {
  const n = y.length;
  const warmup = Math.min(options.warmup ?? (n >= 12 ? Math.max(2, Math.floor(n * 0.1)) : 0), Math.max(0, n - 2));
  const xs = options.x ? options.x.slice(warmup, n) : Array.from({ length: n - warmup }, (_, i) => i + warmup + 1);
  const ys = y.slice(warmup);
  const base = { n: ys.length, warmup, from: xs[0] ?? 0 };
  if (ys.length < (options.minPoints ?? 6)) {
    return { growing: false, ...base, slope: 0, intercept: 0, ciLow: 0, ciHigh: 0, p: 1, tau: 0, reason: 'too-few-points' };
  }
  const mk = mannKendall(ys);
  const ts = theilSen(xs, ys, 0.95, mk.varS > 0 ? mk.varS : undefined, options.ranks);
  const verdict: TrendVerdict = { growing: false, ...base, ...ts, p: mk.pIncreasing, tau: mk.tau };
  if (mk.pIncreasing >= (options.alpha ?? 0.01)) return { ...verdict, reason: 'not-significant' };
  if (ts.slope < options.minSlope) return { ...verdict, reason: 'below-min-slope' };
  if (ts.ciLow <= 0) return { ...verdict, reason: 'interval-includes-zero' };
  return { ...verdict, growing: true };
}

/**
 * Steps until `limit` is reached from `current` at `slope` per step; Infinity when not growing.
 *
 * @example
 * ```ts
 * stepsUntil(100, 1536, 2); // 718
 * ```
 */
export function stepsUntil(current: number, limit: number, slope: number): number {
  if (!(slope > 0)) return Infinity;
  if (current >= limit) return 0;
  return Math.ceil((limit - current) / slope);
}
