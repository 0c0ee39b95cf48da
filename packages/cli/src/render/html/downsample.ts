/**
 * Shrinks a series to at most `2 * buckets` points, keeping each bucket's lowest and highest point
 * (in x order) so spikes and the overall shape survive.
 *
 * @example
 * ```ts
 * const { x, y } = downsampleMinMax(xs, ys, 200); // ≤ 400 points
 * ```
 */
export function downsampleMinMax(x: readonly number[], y: readonly number[], buckets: number): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  if (n <= buckets * 2) return { x: x.slice(0, n), y: y.slice(0, n) };
  const ox: number[] = [];
  const oy: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if ((y[i] as number) < (y[lo] as number)) lo = i;
      if ((y[i] as number) > (y[hi] as number)) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) {
      ox.push(x[i] as number);
      oy.push(y[i] as number);
    }
  }
  return { x: ox, y: oy };
}

/** Per-bin median and maximum of many series over a shared x range. */
export interface Envelope {
  x: number[];
  median: Array<number | null>;
  max: Array<number | null>;
}

/**
 * Bins every point of many series into `bins` equal x intervals and returns each bin's median
 * and maximum: a fleet of thousands of sandboxes drawn as two lines.
 *
 * @example
 * ```ts
 * const env = envelope(sandboxes.map((s) => ({ x: s.x, y: s.y })), 120);
 * ```
 */
export function envelope(series: readonly { x: readonly number[]; y: readonly number[] }[], bins: number): Envelope {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const v of s.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) return { x: [], median: [], max: [] };
  const width = max > min ? (max - min) / bins : 1;
  const values: number[][] = Array.from({ length: bins }, () => []);
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const v = s.y[i] as number;
      if (!Number.isFinite(v)) continue;
      const b = Math.min(bins - 1, Math.floor(((s.x[i] as number) - min) / width));
      if (b >= 0) values[b]?.push(v);
    }
  }
  const out: Envelope = { x: [], median: [], max: [] };
  values.forEach((vs, b) => {
    out.x.push(min + width * (b + 0.5));
    if (vs.length === 0) {
      out.median.push(null);
      out.max.push(null);
      return;
    }
    vs.sort((p, q) => p - q);
    out.median.push(vs[Math.floor(vs.length / 2)] as number);
    out.max.push(vs[vs.length - 1] as number);
  });
  return out;
}
