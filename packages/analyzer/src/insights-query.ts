import { createFinding, olsFromSums } from '@leakwatch/core';
import type { Finding } from '@leakwatch/core';

/**
 * The CloudWatch Logs Insights query that computes, per log stream, the sufficient statistics the
 * memory-creep detector needs (n, Σx, Σy, Σxy, Σx², Σy² with x = minutes since `sinceMs`, y = max
 * memory used in MB), plus timeouts and billed time, so the heavy pass runs where the logs are.
 * `@maxMemoryUsed` and `@memorySize` are in bytes (10^6 per MB, as Lambda reports them).
 *
 * @example
 * ```ts
 * insightsQuery(Date.parse('2026-11-01')); // 'filter @type = "REPORT" or …| stats … by @log, @logStream'
 * ```
 */
export function insightsQuery(sinceMs: number): string {
  return [
    'filter @type = "REPORT" or @message like /Task timed out/',
    `| fields (@timestamp - ${Math.floor(sinceMs)}) / 60000 as x, @maxMemoryUsed / 1000000 as y, @memorySize / 1000000 as mem, strcontains(@message, "Task timed out") as timedOut`,
    '| fields x * y as xy, x * x as xx, y * y as yy',
    '| stats count(y) as n, sum(x) as sx, sum(y) as sy, sum(xy) as sxy, sum(xx) as sxx, sum(yy) as syy, min(y) as minY, max(y) as maxY, max(mem) as memoryMb, sum(@billedDuration) as billedMs, sum(timedOut) as timeouts, min(@timestamp) as first, max(@timestamp) as last by @log, @logStream',
  ].join('\n');
}

/** One row of GetQueryResults: `{field, value}` cells. */
export type InsightsRow = Array<{ field?: string; value?: string }>;

/**
 * Turns the query's result rows into findings: memory-creep where the per-invocation slope is
 * significant and the fit is close to a line (a single step fits poorly), and timeouts.
 *
 * @example
 * ```ts
 * const findings = mergeInsightsResults(doc.results);
 * ```
 */
export function mergeInsightsResults(rows: readonly InsightsRow[], options: { minCreepMb?: number } = {}): Finding[] {
  const out: Finding[] = [];
  for (const row of rows) {
    const r: Record<string, string> = {};
    for (const c of row) if (c.field !== undefined && c.value !== undefined) r[c.field] = c.value;
    const num = (k: string): number => Number(r[k] ?? 0);
    const stream = r['@logStream'] ?? 'unknown';
    const fn = (r['@log'] ?? 'unknown').replace(/^\d+:/, '').replace(/^\/aws\/lambda\//, '');
    const n = num('n');
    const ols = olsFromSums({ n, sumX: num('sx'), sumY: num('sy'), sumXY: num('sxy'), sumXX: num('sxx'), sumYY: num('syy') });
    const spanMin = (Date.parse(r['last'] ?? '') - Date.parse(r['first'] ?? '')) / 60000;
    const perInvocation = n > 1 && spanMin > 0 ? (ols.slope * spanMin) / (n - 1) : 0;
    const key = `${fn}|${stream}`;
    if (n >= 6 && perInvocation >= (options.minCreepMb ?? 0.25) && ols.ciLow > 0 && ols.r2 >= 0.9) {
      const memoryMb = num('memoryMb');
      const left = memoryMb > 0 ? Math.max(0, (memoryMb - num('maxY')) / perInvocation) : Infinity;
      out.push(createFinding({
        kind: 'memory-creep', severity: left < 1000 ? 'error' : 'warning', key, function: fn, source: 'logs',
        title: `memory of ${fn} rises ${perInvocation.toFixed(2)} MB per invocation in sandbox ${stream}`,
        evidence: {
          sandbox: stream, slope: perInvocation, r2: ols.r2, invocationsUntilLimit: left, engine: 'insights',
          summary: [`max memory used ${num('minY')} → ${num('maxY')} MB of ${memoryMb} MB over ${n} invocations (Logs Insights, r² ${ols.r2.toFixed(2)})`, `reaches ${memoryMb} MB in ~${Math.ceil(left)} more invocations`],
        },
        advice: 'something kept in module scope grows per invocation; run leakwatch logs on this stream\'s events, or leakwatch test on the handler, to confirm and find the line',
      }));
    }
    const timeouts = num('timeouts');
    if (timeouts > 0) {
      out.push(createFinding({
        kind: 'timeout', severity: 'error', key, function: fn, source: 'logs',
        title: `${timeouts} invocation${timeouts === 1 ? '' : 's'} of ${fn} hit the timeout in sandbox ${stream}`,
        evidence: { sandbox: stream, timeouts, engine: 'insights' },
        advice: 'give every outbound call a timeout below the function timeout, and stop waiting on work the response does not need',
      }));
    }
  }
  return out;
}
