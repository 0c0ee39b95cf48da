import { GUARD_METRICS, GUARD_SCHEMA_VERSION } from '@leakwatch/core';
import type { GuardMetricName, GuardMetricsLine } from '@leakwatch/core';

export interface InvocationMetrics {
  functionName: string;
  sandboxId: string;
  invocation: number;
  requestId?: string;
  outcome: 'ok' | 'error' | 'timeout';
  values: Partial<Record<GuardMetricName, number>>;
  activeByType?: Record<string, number>;
}

/**
 * One CloudWatch Embedded Metric Format line: the `_aws` directive names the namespace, the
 * FunctionName dimension and each metric with its unit; the values are top-level members.
 *
 * @example
 * ```ts
 * JSON.parse(emfLine('Leakwatch', m))._aws.CloudWatchMetrics[0].Dimensions; // [['FunctionName']]
 * ```
 */
export function emfLine(namespace: string, m: InvocationMetrics, timestamp = Date.now()): string {
  const metrics: Array<{ Name: string; Unit: string }> = [];
  const values: Partial<Record<GuardMetricName, number>> = {};
  for (const [name, value] of Object.entries(m.values) as Array<[GuardMetricName, number]>) {
    if (!Number.isFinite(value)) continue;
    metrics.push({ Name: name, Unit: GUARD_METRICS[name] });
    values[name] = Math.round(value * 1000) / 1000;
  }
  const line: GuardMetricsLine = {
    _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [['FunctionName']], Metrics: metrics }] },
    LeakwatchSchema: GUARD_SCHEMA_VERSION,
    LeakwatchType: 'invocation',
    FunctionName: m.functionName,
    SandboxId: m.sandboxId,
    Invocation: m.invocation,
    ...(m.requestId ? { RequestId: m.requestId } : {}),
    Outcome: m.outcome,
    ...(m.activeByType ? { ActiveByType: m.activeByType } : {}),
    ...values,
  };
  return JSON.stringify(line);
}
