import { addPoint, emptySums, olsFromSums } from '@leakwatch/core';
/** A point of a bounded series: one invocation, or a bucket of consecutive invocations. */
export interface SeriesPoint {
  /** invocations in the bucket (1 while the series is exact) */
  n: number;
  /** mean x (epoch ms, or the arrival number when the logs carry no time) */
  x: number;
  /** the largest y in the bucket (high-water marks are judged on it) */
  max: number;
  /** the mean y in the bucket (durations are judged on it) */
  mean: number;
  /** the invocation number of the bucket's middle, counted in time order from 1 */
  index: number;
}

/** Buckets kept at most; a compaction halves them, so a series holds CAPACITY / 2 to CAPACITY points. */
export const SERIES_CAPACITY = 128;
/** numbers per bucket in BoundedSeries' array, and where each is: count at 0 */
const FIELDS = 4;
const SX = 1;
const MAX = 2;
const SY = 3;

/** Bucket arrays of released series (see BoundedSeries#release), for new ones; at most MAX_SPARE (4 MB). */
const spare: Float64Array<ArrayBuffer>[] = [];
const MAX_SPARE = 1024;

/**
 * A per-invocation series in bounded memory: exact up to {@link SERIES_CAPACITY} points, then
 * adjacent points in time are merged into buckets (count, Σx, max y, Σy) of about equal size, so the
 * trend detectors judge at most CAPACITY points whatever the number of invocations. Points may
 * arrive in any order (exports come newest first); buckets are merged in time order.
 *
 * @example
 * ```ts
 * const s = new BoundedSeries();
 * for (let i = 0; i < 10_000; i++) s.add(i, 80 + i / 100);
 * s.points().length; // ≤ 256, each with n, x, max, mean, index
 * ```
 */
export class BoundedSeries {
  /** invocations added */
  count = 0;
  #size = 0;
  /**
   * The buckets, four numbers each: count, Σx, max y, Σy. One array, allocated whole on the first
   * point: a point touches one object and one or two cache lines, where four arrays of one field
   * each (grown as needed) touched four and four; on a fleet log the reader updates hundreds of
   * interleaved sandboxes, so that was most of add()'s time.
   */
  #b: Float64Array<ArrayBuffer> | undefined = undefined;
  #sorted = true;
  #openHoldsEnd = false;
  #openHoldsStart = false;
  /** largest bucket count allowed by the last compaction */
  #level = 1;
  /** values of the earliest and the latest point in x */
  #firstX = Infinity;
  #lastX = -Infinity;
  first = 0;
  last = 0;
  peak = -Infinity;

  add(x: number, y: number): void {
    this.count++;
    if (y > this.peak) this.peak = y;
    const atStart = x < this.#firstX;
    const atEnd = x >= this.#lastX;
    if (atStart) {
      this.#firstX = x;
      this.first = y;
    }
    if (atEnd) {
      this.#lastX = x;
      this.last = y;
    }
    const b = (this.#b ??= spare.pop() ?? new Float64Array(SERIES_CAPACITY * FIELDS));
    // Once bucketed, a point next to the open (last added) bucket in time joins it until it is full,
    // so buckets stay about equal in size for logs read in either time order.
    const open = (this.#size - 1) * FIELDS;
    if (this.#level > 1 && open >= 0 && (b[open] as number) < this.#level && ((atEnd && this.#openHoldsEnd) || (atStart && this.#openHoldsStart))) {
      b[open] = (b[open] as number) + 1;
      b[open + SX] = (b[open + SX] as number) + x;
      b[open + SY] = (b[open + SY] as number) + y;
      if (y > (b[open + MAX] as number)) b[open + MAX] = y;
      this.#checkOrder(this.#size - 1);
      return;
    }
    if (this.#size === SERIES_CAPACITY) this.#compact();
    const i = this.#size++;
    const o = i * FIELDS;
    b[o] = 1;
    b[o + SX] = x;
    b[o + MAX] = y;
    b[o + SY] = y;
    this.#openHoldsEnd = atEnd;
    this.#openHoldsStart = atStart;
    this.#checkOrder(i);
  }

  #checkOrder(i: number): void {
    if (i === 0 || !this.#sorted) return;
    const b = this.#b as Float64Array;
    const o = i * FIELDS;
    if ((b[o + SX] as number) / (b[o] as number) < (b[o - FIELDS + SX] as number) / (b[o - FIELDS] as number)) this.#sorted = false;
  }

  /** true while every invocation is its own point */
  get exact(): boolean {
    return this.#level === 1;
  }

  /**
   * The points in time order (a copy).
   *
   * @example
   * ```ts
   * series.points().map((p) => p.max);
   * ```
   */
  points(): SeriesPoint[] {
    this.#sort();
    const out: SeriesPoint[] = [];
    const b = this.#b;
    if (!b) return out;
    let before = 0;
    for (let i = 0; i < this.#size; i++) {
      const o = i * FIELDS;
      const n = b[o] as number;
      out.push({ n, x: (b[o + SX] as number) / n, max: b[o + MAX] as number, mean: (b[o + SY] as number) / n, index: before + (n + 1) / 2 });
      before += n;
    }
    return out;
  }

  /**
   * The least-squares slope of the points' `max` (or `mean`) against their `index`, as
   * olsFromSums gives it over points() in time order, without making the points: the detectors'
   * screen, which most sandboxes of a fleet stop at (their points were 190 MB of garbage per GB).
   *
   * @example
   * ```ts
   * series.olsSlope('max') >= minSlope / 4; // worth the full trend judgement
   * ```
   */
  olsSlope(of: 'max' | 'mean'): number {
    this.#sort();
    const sums = emptySums();
    const b = this.#b;
    if (!b) return olsFromSums(sums).slope;
    let before = 0;
    for (let i = 0; i < this.#size; i++) {
      const o = i * FIELDS;
      const n = b[o] as number;
      addPoint(sums, before + (n + 1) / 2, of === 'max' ? (b[o + MAX] as number) : (b[o + SY] as number) / n);
      before += n;
    }
    return olsFromSums(sums).slope;
  }

  /** points held (buckets once bucketed) */
  get size(): number {
    return this.#size;
  }

  /**
   * The mean y of the points from `from` to `to` (exclusive, cut at the last) in time order:
   * `points().slice(from, to).map((p) => p.mean)` without making the points.
   *
   * @example
   * ```ts
   * median(series.means(1, 4)); // the early level, after the first invocation
   * ```
   */
  means(from: number, to: number): number[] {
    this.#sort();
    const out: number[] = [];
    const b = this.#b;
    if (!b) return out;
    for (let i = from; i < Math.min(to, this.#size); i++) out.push((b[i * FIELDS + SY] as number) / (b[i * FIELDS] as number));
    return out;
  }

  /**
   * Gives the bucket array to the next series that needs one and empties this series (its numbers
   * are gone: call it when nothing reads the series any more). A bucket array is 4 KB outside the
   * JavaScript heap: on the 1 GB fleet, those of judged sandboxes piled up to 28 MB between two
   * full collections of the judge's heap, and RSS with them.
   *
   * @example
   * ```ts
   * for (const f of detectSandbox(s)) keep(f);
   * s.memory.release();
   * ```
   */
  release(): void {
    if (this.#b && spare.length < MAX_SPARE) spare.push(this.#b);
    this.#b = undefined;
    this.count = 0;
    this.#size = 0;
    this.#sorted = true;
    this.#openHoldsEnd = false;
    this.#openHoldsStart = false;
    this.#level = 1;
    this.#firstX = Infinity;
    this.#lastX = -Infinity;
    this.first = 0;
    this.last = 0;
    this.peak = -Infinity;
  }

  /** Sorts the buckets by mean x (stable), when an earlier point arrived after a later one. */
  #sort(): void {
    if (this.#sorted) return;
    const b = this.#b as Float64Array;
    const order = Array.from({ length: this.#size }, (_, i) => i);
    const mx = (i: number): number => (b[i * FIELDS + SX] as number) / (b[i * FIELDS] as number);
    order.sort((p, q) => mx(p) - mx(q) || p - q);
    const copy = b.slice(0, this.#size * FIELDS);
    order.forEach((from, to) => b.set(copy.subarray(from * FIELDS, from * FIELDS + FIELDS), to * FIELDS));
    this.#sorted = true;
  }

  /** Merges neighbours in time until at most half the capacity is used. */
  #compact(): void {
    this.#sort();
    const b = this.#b as Float64Array;
    let size = this.#size;
    // first merge the new single points up to the current bucket size; double it only when that is not enough
    for (let pass = 0; size > SERIES_CAPACITY / 2; pass++) {
      if (pass > 0) this.#level *= 2;
      let out = 0;
      for (let i = 0; i < size; i++) {
        const from = i * FIELDS;
        const n = b[from] as number;
        const o = (out - 1) * FIELDS;
        if (out > 0 && (b[o] as number) + n <= this.#level) {
          b[o] = (b[o] as number) + n;
          b[o + SX] = (b[o + SX] as number) + (b[from + SX] as number);
          b[o + SY] = (b[o + SY] as number) + (b[from + SY] as number);
          b[o + MAX] = Math.max(b[o + MAX] as number, b[from + MAX] as number);
        } else {
          const to = out * FIELDS;
          b[to] = n;
          b[to + SX] = b[from + SX] as number;
          b[to + SY] = b[from + SY] as number;
          b[to + MAX] = b[from + MAX] as number;
          out++;
        }
      }
      size = out;
    }
    this.#size = size;
    this.#openHoldsEnd = true;
    this.#openHoldsStart = size === 1;
  }
}
