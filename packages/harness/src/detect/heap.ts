import { createFinding, formatBytes, relativeTo, judgeTrend, stepsUntil, theilSen, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';
import type { ResolvedOptions } from '../run-options.js';
import { seriesWithTrend, trendLine } from './trend-text.js';

/** Smallest heap growth that counts, in bytes per invocation. */
export const HEAP_MIN_SLOPE = 1024;

/** What a bare Node.js Lambda sandbox uses before the handler adds anything (~40 MB RSS). */
const NODE_BASELINE_BYTES = 40 * 1024 * 1024;

/**
 * Invocations skipped before judging the heap: V8 keeps compiling and allocating feedback for a
 * warming handler for a few dozen invocations (measured: ~0.5–2.5 KB/invocation drift over the
 * first 100 invocations of leak-free handlers, flat after), so the first third, at most 40, is warm-up.
 */
export function heapWarmup(n: number): number {
  return Math.min(40, Math.max(Math.floor(n * 0.1), Math.floor(n / 3)));
}

/**
 * Heap that survives a full GC and grows per invocation, with the projected number of
 * invocations until the function's memory limit.
 *
 * @example
 * ```ts
 * const findings = detectHeapGrowth(run, options);
 * ```
 */
export function detectHeapGrowth(run: Run, options: Pick<ResolvedOptions, 'memoryMb' | 'functionName' | 'cwd'>): Finding[] {
  const y = run.samples.map((s) => s.heapUsedAfterGc);
  const warmup = heapWarmup(y.length);
  // Fewer than 20 judged invocations cannot tell warm-up drift from a leak: no verdict.
  const verdict = judgeTrend(y, { minSlope: HEAP_MIN_SLOPE, warmup, minPoints: 20 });
  if (!verdict.growing) return [];
  // A leak grows at the same rate to the end; V8's warm-up drift slows down. The later half of
  // the judged window must still grow at the minimum rate on its own.
  const half = Math.floor((y.length + warmup) / 2);
  if (theilSen(y.slice(half).map((_, i) => i), y.slice(half)).slope < HEAP_MIN_SLOPE) return [];
  const limit = options.memoryMb * 1024 * 1024;
  // In the frozen child the process is the sandbox: its RSS is what the platform limits. In-process
  // the tool shares the heap, so count only what the run added on top of a bare Node.js runtime.
  const last = run.samples[run.samples.length - 1];
  const first = run.samples[0];
  const used = run.mode === 'freeze' ? (last?.rss ?? 0) : NODE_BASELINE_BYTES + Math.max(0, (last?.heapUsedAfterGc ?? 0) - (first?.heapUsedAfterGc ?? 0));
  const until = stepsUntil(used, limit, verdict.slope);
  const summary = [
    trendLine('heap after GC', y, verdict, formatBytes, ''),
    `grows ${formatBytes(verdict.slope)} per invocation (95% CI ${formatBytes(verdict.ciLow)} to ${formatBytes(verdict.ciHigh)})`,
  ];
  const file = run.handlerFile ? relativeTo(run.handlerFile, options.cwd) : undefined;
  return [
    createFinding({
      kind: 'heap-growth',
      severity: 'error',
      title: `memory that survives GC grows ${formatBytes(verdict.slope)} per invocation`,
      key: `${file ?? options.functionName}`,
      function: options.functionName,
      evidence: {
        summary,
        series: [seriesWithTrend('heap used after GC', 'bytes', y, verdict)],
        bytesPerInvocation: verdict.slope,
        ciLow: verdict.ciLow,
        ciHigh: verdict.ciHigh,
        invocationsUntilLimit: Number.isFinite(until) ? until : null,
      },
      advice: 'something at module scope (a list, a cache, a map) keeps what each invocation adds: clear it, bound it, or keep it per invocation',
      cost: {
        note: Number.isFinite(until)
          ? `the ${options.memoryMb} MB memory limit is reached after ~${until} more warm invocations of one sandbox`
          : 'the memory limit is not reached at this rate',
      },
      source: 'test',
    }),
  ];
}
