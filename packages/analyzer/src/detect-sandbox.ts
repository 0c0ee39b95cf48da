import { AWS_LAMBDA_PRICES, createFinding, gbSecondsOf, judgeTrend, perMonth, priceUsage, stepsUntil } from '@leakwatch/core';
import type { Finding, PriceTable } from '@leakwatch/core';
import type { SandboxSeries } from './sandbox-series.js';
import { sparkline } from './sparkline.js';

/** Options of the detectors. */
export interface DetectOptions {
  prices?: PriceTable;
  /** MB per invocation below which a rise is noise; default 0.25 */
  minCreepMb?: number;
}

/**
 * Runs the per-sandbox detectors (memory-creep, timeout, out-of-memory, connection-exhaustion).
 *
 * @example
 * ```ts
 * const findings = detectSandbox(series, {});
 * ```
 */
export function detectSandbox(s: SandboxSeries, options: DetectOptions = {}): Finding[] {
  const prices = options.prices ?? AWS_LAMBDA_PRICES;
  const out: Finding[] = [];
  const key = `${s.fn}|${s.sandbox}`;
  const periodMs = (s.lastTime ?? 0) - (s.firstTime ?? 0);
  const money = (gbSeconds: number, requests = 0): { usd: number; gbSeconds: number; usdPerMonth?: number; period: string } => {
    const usd = priceUsage(prices, { gbSeconds, requests });
    return { usd, gbSeconds, ...(periodMs > 0 ? { usdPerMonth: perMonth(usd, periodMs) } : {}), period: `observed, priced ${prices.pricedAt}` };
  };
  const ordered = inTimeOrder(s);
  const creep = memoryCreep(ordered, options.minCreepMb ?? 0.25);
  if (creep) out.push(creep);
  const slower = durationGrowth(ordered);
  if (slower) out.push(slower);
  if (s.timeouts > 0) {
    const wastedMs = s.timeoutWastedMs || s.timeouts * s.durationMs.reduce((a, b) => Math.max(a, b), 0);
    out.push(createFinding({
      kind: 'timeout', severity: 'error', key, function: s.fn, source: 'logs',
      title: `${s.timeouts} invocation${s.timeouts === 1 ? '' : 's'} of ${s.fn} hit the timeout in sandbox ${s.sandbox}`,
      evidence: { sandbox: s.sandbox, timeouts: s.timeouts, wastedMs, summary: [`billed time wasted: ${(wastedMs / 1000).toFixed(1)} s`, ...s.samples.timeout] },
      advice: 'give every outbound call a timeout below the function timeout (AbortSignal.timeout), and stop waiting on work the response does not need',
      cost: money(gbSecondsOf(wastedMs, s.memoryMb || 128)),
    }));
  }
  if (s.outOfMemory > 0) {
    out.push(createFinding({
      kind: 'out-of-memory', severity: 'error', key, function: s.fn, source: 'logs',
      title: `${s.fn} ran out of memory ${s.outOfMemory} time${s.outOfMemory === 1 ? '' : 's'} in sandbox ${s.sandbox}`,
      evidence: { sandbox: s.sandbox, kills: s.outOfMemory, memoryMb: s.memoryMb, summary: s.samples['out-of-memory'] },
      advice: 'find what grows per invocation (leakwatch test, or the guard in production) before raising the memory size',
    }));
  }
  if (s.afterEnd > 0) {
    out.push(createFinding({
      kind: 'dangling-work', severity: 'warning', key, function: s.fn, source: 'logs',
      title: `${s.afterEnd} log line${s.afterEnd === 1 ? '' : 's'} of ${s.fn} written after their invocation ended, in sandbox ${s.sandbox}`,
      evidence: { sandbox: s.sandbox, linesAfterEnd: s.afterEnd, summary: s.samples['after-end'] },
      advice: 'await every promise before returning; work left running is frozen with the sandbox and resumes inside a later invocation',
    }));
  }
  if (s.refused > 0) {
    out.push(createFinding({
      kind: 'connection-exhaustion', severity: 'error', key, function: s.fn, source: 'logs',
      title: `the database refused connections ${s.refused} time${s.refused === 1 ? '' : 's'} for ${s.fn}`,
      evidence: { sandbox: s.sandbox, refusals: s.refused, summary: s.samples['connection-refused'] },
      advice: 'open the connection once outside the handler and reuse it, or close it in a finally block; use a proxy (RDS Proxy) for many sandboxes',
    }));
  }
  return out;
}

function memoryCreep(s: SandboxSeries, minSlope: number): Finding | undefined {
  const fromGuard = s.maxMemoryMb.length < 6 && s.guardHeapMb.length >= 6;
  const raw = fromGuard ? s.guardHeapMb : s.maxMemoryMb;
  if (raw.length < 6) return undefined;
  // Theil–Sen is quadratic: judge at most MAX_POINTS bucket maxima, the slope scaled back per invocation.
  const per = Math.ceil(raw.length / MAX_POINTS);
  const y = per === 1 ? raw : bucketMax(raw, per);
  const judged = judgeTrend(y, { minSlope: minSlope * per, warmup: 1, minPoints: 5 });
  const verdict = { ...judged, slope: judged.slope / per, ciLow: judged.ciLow / per, ciHigh: judged.ciHigh / per, intercept: judged.intercept };
  if (!verdict.growing) return undefined;
  // A high-water mark also rises in one step after one large request: require a sustained rise,
  // many small increases, no single jump carrying most of it.
  let rises = 0;
  let biggest = 0;
  for (let i = 2; i < y.length; i++) {
    const d = (y[i] ?? 0) - (y[i - 1] ?? 0);
    if (d > 0) rises++;
    biggest = Math.max(biggest, d);
  }
  const total = (y[y.length - 1] ?? 0) - (y[1] ?? 0);
  if (total <= 0 || rises < Math.max(3, (y.length - 2) * 0.3) || biggest > total * 0.5) return undefined;
  const last = raw[raw.length - 1] ?? 0;
  const left = s.memoryMb > 0 ? stepsUntil(last, s.memoryMb, verdict.slope) : Infinity;
  const xs = fromGuard ? raw.map((_, i) => i + 1) : s.x;
  const gap = !fromGuard && s.x.length > 1 && (s.lastTime ?? 0) > 0 ? ((s.x[s.x.length - 1] ?? 0) - (s.x[0] ?? 0)) / (s.x.length - 1) : undefined;
  const eta = gap !== undefined && Number.isFinite(left) ? `, about ${formatDuration(left * gap)}` : '';
  const key = `${s.fn}|${s.sandbox}`;
  return createFinding({
    kind: 'memory-creep', severity: Number.isFinite(left) && left < 1000 ? 'error' : 'warning', key, function: s.fn, source: 'logs',
    title: `memory of ${s.fn} rises ${verdict.slope.toFixed(2)} MB per invocation in sandbox ${s.sandbox}`,
    evidence: {
      sandbox: s.sandbox, slope: verdict.slope, ciLow: verdict.ciLow, ciHigh: verdict.ciHigh, p: verdict.p, invocationsUntilLimit: left,
      summary: [
        `${fromGuard ? 'post-GC heap' : 'max memory used'} ${raw[0]?.toFixed(0)} → ${last.toFixed(0)} MB of ${s.memoryMb} MB over ${raw.length} invocations  ${sparkline(raw)}`,
        Number.isFinite(left) ? `reaches ${s.memoryMb} MB in ~${Math.ceil(left)} more invocations${eta}` : 'no projection (memory size unknown)',
      ],
      series: [{ label: `${fromGuard ? 'post-GC heap (guard)' : 'max memory used'}, ${s.sandbox}`, unit: 'MB', x: xs, y: raw, trend: { slope: verdict.slope, intercept: verdict.intercept, ciLow: verdict.ciLow, ciHigh: verdict.ciHigh, p: verdict.p, from: verdict.from }, highlight: true }],
    },
    advice: 'something kept in module scope grows per invocation (a cache, an array, listeners); bound it or move it into the handler. Run leakwatch test on the handler to find the line.',
    ...(s.memoryMb > 0 ? { cost: { note: `the sandbox is killed for memory after ~${Math.ceil(left)} invocations; each kill costs a cold start` } } : {}),
  });
}

const MAX_POINTS = 400;

/** The sandbox's series sorted by time: exports such as filter-log-events come newest first. */
function inTimeOrder(s: SandboxSeries): SandboxSeries {
  const idx = s.x.map((_, i) => i).sort((a, b) => (s.x[a] ?? 0) - (s.x[b] ?? 0));
  if (idx.every((v, i) => v === i)) return s;
  const pick = (arr: number[]): number[] => (arr.length === idx.length ? idx.map((i) => arr[i] ?? 0) : arr);
  return { ...s, x: pick(s.x), maxMemoryMb: pick(s.maxMemoryMb), durationMs: pick(s.durationMs) };
}

/** Duration per invocation grows steadily within one sandbox (not a swing with the workload). */
function durationGrowth(s: SandboxSeries): Finding | undefined {
  const y = s.durationMs.length > MAX_POINTS ? [] : s.durationMs;
  if (y.length < 10) return undefined;
  const sorted = [...y].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const v = judgeTrend(y, { minSlope: Math.max(1, mid * 0.02), warmup: 1, minPoints: 8 });
  if (!v.growing || v.p > 0.01) return undefined;
  let rises = 0;
  for (let i = 2; i < y.length; i++) if ((y[i] ?? 0) > (y[i - 1] ?? 0)) rises++;
  if (rises < (y.length - 2) * 0.6) return undefined;
  return createFinding({
    kind: 'duration-growth', severity: 'warning', key: `${s.fn}|${s.sandbox}`, function: s.fn, source: 'logs',
    title: `duration of ${s.fn} grows ${v.slope.toFixed(1)} ms per invocation in sandbox ${s.sandbox}`,
    evidence: { sandbox: s.sandbox, slope: v.slope, p: v.p, summary: [`duration ${Math.round(y[0] ?? 0)} → ${Math.round(y[y.length - 1] ?? 0)} ms over ${y.length} invocations  ${sparkline(y)}`] },
    advice: 'something done per invocation scales with what earlier invocations left behind (a growing list, listeners, timers); run leakwatch test to find it',
  });
}

function bucketMax(values: readonly number[], per: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += per) {
    let m = -Infinity;
    for (let j = i; j < Math.min(values.length, i + per); j++) m = Math.max(m, values[j] ?? -Infinity);
    out.push(m);
  }
  return out;
}

function formatDuration(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : h >= 1 ? `${h.toFixed(1)} h` : `${Math.ceil(ms / 60_000)} min`;
}

