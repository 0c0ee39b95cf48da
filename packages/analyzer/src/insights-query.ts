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
 * Work left running after an invocation (dangling-work) has a query of its own,
 * {@link insightsDanglingQuery}. `@maxMemoryUsed` and `@memorySize` are in bytes (10⁶ per MB). `x` is
 * null on rows that are not REPORTs (`@memorySize / @memorySize`), so the sums cover REPORTs only.
 *
 * Both queries use only the functions and argument types the Logs Insights query syntax reference
 * documents (docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html,
 * read 2026-12-07; insights-query.test.ts keeps to that list): arithmetic takes numbers, so a time enters it as
 * `toMillis(@timestamp)` (a number of ms; `@timestamp` itself is a Timestamp), and a flag as a
 * number (`strcontains` returns 1 or 0; `ispresent` returns a Boolean, which arithmetic does not take).
 * REPORTs are counted as `count(@maxMemoryUsed)`: the reference says `count(field)` counts the
 * records that include the field, and only REPORTs carry it (a computed field that is null
 * elsewhere would leave that to how the engine treats a null).
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
    `| fields @memorySize / @memorySize * (toMillis(@timestamp) - ${Math.floor(sinceMs)}) / 60000 as x, @maxMemoryUsed / 1000000 as y, @memorySize / 1000000 as mem, @duration as d`,
    '| fields x * y as xy, x * x as xx, y * y as yy, x * d as xd, d * d as dd',
    `| fields ${has('Task timed out')} as timeoutLine, ${has('Status: timeout')} as timeoutReport, timeoutAfter * 1000 as timeoutAfterMs`,
    '| fields timeoutReport * @billedDuration as timeoutBilled, floor(@maxMemoryUsed / @memorySize) as oomReport',
    `| fields greatest(${has('Runtime.OutOfMemory')}, ${has('signal: killed')}, ${has('Process exited before completing')}) - ${has('REPORT RequestId')} * ${has('Runtime.OutOfMemory')} as oomLine`,
    `| fields greatest(${has('too many clients')}, ${has('too many connections')}, ${has('Too many connections')}, ${has('remaining connection slots')}, ${has('ER_CON_COUNT_ERROR')}) as refused`,
    [
      '| stats count(@maxMemoryUsed) as n, sum(x) as sx, sum(y) as sy, sum(xy) as sxy, sum(xx) as sxx, sum(yy) as syy, min(y) as minY, max(y) as maxY, max(mem) as memoryMb,',
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

/**
 * The second Logs Insights query of `--engine insights`: per log stream, the application lines
 * written after their own request's `END` (work left running when the handler returned: a timer, a
 * callback, an unawaited promise), as the local dangling-work detector counts them. It needs two
 * `stats` commands (Logs Insights allows two; the second reads only the first one's fields):
 *
 * 1. per stream and request id: the time of the request's `END` line (0 when the window has none:
 *    `strcontains` of the message's first 15 characters is 1 on an END line only) and of its last
 *    line, END or application line (`<time>\t<request id>\t…`), both as `toMillis(@timestamp)`;
 * 2. per stream: the requests whose last line came after their END (`least(greatest(last − end, 0),
 *    1)` is 1 exactly then; `least(end, 1)` drops requests whose END is not in the window).
 *
 * Never run on the real engine here (no AWS): the tests evaluate its meaning with a fake engine.
 * A failure of this query leaves the other findings standing (the CLI says so on stderr).
 *
 * @example
 * ```ts
 * insightsDanglingQuery(); // 'filter @message like /^END RequestId: / or … | stats … by @log, @logStream'
 * ```
 */
export function insightsDanglingQuery(): string {
  return [
    'filter @message like /^END RequestId: / or @message like /^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\\t[0-9a-fA-F-]{8,}\\t/',
    '| parse @message /^END RequestId: (?<endReq>[0-9a-fA-F-]+)/',
    '| parse @message /^\\S+\\t(?<appReq>[0-9a-fA-F-]{8,})\\t/',
    '| fields coalesce(endReq, appReq) as req, toMillis(@timestamp) as t, strcontains(substr(@message, 0, 15), "END RequestId: ") * toMillis(@timestamp) as endAt',
    '| stats max(endAt) as ended, max(t) as lastLine by @log, @logStream, req',
    '| fields least(greatest(lastLine - ended, 0), 1) * least(ended, 1) as after',
    '| stats sum(after) as afterEnd, count(*) as requests by @log, @logStream',
  ].join('\n');
}

/** The fields of {@link insightsDanglingQuery}'s result rows. */
export const INSIGHTS_DANGLING_FIELDS = ['@log', '@logStream', 'afterEnd', 'requests'] as const;
