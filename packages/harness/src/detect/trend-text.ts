import { formatP, type EvidenceSeries, type TrendVerdict } from '@leakwatch/core';

/**
 * `live connections: 1 → 50 over 50 invocations (slope 1.00/invocation, p < 0.001)`.
 *
 * @example
 * ```ts
 * trendLine('live sockets', [1, 2, 3], verdict, (v) => v.toFixed(0), '');
 * ```
 */
export function trendLine(label: string, y: readonly number[], verdict: TrendVerdict, format: (v: number) => string, unit: string): string {
  const first = y[verdict.warmup] ?? y[0] ?? 0;
  const last = y[y.length - 1] ?? 0;
  return `${label}: ${format(first)} → ${format(last)} over ${y.length} invocations (slope ${format(verdict.slope)}${unit}/invocation, ${formatP(verdict.p)})`;
}

/** The series with its fitted trend, for the HTML report's charts. */
export function seriesWithTrend(label: string, unit: string, y: readonly number[], verdict: TrendVerdict): EvidenceSeries {
  return {
    label,
    unit,
    y: [...y],
    trend: { slope: verdict.slope, intercept: verdict.intercept, ciLow: verdict.ciLow, ciHigh: verdict.ciHigh, p: verdict.p, from: verdict.from },
  };
}

/** `1.00`, `12.5`, `3`: counts per invocation read well with two significant decimals. */
export function formatCount(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
