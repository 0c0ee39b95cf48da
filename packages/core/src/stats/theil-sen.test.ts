import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal.js';
import { selectRanks } from './select-ranks.js';
import { theilSen } from './theil-sen.js';

/** Deterministic noise (LCG) so tests are repeatable. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Theil–Sen by the book: every pairwise slope sorted, the median and Sen's interval read off. */
function reference(x: number[], y: number[]) {
  const slopes: number[] = [];
  for (let i = 0; i < x.length - 1; i++) for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push(((y[j] as number) - (y[i] as number)) / ((x[j] as number) - (x[i] as number)));
  const sorted = Float64Array.from(slopes).sort();
  const N = sorted.length;
  const m = N >> 1;
  const slope = N % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
  const n = x.length;
  const c = normalQuantile(0.975) * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  return { slope, ciLow: sorted[Math.max(0, Math.floor((N - c) / 2))], ciHigh: sorted[Math.min(N - 1, Math.ceil((N + c) / 2))] };
}

describe('theilSen, with its slopes sorted or selected', () => {
  it('gives the slope and interval a full sort of the slopes gives, on noisy, tied, stepped and constant series', () => {
    const r = noise(42);
    for (let run = 0; run < 400; run++) {
      const n = 2 + Math.floor(r() * 200);
      const shape = run % 5;
      const x = Array.from({ length: n }, (_, i) => (shape === 4 ? Math.floor(i / 3) : i)); // shape 4: tied x values
      const y = x.map((xi, i) =>
        shape === 0 ? 100 + 2 * xi + 50 * r() : shape === 1 ? 7 : shape === 2 ? (i < n / 2 ? 10 : 90) + Math.round(r() * 3) : shape === 3 ? Math.round(r() * 4) : 5 * xi + r());
      const want = reference(x, y);
      for (const got of [theilSen(x, y), theilSen(x, y, 0.95, undefined, selectRanks)]) expect({ slope: got.slope, ciLow: got.ciLow, ciHigh: got.ciHigh }).toEqual(want);
    }
  });

  it('still answers with a NaN among the values, as the sorted slopes do', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [1, 2, NaN, 4, 5, 6];
    expect(theilSen(x, y).slope).toBe(reference(x, y).slope);
    expect(theilSen(x, y, 0.95, undefined, selectRanks).slope).toBe(reference(x, y).slope);
  });
});
