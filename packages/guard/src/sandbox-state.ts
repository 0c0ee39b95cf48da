import { randomBytes } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** A fixed-size window of the latest values: the guard's memory never grows with traffic. */
export class Ring {
  private readonly values: Float64Array;
  private count = 0;
  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }
  push(v: number): void {
    this.values[this.count % this.size] = v;
    this.count++;
  }
  /** oldest first */
  toArray(): number[] {
    const n = Math.min(this.count, this.size);
    const start = this.count - n;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.values[(start + i) % this.size] as number;
    return out;
  }
  get length(): number {
    return Math.min(this.count, this.size);
  }
}

/** Per-process (per-sandbox) state, created when the first wrapped invocation runs, not at import. */
export class SandboxState {
  readonly sandboxId = randomBytes(8).toString('hex');
  invocation = 0;
  /** heap used right after the most recent GC, from `gc` performance entries (no forced GC) */
  heapAfterGc = NaN;
  /** the latest RSS sample (bytes), refreshed every few invocations */
  rss = 0;
  /** when it was read (`performance.now()`) */
  rssAt = -Infinity;
  /** active resources after the latest invocation; -1 before the first */
  lastActive = -1;
  /** process CPU usage at the end of the latest invocation */
  lastCpu: NodeJS.CpuUsage | undefined = undefined;
  readonly heap: Ring;
  readonly resources: Ring;
  readonly reported = new Set<string>();
  private observer: PerformanceObserver | undefined;

  constructor(window: number) {
    this.heap = new Ring(window);
    this.resources = new Ring(window);
  }

  /** Starts watching GC lazily; a failure leaves heapAfterGc unknown and nothing else changes. */
  watchGc(): void {
    if (this.observer) return;
    try {
      this.observer = new PerformanceObserver(() => {
        this.heapAfterGc = getHeapStatistics().used_heap_size;
      });
      this.observer.observe({ entryTypes: ['gc'] });
      (this.observer as unknown as { unref?: () => void }).unref?.();
    } catch {
      this.observer = undefined;
    }
  }
}
