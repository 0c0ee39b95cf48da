import { createFinding, olsFromSums, type Finding } from '@leakwatch/core';
import { detectFunction } from './detect-function.js';
import { detectSandbox } from './detect-sandbox.js';
import { addCounters, newFunctionTotals, type FunctionTotals } from './function-totals.js';
import type { InsightsRow } from './insights-query.js';
import { pricesFor, type ChosenPrices } from './platform-prices.js';
import { newSandbox, type SandboxSeries } from './sandbox-series.js';

/** Options of {@link mergeInsightsResults}. */
export interface MergeOptions {
  /** the tables chosen; Logs Insights reads CloudWatch, so the AWS one is used (default us-east-1's latest) */
  prices?: ChosenPrices;
  /** MB per invocation below which a memory rise is noise; default 0.25 */
  minCreepMb?: number;
  /** the result rows of {@link insightsDanglingQuery}, when it ran: dangling-work per stream */
  dangling?: readonly InsightsRow[];
}

/**
 * Turns the result rows of {@link insightsQuery} into the same findings, with the same ids, as a
 * local analysis of the events: timeouts (with the billed time wasted, priced), out-of-memory
 * kills and refused connections per stream through the local detectors; memory-creep and
 * duration-growth where the least-squares slope per invocation is significant, above the minimum
 * effect, and the fit is close to a line (a single step fits poorly); over-provisioned memory and
 * cold-start churn per function. Every finding says `evidence.engine: 'insights'`.
 *
 * @example
 * ```ts
 * const findings = mergeInsightsResults(doc.results, { prices: lambdaPrices({ region: 'eu-west-1' }) });
 * ```
 */
export function mergeInsightsResults(rows: readonly InsightsRow[], options: MergeOptions = {}): Finding[] {
  const prices = pricesFor('aws', options.prices);
  const out: Finding[] = [];
  const totals = new Map<string, FunctionTotals>();
  // requests that logged after their END, per stream (the second query); a stream only it names gets a row of its own
  const after = new Map<string, number>();
  for (const row of options.dangling ?? []) {
    const r = cells(row);
    const n = Number(r['afterEnd'] ?? 0);
    if (Number.isFinite(n) && n > 0) after.set(streamKey(r), n);
  }
  const merged: InsightsRow[] = [...rows];
  const seen = new Set(rows.map((row) => streamKey(cells(row))));
  for (const key of after.keys()) {
    if (seen.has(key)) continue;
    const [log = '', stream = ''] = key.split('\u0000');
    merged.push([{ field: '@log', value: log }, { field: '@logStream', value: stream }]);
  }
  for (const row of merged) {
    const r = cells(row);
    const num = (k: string): number => {
      const v = Number(r[k] ?? 0);
      return Number.isFinite(v) ? v : 0;
    };
    const fn = (r['@log'] ?? 'unknown').replace(/^\d+:/, '').replace(/^\/aws\/lambda\//, '');
    const stream = r['@logStream'] ?? 'unknown';
    const first = timeOf(r['first']);
    const last = timeOf(r['last']);
    const s = fromRow(fn, stream, num, first, last);
    const requestsAfterEnd = after.get(streamKey(r)) ?? 0;
    if (requestsAfterEnd > 0) {
      s.afterEnd = requestsAfterEnd;
      s.samples['after-end'].push(`${requestsAfterEnd} request${requestsAfterEnd === 1 ? '' : 's'} logged after ${requestsAfterEnd === 1 ? 'its' : 'their'} END line (Logs Insights counts requests, not lines)`);
    }
    const found = [...detectSandbox(s, { prices }), ...trends(s, num, options.minCreepMb ?? 0.25)].map((f) => (f.kind === 'dangling-work' ? asRequests(f, requestsAfterEnd) : f));
    for (const f of found) out.push({ ...f, evidence: { ...f.evidence, engine: 'insights' } });
    let t = totals.get(fn);
    if (!t) totals.set(fn, (t = newFunctionTotals(fn)));
    addRowTotals(t, s, num);
  }
  for (const t of totals.values()) for (const f of detectFunction(t, prices)) out.push({ ...f, evidence: { ...f.evidence, engine: 'insights' } });
  return out;
}

/** The dangling-work finding in the terms Logs Insights counts: requests that logged after their END, not lines. */
function asRequests(f: Finding, requests: number): Finding {
  const { linesAfterEnd: _lines, ...evidence } = f.evidence;
  void _lines;
  const sandbox = String(f.evidence['sandbox']);
  return { ...f, title: `${requests} request${requests === 1 ? '' : 's'} of ${f.function ?? 'unknown'} logged after ${requests === 1 ? 'its' : 'their'} invocation ended, in sandbox ${sandbox}`, evidence: { ...evidence, requestsAfterEnd: requests } };
}

/** A row's log group and stream, the key that joins the two queries' rows. */
function streamKey(r: Record<string, string>): string {
  return `${r['@log'] ?? ''}\u0000${r['@logStream'] ?? ''}`;
}

/** A result row's cells by field name. */
function cells(row: InsightsRow): Record<string, string> {
  const r: Record<string, string> = {};
  for (const c of row) if (c.field !== undefined && c.value !== undefined) r[c.field] = c.value;
  return r;
}

/** A sandbox with the counters of one row and no series (the trends are judged from the sums). */
function fromRow(fn: string, stream: string, num: (k: string) => number, first: number | undefined, last: number | undefined): SandboxSeries {
  const s = newSandbox(fn, stream);
  s.memoryMb = num('memoryMb');
  s.invocations = num('n');
  s.billedMs = num('billedMs');
  s.coldStarts = num('coldStarts');
  s.initMs = num('initMs');
  s.timeouts = Math.max(num('timeoutLines'), num('timeoutReports'));
  s.timeoutWastedMs = num('timeoutBilledMs') > 0 ? num('timeoutBilledMs') : num('timeoutAfterMs');
  s.outOfMemory = num('oomReports') + num('oomLines');
  s.refused = num('refusals');
  if (s.outOfMemory > 0) s.samples['out-of-memory'].push(`${s.outOfMemory} out-of-memory signature${s.outOfMemory === 1 ? '' : 's'} (Logs Insights)`);
  if (s.refused > 0) s.samples['connection-refused'].push(`${s.refused} refusal message${s.refused === 1 ? '' : 's'} (Logs Insights)`);
  if (first !== undefined) s.firstTime = first;
  if (last !== undefined) s.lastTime = last;
  return s;
}

function addRowTotals(t: FunctionTotals, s: SandboxSeries, num: (k: string) => number): void {
  t.reports += num('n');
  t.peakMb = Math.max(t.peakMb, num('maxY'));
  addCounters(t, s);
}

/** memory-creep and duration-growth from the sums: slope per minute, turned into per invocation. */
function trends(s: SandboxSeries, num: (k: string) => number, minCreepMb: number): Finding[] {
  const out: Finding[] = [];
  const n = num('n');
  const spanMin = !Number.isNaN(s.firstTime) && !Number.isNaN(s.lastTime) ? (s.lastTime - s.firstTime) / 60000 : 0;
  if (n < 6 || !(spanMin > 0)) return out;
  const perInvocation = (slopePerMinute: number): number => (slopePerMinute * spanMin) / (n - 1);
  const key = `${s.fn}|${s.sandbox}`;
  const memory = olsFromSums({ n, sumX: num('sx'), sumY: num('sy'), sumXY: num('sxy'), sumXX: num('sxx'), sumYY: num('syy') });
  const creep = perInvocation(memory.slope);
  if (creep >= minCreepMb && memory.ciLow > 0 && memory.r2 >= 0.9) {
    const left = s.memoryMb > 0 ? Math.max(0, Math.ceil((s.memoryMb - num('maxY')) / creep)) : Infinity;
    out.push(createFinding({
      kind: 'memory-creep', severity: left < 1000 ? 'error' : 'warning', key, function: s.fn, source: 'logs',
      title: `memory of ${s.fn} rises ${creep.toFixed(2)} MB per invocation in sandbox ${s.sandbox}`,
      evidence: {
        sandbox: s.sandbox, slope: creep, ciLow: perInvocation(memory.ciLow), ciHigh: perInvocation(memory.ciHigh), r2: memory.r2, invocationsUntilLimit: left, invocations: n,
        summary: [
          `max memory used ${num('minY')} → ${num('maxY')} MB of ${s.memoryMb} MB over ${n} invocations (Logs Insights sums, r² ${memory.r2.toFixed(2)})`,
          Number.isFinite(left) ? `reaches ${s.memoryMb} MB in ~${left} more invocations` : 'no projection (memory size unknown)',
        ],
      },
      advice: 'something kept in module scope grows per invocation (a cache, an array, listeners); bound it or move it into the handler. Run leakwatch logs on this stream\'s events, or leakwatch test on the handler, to find the line.',
      ...(s.memoryMb > 0 ? { cost: { note: `the sandbox is killed for memory after ~${left} invocations; each kill costs a cold start` } } : {}),
    }));
  }
  const duration = olsFromSums({ n, sumX: num('sx'), sumY: num('sd'), sumXY: num('sxd'), sumXX: num('sxx'), sumYY: num('sdd') });
  const slower = perInvocation(duration.slope);
  // the same effect size as the local rule: over the run, a rise of half the early level, ≥ 1 ms per invocation
  if (n >= 10 && slower >= Math.max(1, (0.5 * num('minD')) / n) && duration.ciLow > 0 && duration.r2 >= 0.8) {
    out.push(createFinding({
      kind: 'duration-growth', severity: 'warning', key, function: s.fn, source: 'logs',
      title: `duration of ${s.fn} grows ${slower.toFixed(1)} ms per invocation in sandbox ${s.sandbox}`,
      evidence: { sandbox: s.sandbox, slope: slower, r2: duration.r2, invocations: n, summary: [`duration ${Math.round(num('minD'))} → ${Math.round(num('maxD'))} ms over ${n} invocations (Logs Insights sums, r² ${duration.r2.toFixed(2)})`] },
      advice: 'something done per invocation scales with what earlier invocations left behind (a growing list, listeners, timers); run leakwatch test to find it',
    }));
  }
  return out;
}

/**
 * Logs Insights returns times as `2026-11-24 10:00:00.000` (UTC) or, where a query aggregates
 * `toMillis(@timestamp)`, as a number of ms, which it may print as a float (`1.7640036E12`, as it
 * prints `@maxMemoryUsed` as `6.7E7`). Without both times a stream has no span and no slope.
 */
function timeOf(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (/^\d+(?:\.\d+)?(?:[eE][+]?\d+)?$/.test(v)) return Number(v);
  const t = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isNaN(t) ? undefined : t;
}
