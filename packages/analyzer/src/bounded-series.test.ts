import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPoint, emptySums, olsFromSums } from '@leakwatch/core';
import { BoundedSeries, SERIES_CAPACITY } from './bounded-series.js';

describe('BoundedSeries', () => {
  it('is exact while the sandbox is small', () => {
    const s = new BoundedSeries();
    for (let i = 0; i < SERIES_CAPACITY; i++) s.add(1000 + i, i % 7);
    expect(s.exact).toBe(true);
    expect(s.points().map((p) => p.max)).toEqual(Array.from({ length: SERIES_CAPACITY }, (_, i) => i % 7));
    expect(s.points().map((p) => p.index)).toEqual(Array.from({ length: SERIES_CAPACITY }, (_, i) => i + 1));
  });
  it('keeps at most its capacity of points for a million invocations, with the count, peak, first and last exact', () => {
    const s = new BoundedSeries();
    for (let i = 0; i < 1_000_000; i++) s.add(i, 80 + i / 1000);
    const points = s.points();
    expect(s.exact).toBe(false);
    expect(points.length).toBeLessThanOrEqual(SERIES_CAPACITY);
    expect(points.length).toBeGreaterThan(SERIES_CAPACITY / 4);
    expect(points.reduce((a, p) => a + p.n, 0)).toBe(1_000_000);
    expect(s.count).toBe(1_000_000);
    expect(s.first).toBe(80);
    expect(s.last).toBeCloseTo(80 + 999.999, 6);
    expect(s.peak).toBeCloseTo(80 + 999.999, 6);
    // buckets of about equal size, in time order, the slope per invocation kept through the index
    const sizes = points.map((p) => p.n).sort((a, b) => a - b);
    expect((sizes[sizes.length - 2] ?? 0) / (sizes[1] ?? 1)).toBeLessThanOrEqual(4);
    const a = points[1];
    const b = points[points.length - 2];
    expect(((b?.mean ?? 0) - (a?.mean ?? 0)) / ((b?.index ?? 0) - (a?.index ?? 0))).toBeCloseTo(0.001, 6);
  });
  it('gives the same points for newest-first and oldest-first input (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 2000 }), (ys) => {
      const forward = new BoundedSeries();
      const backward = new BoundedSeries();
      ys.forEach((y, i) => forward.add(i, y));
      for (let i = ys.length - 1; i >= 0; i--) backward.add(i, ys[i] ?? 0);
      const f = forward.points();
      const b = backward.points();
      expect(f.length).toBeLessThanOrEqual(SERIES_CAPACITY);
      expect(b.length).toBeLessThanOrEqual(SERIES_CAPACITY);
      expect(Math.max(...b.map((p) => p.max))).toBe(Math.max(...ys));
      expect(b.reduce((a, p) => a + p.n, 0)).toBe(ys.length);
      expect(b.map((p) => p.x)).toEqual([...b.map((p) => p.x)].sort((p, q) => p - q));
      expect([forward.first, forward.last]).toEqual([backward.first, backward.last]);
      if (ys.length <= SERIES_CAPACITY) expect(b).toEqual(f);
    }), { numRuns: 60 });
  });

  it('screens and reads the early means as its points would, without making them (property)', () => {
    // points in any order, fewer or many more than the capacity: the same numbers to the last bit
    const point = fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.double({ min: -1e4, max: 1e4, noNaN: true }));
    fc.assert(fc.property(fc.array(point, { maxLength: 600 }), fc.nat(20), fc.nat(40), (added, from, length) => {
      const s = new BoundedSeries();
      for (const [x, y] of added) s.add(1_795_478_431_877 + x * 37, y);
      const points = s.points();
      for (const of of ['max', 'mean'] as const) {
        const sums = emptySums();
        for (const p of points) addPoint(sums, p.index, p[of]);
        expect(Object.is(s.olsSlope(of), olsFromSums(sums).slope)).toBe(true);
      }
      expect(s.size).toBe(points.length);
      expect(s.means(from, from + length)).toEqual(points.slice(from, from + length).map((p) => p.mean));
    }), { numRuns: 300 });
  });

  it('once released, is empty, and its bucket array serves a new series as a new one would (property)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.double({ min: -1e4, max: 1e4, noNaN: true }));
    fc.assert(fc.property(fc.array(point, { maxLength: 400 }), fc.array(point, { maxLength: 400 }), (before, after) => {
      const reference = new BoundedSeries();
      for (const [x, y] of after) reference.add(x, y);
      // the released array is full of other numbers: none of them may show in the next series
      const old = new BoundedSeries();
      for (const [x, y] of before) old.add(x + 7, y * 3 + 1e6);
      old.release();
      expect(old.count).toBe(0);
      expect(old.points()).toEqual([]);
      const reused = new BoundedSeries();
      for (const [x, y] of after) reused.add(x, y);
      expect(reused.points()).toEqual(reference.points());
      expect([reused.count, reused.first, reused.last, reused.peak, reused.exact]).toEqual([reference.count, reference.first, reference.last, reference.peak, reference.exact]);
    }), { numRuns: 200 });
  });
});
