import { normalCdf } from './normal.js';

export interface MannKendallResult {
  n: number;
  /** Kendall's S statistic */
  s: number;
  /** variance of S, corrected for ties */
  varS: number;
  z: number;
  /** Kendall's tau-a */
  tau: number;
  /** one-sided p-value for an increasing trend */
  pIncreasing: number;
  /** two-sided p-value */
  p: number;
}

/**
 * Mann–Kendall monotonic trend test, with the tie correction. O(n²); callers bound n.
 *
 * @example
 * ```ts
 * mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).pIncreasing; // < 0.001
 * ```
 */
export function mannKendall(y: readonly number[]): MannKendallResult {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) {
      const d = (y[j] as number) - yi;
      s += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  const ties = new Map<number, number>();
  for (const v of y) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS > 0 ? (s - Math.sign(s)) / Math.sqrt(varS) : 0;
  const pairs = (n * (n - 1)) / 2;
  return {
    n,
    s,
    varS,
    z,
    tau: pairs > 0 ? s / pairs : 0,
    pIncreasing: varS > 0 ? 1 - normalCdf(z) : 1,
    p: varS > 0 ? 2 * (1 - normalCdf(Math.abs(z))) : 1,
  };
}
