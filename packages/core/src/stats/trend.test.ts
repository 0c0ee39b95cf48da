import { describe, expect, it } from 'vitest';
import { judgeTrend, stepsUntil } from './trend.js';
import { mannKendall } from './mann-kendall.js';
import { theilSen } from './theil-sen.js';
import { addPoint, emptySums, mergeSums, olsFromSums } from './sufficient.js';

/** Deterministic noise (LCG) so tests are repeatable. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('judgeTrend', () => {
  it('finds a 1 KB/invocation leak under 20 KB of noise within 50 invocations', () => {
    const r = noise(1);
    const y = Array.from({ length: 50 }, (_, i) => 10_000_000 + 1024 * i + 20_000 * r());
    const v = judgeTrend(y, { minSlope: 256 });
    expect(v.growing).toBe(true);
    expect(v.slope).toBeGreaterThan(700);
    expect(v.slope).toBeLessThan(1400);
    expect(v.ciLow).toBeLessThanOrEqual(v.slope);
    expect(v.ciHigh).toBeGreaterThanOrEqual(v.slope);
    expect(v.p).toBeLessThan(0.001);
  });

  it('does not fire on flat noise, over many seeds', () => {
    let fired = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = noise(seed);
      const y = Array.from({ length: 200 }, () => 10_000_000 + 50_000 * r());
      if (judgeTrend(y, { minSlope: 256 }).growing) fired++;
    }
    expect(fired).toBe(0);
  });

  it('does not fire on a one-time step (a cache filled once)', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1000 : 50_000));
    const v = judgeTrend(y, { minSlope: 100 });
    expect(v.growing).toBe(false);
  });

  it('does not fire below the minimum effect size', () => {
    const y = Array.from({ length: 100 }, (_, i) => 1000 + i * 0.5);
    const v = judgeTrend(y, { minSlope: 1 });
    expect(v.growing).toBe(false);
    expect(v.reason).toBe('below-min-slope');
  });

  it('finds one handle per invocation after 10 invocations', () => {
    const y = Array.from({ length: 10 }, (_, i) => i + 1);
    const v = judgeTrend(y, { minSlope: 0.5 });
    expect(v.growing).toBe(true);
    expect(v.slope).toBe(1);
  });

  it('says too-few-points rather than guessing', () => {
    expect(judgeTrend([1, 2, 3], { minSlope: 0.1 }).reason).toBe('too-few-points');
  });
});

describe('mannKendall and theilSen', () => {
  it('agree on a clean line', () => {
    const mk = mannKendall([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(mk.s).toBe(28);
    expect(mk.tau).toBe(1);
    const ts = theilSen([1, 2, 3, 4], [10, 12, 14, 16]);
    expect(ts.slope).toBe(2);
    expect(ts.intercept).toBe(8);
  });

  it('theilSen ignores an outlier that breaks least squares', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = x.map((v) => v * 3);
    y[9] = 1000;
    expect(theilSen(x, y).slope).toBe(3);
  });
});

describe('sufficient statistics', () => {
  it('merged partial sums give the same slope as the whole', () => {
    const a = emptySums();
    const b = emptySums();
    const all = emptySums();
    for (let i = 1; i <= 20; i++) {
      const y = 5 + 2 * i + (i % 3);
      addPoint(i <= 10 ? a : b, i, y);
      addPoint(all, i, y);
    }
    const merged = olsFromSums(mergeSums(a, b));
    const whole = olsFromSums(all);
    expect(merged.slope).toBeCloseTo(whole.slope, 10);
    expect(merged.slope).toBeCloseTo(2, 1);
    expect(merged.ciLow).toBeLessThan(merged.slope);
  });

  it('stepsUntil projects to the limit', () => {
    expect(stepsUntil(100, 1536, 2)).toBe(718);
    expect(stepsUntil(100, 1536, 0)).toBe(Infinity);
  });
});
