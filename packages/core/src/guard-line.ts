import type { Finding } from './finding.js';

/**
 * The guard's log-line schema: written by `@leakwatch/guard`, read by `@leakwatch/analyzer`.
 * One CloudWatch Embedded Metric Format (EMF) object per invocation, one JSON line each; findings
 * as separate lines. Field names are part of the contract: change them only with a new
 * `LeakwatchSchema` version and a reader for the old one.
 */
export const GUARD_SCHEMA_VERSION = 1;
export const GUARD_NAMESPACE = 'Leakwatch';

/** Metric names and units as they appear in the EMF directive. */
export const GUARD_METRICS = {
  DurationMs: 'Milliseconds',
  CpuUserMs: 'Milliseconds',
  CpuSystemMs: 'Milliseconds',
  HeapUsed: 'Bytes',
  HeapAfterGc: 'Bytes',
  Rss: 'Bytes',
  ActiveResources: 'Count',
  OutboundRequests: 'Count',
  RequestsWithoutTimeout: 'Count',
  PendingAtReturn: 'Count',
} as const;

export type GuardMetricName = keyof typeof GUARD_METRICS;

/** One invocation's metrics line. Metric values are top-level members, as EMF requires. */
export interface GuardMetricsLine extends Partial<Record<GuardMetricName, number>> {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }>;
  };
  LeakwatchSchema: number;
  LeakwatchType: 'invocation';
  FunctionName: string;
  /** random id of this process (sandbox), stable for its life */
  SandboxId: string;
  /** 1-based invocation number within the sandbox */
  Invocation: number;
  RequestId?: string;
  /** active resources by type after the return, from process.getActiveResourcesInfo() */
  ActiveByType?: Record<string, number>;
  /** the invocation ended with an error or hit the deadline */
  Outcome?: 'ok' | 'error' | 'timeout';
}

/** A finding line: a finding the guard made inside the sandbox. */
export interface GuardFindingLine {
  LeakwatchSchema: number;
  LeakwatchType: 'finding';
  FunctionName: string;
  SandboxId: string;
  Invocation: number;
  finding: Finding;
}

/** The deadline watchdog's line: what was pending shortly before the platform timeout. */
export interface GuardDeadlineLine {
  LeakwatchSchema: number;
  LeakwatchType: 'deadline';
  FunctionName: string;
  SandboxId: string;
  Invocation: number;
  RequestId?: string;
  remainingMs: number;
  pending: Array<{ type: string; count: number; site?: string; peer?: string }>;
}

export type GuardLine = GuardMetricsLine | GuardFindingLine | GuardDeadlineLine;

/**
 * Recognises a parsed JSON object as a guard line (any type), by its schema markers.
 *
 * @example
 * ```ts
 * const obj = JSON.parse(line);
 * if (isGuardLine(obj) && obj.LeakwatchType === 'invocation') series.push(obj.HeapAfterGc);
 * ```
 */
export function isGuardLine(value: unknown): value is GuardLine {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['LeakwatchSchema'] === 'number' &&
    (v['LeakwatchType'] === 'invocation' || v['LeakwatchType'] === 'finding' || v['LeakwatchType'] === 'deadline') &&
    typeof v['FunctionName'] === 'string' &&
    typeof v['SandboxId'] === 'string'
  );
}
