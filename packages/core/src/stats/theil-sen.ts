import { normalQuantile } from './normal.js';

export interface TheilSenResult {
  slope: number;
  intercept: number;
  /** Sen's confidence interval of the slope */
  ciLow: number;
  ciHigh: number;
}

/** Above this many pairs the slopes are taken from a deterministic, evenly spread subset. */
const MAX_PAIRS = 250_000;

/**
 * Theil–Sen robust slope with Sen's distribution-free confidence interval.
 * Robust to up to ~29% outliers (one GC pause, one big request).
 *
 * @example
 * ```ts
 * theilSen([1, 2, 3, 4], [10, 12, 14, 16]).slope; // 2
 * ```
 */
export function theilSen(x: readonly number[], y: readonly number[], confidence = 0.95, varS?: number): TheilSenResult {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { slope: 0, intercept: y[0] ?? 0, ciLow: 0, ciHigh: 0 };
  const totalPairs = (n * (n - 1)) / 2;
  const stride = totalPairs > MAX_PAIRS ? Math.ceil(totalPairs / MAX_PAIRS) : 1;
  // a typed array: numbers unboxed, reordered in place by orderStatistics
  const all = new Float64Array(Math.ceil(totalPairs / stride));
  let count = 0;
  let k = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++, k++) {
      if (stride > 1 && k % stride !== 0) continue;
      const dx = (x[j] as number) - xi;
      if (dx !== 0) all[count++] = ((y[j] as number) - yi) / dx;
    }
  }
  if (count === 0) return { slope: 0, intercept: median(y.slice(0, n)), ciLow: 0, ciHigh: 0 };
  const slopes = all.subarray(0, count);
  const N = count;
  const v = varS ?? (n * (n - 1) * (2 * n + 5)) / 18;
  const c = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(v) / stride;
  const lo = Math.max(0, Math.floor((N - c) / 2));
  const hi = Math.min(N - 1, Math.ceil((N + c) / 2));
  // Only three order statistics are needed (the median and the interval's ends): selected in
  // linear time, they are the values a full sort would put there.
  const ranked = orderStatistics(slopes, lo, hi);
  const slope = ranked.median;
  const residuals: number[] = [];
  for (let i = 0; i < n; i++) residuals.push((y[i] as number) - slope * (x[i] as number));
  const intercept = median(residuals);
  return { slope, intercept, ciLow: ranked.lo, ciHigh: ranked.hi };
}

/**
 * The median of `a` and its values of rank `lo` and `hi` (0-based, lo ≤ median rank ≤ hi), as
 * sorting would give them; `a` is reordered. NaN (which sorting puts last) falls back to a sort.
 */
function orderStatistics(a: Float64Array, lo: number, hi: number): { median: number; lo: number; hi: number } {
  const N = a.length;
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(a[i])) {
      a.sort();
      return { median: medianSorted(a), lo: a[lo] as number, hi: a[hi] as number };
    }
  }
  const m = N >> 1;
  select(a, m, 0, N);
  const upper = a[m] as number;
  let median = upper;
  if (N % 2 === 0) {
    let below = -Infinity; // the largest of the m smallest: rank m - 1
    for (let i = 0; i < m; i++) if ((a[i] as number) > below) below = a[i] as number;
    median = (below + upper) / 2;
  }
  let low = upper;
  if (lo < m) {
    select(a, lo, 0, m);
    low = a[lo] as number;
  }
  let high = upper;
  if (hi > m) {
    select(a, hi, m + 1, N);
    high = a[hi] as number;
  }
  return { median, lo: low, hi: high };
}

/**
 * Hoare's selection: reorders a[from, to) so that a[k] holds the value of rank k - from, with no
 * greater value before it and no smaller one after it.
 */
function select(a: Float64Array, k: number, from: number, to: number): void {
  let left = from;
  let right = to - 1;
  while (right > left) {
    // the median of the first, middle and last values as the pivot: sorted or reversed runs stay linear
    const mid = (left + right) >> 1;
    const p1 = a[left] as number;
    const p2 = a[mid] as number;
    const p3 = a[right] as number;
    const pivot = p1 < p2 ? (p2 < p3 ? p2 : p1 < p3 ? p3 : p1) : p1 < p3 ? p1 : p2 < p3 ? p3 : p2;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return medianSorted([...values].sort((a, b) => a - b));
}

function medianSorted(sorted: ArrayLike<number>): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}
