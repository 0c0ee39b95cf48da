const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of a series, at most `width` characters (values bucketed by averaging).
 *
 * @example
 * ```ts
 * sparkline([1, 2, 3, 4]); // '▁▃▆█'
 * ```
 */
export function sparkline(values: readonly number[], width = 32): string {
  if (values.length === 0) return '';
  const buckets: number[] = [];
  const per = Math.max(1, Math.ceil(values.length / width));
  for (let i = 0; i < values.length; i += per) {
    const part = values.slice(i, i + per);
    buckets.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  const lo = buckets.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = buckets.reduce((a, b) => Math.max(a, b), -Infinity);
  return buckets.map((v) => BARS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * 7)] ?? '▁').join('');
}
