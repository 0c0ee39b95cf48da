import { normalQuantile } from './normal.js';

/**
 * Sufficient statistics of a series for an ordinary least-squares slope. They add up, so an engine
 * that only aggregates (CloudWatch Logs Insights, SQL) can compute them where the logs live and
 * leakwatch merges the parts.
 */
export interface SufficientStats {
  n: number;
  sumX: number;
  sumY: number;
  sumXY: number;
  sumXX: number;
  sumYY: number;
}

export function emptySums(): SufficientStats {
  return { n: 0, sumX: 0, sumY: 0, sumXY: 0, sumXX: 0, sumYY: 0 };
}

/** Adds one point in place; returns the same object. */
export function addPoint(s: SufficientStats, x: number, y: number): SufficientStats {
  s.n++;
  s.sumX += x;
  s.sumY += y;
  s.sumXY += x * y;
  s.sumXX += x * x;
  s.sumYY += y * y;
  return s;
}

export function mergeSums(a: SufficientStats, b: SufficientStats): SufficientStats {
  return {
    n: a.n + b.n,
    sumX: a.sumX + b.sumX,
    sumY: a.sumY + b.sumY,
    sumXY: a.sumXY + b.sumXY,
    sumXX: a.sumXX + b.sumXX,
    sumYY: a.sumYY + b.sumYY,
  };
}

export interface OlsResult {
  n: number;
  slope: number;
  intercept: number;
  /** standard error of the slope */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** coefficient of determination */
  r2: number;
}

/**
 * OLS slope, intercept and a normal-approximation confidence interval from sufficient statistics.
 *
 * @example
 * ```ts
 * const s = emptySums(); [1, 2, 3].forEach((y, i) => addPoint(s, i + 1, y)); olsFromSums(s).slope; // 1
 * ```
 */
export function olsFromSums(s: SufficientStats, confidence = 0.95): OlsResult {
  const { n } = s;
  const sxx = s.sumXX - (s.sumX * s.sumX) / n;
  const sxy = s.sumXY - (s.sumX * s.sumY) / n;
  const syy = s.sumYY - (s.sumY * s.sumY) / n;
  if (n < 2 || sxx <= 0) {
    const mean = n > 0 ? s.sumY / n : 0;
    return { n, slope: 0, intercept: mean, se: 0, ciLow: 0, ciHigh: 0, r2: 0 };
  }
  const slope = sxy / sxx;
  const intercept = (s.sumY - slope * s.sumX) / n;
  const sse = Math.max(0, syy - slope * sxy);
  const se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : 0;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { n, slope, intercept, se, ciLow: slope - z * se, ciHigh: slope + z * se, r2: syy > 0 ? (slope * sxy) / syy : 0 };
}
