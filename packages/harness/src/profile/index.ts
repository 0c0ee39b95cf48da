import type { HarnessProbe } from '../probe.js';
import { CpuProbe } from './cpu-probe.js';
import { HeapProbe } from './heap-probe.js';

/** Which profilers a run uses (`leakwatch test --heap-snapshots --profile-out DIR …`). */
export interface ProfileOptions {
  /** sampling heap profiler across the run: allocation sites of memory that survives GC */
  heap?: boolean;
  /** average bytes between two samples of the sampling heap profiler (default 4096): smaller finds smaller leaks, at more cost */
  heapSamplingInterval?: number;
  /** heap snapshots early and late in the run: retainer paths (costly, off by default) */
  snapshots?: boolean;
  /** CPU profiler across the run: functions whose self time grows */
  cpu?: boolean;
  /** where .heapprofile, .heapsnapshot and .cpuprofile files are written */
  outDir?: string;
}

/**
 * Creates the profiler probes a run asked for. Serialisable options in, probes out, so the frozen
 * child process builds the same probes as the in-process runner.
 *
 * @example
 * ```ts
 * const probes = createProbes({ heap: true, cpu: true });
 * ```
 */
export function createProbes(options: ProfileOptions): HarnessProbe[] {
  const probes: HarnessProbe[] = [];
  if (options.heap || options.snapshots) probes.push(new HeapProbe({ snapshots: options.snapshots === true, ...(options.heapSamplingInterval !== undefined ? { samplingInterval: options.heapSamplingInterval } : {}) }));
  if (options.cpu) probes.push(new CpuProbe());
  return probes;
}
