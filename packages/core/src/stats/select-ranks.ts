import { sortedRanks } from './theil-sen.js';

/**
 * `SlopeRanks` (see theil-sen.ts) by selection: the median of `a` and its values of rank `lo` and `hi` (0-based,
 * lo ≤ median rank ≤ hi), as sorting would give them, in linear time; `a` is reordered. NaN (which
 * sorting puts last) falls back to the sort. The analyzer judges thousands of series of up to 128
 * points with it (2× faster than the sort there); the guard keeps the sort, whose code is smaller.
 *
 * @example
 * ```ts
 * judgeTrend(y, { minSlope: 0.5, ranks: selectRanks });
 * ```
 */
export function selectRanks(a: Float64Array, lo: number, hi: number): [median: number, lo: number, hi: number] {
  // an index loop: `for…of` over the typed array boxed every slope (20 MB of garbage per 256 MB of fleet log)
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) return sortedRanks(a, lo, hi);
  }
  const N = a.length;
  const m = N >> 1;
  select(a, m, 0, N);
  // even N: the median's other half is the largest of the m smallest (rank m - 1)
  let below = -Infinity;
  for (let i = 0; i < m; i++) if ((a[i] as number) > below) below = a[i] as number;
  // lo and hi are selected on either side of m (a rank equal to m is already in place)
  if (lo < m) select(a, lo, 0, m);
  if (hi > m) select(a, hi, m + 1, N);
  return [N % 2 ? (a[m] as number) : (below + (a[m] as number)) / 2, a[lo] as number, a[hi] as number];
}

/**
 * Hoare's selection: reorders a[from, to) so that a[k] holds the value of rank k - from, with no
 * greater value before it and no smaller one after it. The middle value is the pivot (sorted runs,
 * as slopes of a clean trend often are, stay linear).
 */
function select(a: Float64Array, k: number, from: number, to: number): void {
  let left = from;
  let right = to - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
