import { createFinding, judgeTrend, median, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';
import type { ResolvedOptions } from '../run-options.js';
import { seriesWithTrend, trendLine } from './trend-text.js';

/**
 * CPU time and duration that grow per invocation (a scan over a list that keeps growing). The
 * growth must be significant and, over the run and between the first and last tenth, at least half the early cost and 2 ms, so JIT
 * warm-up and noise never fire.
 *
 * @example
 * ```ts
 * const findings = detectCpuGrowth(run, options);
 * ```
 */
export function detectCpuGrowth(run: Run, options: Pick<ResolvedOptions, 'functionName' | 'cwd'>): Finding[] {
  const ok = run.samples.filter((s) => s.outcome !== 'timeout');
  const cpu = ok.map((s) => (s.cpuUserMicros + s.cpuSystemMicros) / 1000);
  const duration = ok.map((s) => s.durationMs);
  const x = ok.map((s) => s.index);
  const findings: Finding[] = [];
  const cpuFinding = judge(cpu, x, 'cpu-growth', 'CPU time', options);
  if (cpuFinding) findings.push(cpuFinding);
  // Duration that grows with CPU is the same leak; report duration alone only when CPU is flat.
  const durationFinding = cpuFinding ? undefined : judge(duration, x, 'duration-growth', 'duration', options);
  if (durationFinding) findings.push(durationFinding);
  return findings;
}

/** Smallest growth that counts, in ms of CPU or duration per invocation. */
export const CPU_MIN_SLOPE_MS = 0.05;

function judge(y: number[], x: number[], kind: 'cpu-growth' | 'duration-growth', label: string, options: Pick<ResolvedOptions, 'functionName'>): Finding | undefined {
  if (y.length < 12) return undefined;
  const early = median(y.slice(0, Math.max(3, Math.floor(y.length / 10))));
  // At least 0.05 ms more per invocation (5 ms over 100): below that, process CPU time drifts by
  // itself on a loaded machine (GC threads work more as the heap warms up): a mysql fixed twin
  // showed a significant 0.017–0.022 ms/invocation twice on a shared 2-core CI machine.
  const verdict = judgeTrend(y, { minSlope: CPU_MIN_SLOPE_MS, x, alpha: 0.001 });
  if (!verdict.growing) return undefined;
  const growth = verdict.slope * y.length;
  if (growth < Math.max(2, early * 0.5)) return undefined;
  // The last tenth must really cost more than the first, not only the fitted line.
  const tenth = Math.max(3, Math.floor(y.length / 10));
  const late = median(y.slice(-tenth));
  if (late - early < Math.max(2, early * 0.5)) return undefined;
  const fmt = (v: number): string => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));
  return createFinding({
    kind,
    severity: 'warning',
    title: `${label} per invocation grows ${fmt(verdict.slope)} ms with every invocation`,
    key: `${options.functionName}|${kind}`,
    function: options.functionName,
    evidence: {
      summary: [trendLine(label, y, verdict, (v) => `${fmt(v)} ms`, ''), `after ${y.length} invocations each call costs ~${fmt(growth)} ms more than at the start`],
      series: [seriesWithTrend(`${label} per invocation`, 'ms', y, { ...verdict })],
      msPerInvocation: verdict.slope,
    },
    advice: 'work per call grows with something kept across invocations (a list scanned every time): bound it or index it',
    source: 'test',
  });
}
