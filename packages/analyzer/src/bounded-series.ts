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
const FIRST_SIZE = SERIES_CAPACITY / 2;

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
  #cap = 0;
  #n: Float64Array<ArrayBuffer> = new Float64Array(0);
  #sx: Float64Array<ArrayBuffer> = new Float64Array(0);
  #max: Float64Array<ArrayBuffer> = new Float64Array(0);
  #sy: Float64Array<ArrayBuffer> = new Float64Array(0);
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
    // Once bucketed, a point next to the open (last added) bucket in time joins it until it is full,
    // so buckets stay about equal in size for logs read in either time order.
    const open = this.#size - 1;
    if (this.#level > 1 && open >= 0 && (this.#n[open] ?? 0) < this.#level && ((atEnd && this.#openHoldsEnd) || (atStart && this.#openHoldsStart))) {
      this.#n[open] = (this.#n[open] ?? 0) + 1;
      this.#sx[open] = (this.#sx[open] ?? 0) + x;
      this.#sy[open] = (this.#sy[open] ?? 0) + y;
      this.#max[open] = Math.max(this.#max[open] ?? 0, y);
      this.#checkOrder(open);
      return;
    }
    if (this.#size === this.#cap) {
      if (this.#cap < SERIES_CAPACITY) this.#grow(this.#cap === 0 ? FIRST_SIZE : this.#cap * 2);
      else this.#compact();
    }
    const i = this.#size++;
    this.#n[i] = 1;
    this.#sx[i] = x;
    this.#max[i] = y;
    this.#sy[i] = y;
    this.#openHoldsEnd = atEnd;
    this.#openHoldsStart = atStart;
    this.#checkOrder(i);
  }

  #checkOrder(i: number): void {
    if (i > 0 && this.#sorted && (this.#sx[i] ?? 0) / (this.#n[i] ?? 1) < (this.#sx[i - 1] ?? 0) / (this.#n[i - 1] ?? 1)) this.#sorted = false;
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
    let before = 0;
    for (let i = 0; i < this.#size; i++) {
      const n = this.#n[i] ?? 1;
      const sx = this.#sx[i] ?? 0;
      const sy = this.#sy[i] ?? 0;
      out.push({ n, x: sx / n, max: this.#max[i] ?? 0, mean: sy / n, index: before + (n + 1) / 2 });
      before += n;
    }
    return out;
  }

  #grow(cap: number): void {
    const copy = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.#size));
      return b;
    };
    this.#n = copy(this.#n);
    this.#sx = copy(this.#sx);
    this.#max = copy(this.#max);
    this.#sy = copy(this.#sy);
    this.#cap = cap;
  }

  /** Sorts the buckets by mean x (stable), when an earlier point arrived after a later one. */
  #sort(): void {
    if (this.#sorted) return;
    const order = Array.from({ length: this.#size }, (_, i) => i);
    const mx = (i: number): number => (this.#sx[i] ?? 0) / (this.#n[i] ?? 1);
    order.sort((a, b) => mx(a) - mx(b) || a - b);
    for (const a of [this.#n, this.#sx, this.#max, this.#sy]) {
      const values = order.map((i) => a[i] ?? 0);
      a.set(values);
    }
    this.#sorted = true;
  }

  /** Merges neighbours in time until at most half the capacity is used. */
  #compact(): void {
    this.#sort();
    let size = this.#size;
    // first merge the new single points up to the current bucket size; double it only when that is not enough
    for (let pass = 0; size > SERIES_CAPACITY / 2; pass++) {
      if (pass > 0) this.#level *= 2;
      let out = 0;
      for (let i = 0; i < size; i++) {
        const n = this.#n[i] ?? 1;
        if (out > 0 && (this.#n[out - 1] ?? 0) + n <= this.#level) {
          const o = out - 1;
          this.#n[o] = (this.#n[o] ?? 0) + n;
          this.#sx[o] = (this.#sx[o] ?? 0) + (this.#sx[i] ?? 0);
          this.#sy[o] = (this.#sy[o] ?? 0) + (this.#sy[i] ?? 0);
          this.#max[o] = Math.max(this.#max[o] ?? 0, this.#max[i] ?? 0);
        } else {
          this.#n[out] = n;
          this.#sx[out] = this.#sx[i] ?? 0;
          this.#sy[out] = this.#sy[i] ?? 0;
          this.#max[out] = this.#max[i] ?? 0;
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
