/**
 * The CloudWatch Logs Insights query that computes, per log stream (one sandbox), the sufficient
 * statistics of every detector that can run as an aggregation, so the heavy pass runs where the
 * logs are:
 *
 * - memory-creep: n, Σx, Σy, Σxy, Σx², Σy² with x = minutes since `sinceMs` (REPORT rows only) and
 *   y = Max Memory Used in MB; min and max y; the memory size;
 * - duration-growth: Σd, Σxd, Σd² with d = Duration in ms; min and max d;
 * - timeout: `Task timed out` lines, `Status: timeout` REPORTs, their billed ms, and the limit the
 *   lines name;
 * - out-of-memory: REPORTs whose Max Memory Used reached the memory size (`floor(used / size)` is 1
 *   only then), and lines with an out-of-memory signature (not counted again on a REPORT);
 * - connection-exhaustion: the databases' refusal messages;
 * - over-provisioned-memory and cold-start-churn (per function, merged locally): peak memory,
 *   billed ms, cold starts (`count(@initDuration)`) and INIT ms.
 *
 * Work left running after an invocation (dangling-work) needs each request's order and is judged
 * only on downloaded events. `@maxMemoryUsed` and `@memorySize` are in bytes (10⁶ per MB). `x` is
 * null on rows that are not REPORTs (`@memorySize / @memorySize`), so the sums cover REPORTs only.
 *
 * @example
 * ```ts
 * insightsQuery(Date.parse('2026-11-01')); // 'filter @type = "REPORT" or …| stats … by @log, @logStream'
 * ```
 */
export function insightsQuery(sinceMs: number): string {
  const has = (text: string): string => `strcontains(@message, "${text}")`;
  return [
    'filter @type = "REPORT" or @message like /Task timed out|Runtime\\.OutOfMemory|signal: killed|Process exited before completing|too many clients|[Tt]oo many connections|remaining connection slots|ER_CON_COUNT_ERROR/',
    '| parse @message "Task timed out after * seconds" as timeoutAfter',
    `| fields @memorySize / @memorySize * (@timestamp - ${Math.floor(sinceMs)}) / 60000 as x, @maxMemoryUsed / 1000000 as y, @memorySize / 1000000 as mem, @duration as d`,
    '| fields x * y as xy, x * x as xx, y * y as yy, x * d as xd, d * d as dd',
    `| fields ${has('Task timed out')} as timeoutLine, ${has('Status: timeout')} as timeoutReport, timeoutAfter * 1000 as timeoutAfterMs`,
    '| fields timeoutReport * @billedDuration as timeoutBilled, floor(@maxMemoryUsed / @memorySize) as oomReport',
    `| fields greatest(${has('Runtime.OutOfMemory')}, ${has('signal: killed')}, ${has('Process exited before completing')}) - ${has('REPORT RequestId')} * ${has('Runtime.OutOfMemory')} as oomLine`,
    `| fields greatest(${has('too many clients')}, ${has('too many connections')}, ${has('Too many connections')}, ${has('remaining connection slots')}, ${has('ER_CON_COUNT_ERROR')}) as refused`,
    [
      '| stats count(y) as n, sum(x) as sx, sum(y) as sy, sum(xy) as sxy, sum(xx) as sxx, sum(yy) as syy, min(y) as minY, max(y) as maxY, max(mem) as memoryMb,',
      'sum(d) as sd, sum(xd) as sxd, sum(dd) as sdd, min(d) as minD, max(d) as maxD,',
      'sum(@billedDuration) as billedMs, count(@initDuration) as coldStarts, sum(@initDuration) as initMs,',
      'sum(timeoutLine) as timeoutLines, sum(timeoutReport) as timeoutReports, sum(timeoutBilled) as timeoutBilledMs, sum(timeoutAfterMs) as timeoutAfterMs,',
      'sum(oomReport) as oomReports, sum(oomLine) as oomLines, sum(refused) as refusals,',
      'min(@timestamp) as first, max(@timestamp) as last by @log, @logStream',
    ].join(' '),
  ].join('\n');
}

/** One row of GetQueryResults: `{field, value}` cells. */
export type InsightsRow = Array<{ field?: string; value?: string }>;

/** The fields of {@link insightsQuery}'s result rows, in order. */
export const INSIGHTS_FIELDS = [
  '@log', '@logStream', 'n', 'sx', 'sy', 'sxy', 'sxx', 'syy', 'minY', 'maxY', 'memoryMb', 'sd', 'sxd', 'sdd', 'minD', 'maxD',
  'billedMs', 'coldStarts', 'initMs', 'timeoutLines', 'timeoutReports', 'timeoutBilledMs', 'timeoutAfterMs', 'oomReports', 'oomLines', 'refusals', 'first', 'last',
] as const;
