const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of a series, downsampled to `width` points by bucket maxima.
 *
 * @example
 * ```ts
 * sparkline([1, 2, 3, 4]); // '▁▃▆█'
 * ```
 */
export function sparkline(values: readonly number[], width = 24): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '';
  const buckets: number[] = [];
  const n = Math.min(width, finite.length);
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * finite.length) / n);
    const to = Math.max(from + 1, Math.floor(((b + 1) * finite.length) / n));
    buckets.push(Math.max(...finite.slice(from, to)));
  }
  const lo = Math.min(...buckets);
  const hi = Math.max(...buckets);
  return buckets.map((v) => BARS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))]).join('');
}

/** Keeps at most `max` points, evenly spread, always including the last. */
export function downsample<T>(values: readonly T[], max: number): T[] {
  if (values.length <= max) return [...values];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(values[Math.floor((i * (values.length - 1)) / (max - 1))] as T);
  return out;
}
