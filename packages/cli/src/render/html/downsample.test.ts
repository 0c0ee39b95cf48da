import { describe, expect, it } from 'vitest';
import { downsampleMinMax, envelope } from './downsample.js';

describe('downsampling', () => {
  it('keeps short series as they are', () => {
    expect(downsampleMinMax([1, 2, 3], [5, 6, 7], 10)).toEqual({ x: [1, 2, 3], y: [5, 6, 7] });
  });

  it('keeps every bucket extreme, so a single spike survives', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i);
    const y = x.map((i) => (i === 7777 ? 1000 : i === 1234 ? -5 : 1));
    const d = downsampleMinMax(x, y, 100);
    expect(d.x.length).toBeLessThanOrEqual(200);
    expect(d.y).toContain(1000);
    expect(d.x[d.y.indexOf(1000)]).toBe(7777);
    expect(d.y).toContain(-5);
    expect([...d.x].sort((a, b) => a - b)).toEqual(d.x);
  });

  it('envelope gives per-bin median and maximum over many series', () => {
    const series = Array.from({ length: 101 }, (_, s) => ({ x: [0, 10], y: [s, s] }));
    const e = envelope(series, 2);
    expect(e.median).toEqual([50, 50]);
    expect(e.max).toEqual([100, 100]);
    expect(e.x).toEqual([2.5, 7.5]);
    expect(envelope([], 4)).toEqual({ x: [], median: [], max: [] });
  });
});
