// A fake CloudWatch Logs Insights engine: AWS cannot run here, so this evaluates what
// insightsQuery() asks for (per @log/@logStream sums over the filtered rows, memory fields in
// bytes) over log events, and answers in GetQueryResults' shape. Documents it produces are stored
// as recorded (fake) results under test/fixtures.
import type { InsightsRow, LogEvent } from '../src/index.js';
import { INSIGHTS_FIELDS, parseAwsText } from '../src/index.js';

const FILTER = /Task timed out|Runtime\.OutOfMemory|signal: killed|Process exited before completing|too many clients|[Tt]oo many connections|remaining connection slots|ER_CON_COUNT_ERROR/;

type Sums = Record<(typeof INSIGHTS_FIELDS)[number], number | string>;

export function fakeInsightsResults(events: Iterable<LogEvent>, sinceMs: number): { status: 'Complete'; results: InsightsRow[] } {
  const groups = new Map<string, Sums>();
  for (const e of events) {
    const report = parseAwsText(e.message);
    const isReport = report?.type === 'report';
    if (!isReport && !FILTER.test(e.message)) continue;
    const log = `123456789012:${e.group ?? 'unknown'}`;
    const key = `${log}\u0000${e.stream ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = Object.fromEntries(INSIGHTS_FIELDS.map((f) => [f, 0])) as Sums;
      g['@log'] = log;
      g['@logStream'] = e.stream ?? '';
      g['minY'] = Infinity;
      g['maxY'] = -Infinity;
      g['minD'] = Infinity;
      g['maxD'] = -Infinity;
      g['first'] = Infinity;
      g['last'] = -Infinity;
      groups.set(key, g);
    }
    const add = (f: keyof Sums, v: number): void => {
      g[f] = (g[f] as number) + v;
    };
    const has = (t: string): number => (e.message.includes(t) ? 1 : 0);
    const time = e.time ?? 0;
    g['first'] = Math.min(g['first'] as number, time);
    g['last'] = Math.max(g['last'] as number, time);
    if (report?.type === 'report') {
      // Insights reports memory in bytes (10^6 per MB) and the times as they were logged
      const x = (time - sinceMs) / 60000;
      const y = (report.maxMemoryMb * 1e6) / 1e6;
      const d = report.durationMs;
      add('n', 1); add('sx', x); add('sy', y); add('sxy', x * y); add('sxx', x * x); add('syy', y * y);
      g['minY'] = Math.min(g['minY'] as number, y);
      g['maxY'] = Math.max(g['maxY'] as number, y);
      g['memoryMb'] = Math.max(g['memoryMb'] as number, report.memoryMb);
      add('sd', d); add('sxd', x * d); add('sdd', d * d);
      g['minD'] = Math.min(g['minD'] as number, d);
      g['maxD'] = Math.max(g['maxD'] as number, d);
      add('billedMs', report.billedMs);
      if (report.initMs !== undefined) {
        add('coldStarts', 1);
        add('initMs', report.initMs);
      }
      const timedOut = has('Status: timeout');
      add('timeoutReports', timedOut);
      add('timeoutBilledMs', timedOut * report.billedMs);
      add('oomReports', Math.floor(report.maxMemoryMb / report.memoryMb));
    }
    add('timeoutLines', has('Task timed out'));
    const after = /Task timed out after (\S+) seconds/.exec(e.message)?.[1];
    if (after !== undefined) add('timeoutAfterMs', Number(after) * 1000);
    add('oomLines', Math.max(has('Runtime.OutOfMemory'), has('signal: killed'), has('Process exited before completing')) - has('REPORT RequestId') * has('Runtime.OutOfMemory'));
    add('refusals', Math.max(has('too many clients'), has('too many connections'), has('Too many connections'), has('remaining connection slots'), has('ER_CON_COUNT_ERROR')));
  }
  const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  const results: InsightsRow[] = [];
  for (const g of groups.values()) {
    results.push(INSIGHTS_FIELDS.filter((f) => Number.isFinite(g[f] as number) || typeof g[f] === 'string').map((f) => ({
      field: f, value: f === 'first' || f === 'last' ? stamp(g[f] as number) : String(g[f]),
    })));
  }
  return { status: 'Complete', results };
}

const APP_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\t([0-9a-fA-F-]{8,})\t/;
const END_LINE = /^END RequestId: ([0-9a-fA-F-]+)/;

/**
 * What insightsDanglingQuery() asks for, evaluated over log events: per stream and request id, the
 * END time (0 without one) and the last line's time; then per stream the requests whose last line
 * came after their END, and the requests seen.
 */
export function fakeDanglingResults(events: Iterable<LogEvent>): { status: 'Complete'; results: InsightsRow[] } {
  const requests = new Map<string, { log: string; stream: string; ended: number; lastLine: number }>();
  for (const e of events) {
    const end = END_LINE.exec(e.message);
    const app = end ? null : APP_LINE.exec(e.message);
    const req = end?.[1] ?? app?.[2];
    if (req === undefined) continue;
    const log = `123456789012:${e.group ?? 'unknown'}`;
    const stream = e.stream ?? '';
    const key = `${log}\u0000${stream}\u0000${req}`;
    const time = e.time ?? 0;
    const r = requests.get(key) ?? { log, stream, ended: 0, lastLine: 0 };
    if (end) r.ended = Math.max(r.ended, time);
    r.lastLine = Math.max(r.lastLine, time);
    requests.set(key, r);
  }
  const streams = new Map<string, { log: string; stream: string; afterEnd: number; requests: number }>();
  for (const r of requests.values()) {
    const key = `${r.log}\u0000${r.stream}`;
    const s = streams.get(key) ?? { log: r.log, stream: r.stream, afterEnd: 0, requests: 0 };
    s.afterEnd += Math.min(Math.max(r.lastLine - r.ended, 0), 1) * Math.min(r.ended, 1);
    s.requests++;
    streams.set(key, s);
  }
  const results: InsightsRow[] = [...streams.values()].map((s) => [
    { field: '@log', value: s.log },
    { field: '@logStream', value: s.stream },
    { field: 'afterEnd', value: String(s.afterEnd) },
    { field: 'requests', value: String(s.requests) },
  ]);
  return { status: 'Complete', results };
}
