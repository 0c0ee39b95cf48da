import { createFinding, gbSecondsOf, judgeTrend, median, perMonth, priceUsage, selectRanks, stepsUntil, vcpuSecondsOf } from '@leakwatch/core';
import type { Finding } from '@leakwatch/core';
import { pricesFor, type ChosenPrices } from './platform-prices.js';
import { priced } from './priced.js';
import type { SandboxSeries } from './sandbox-series.js';
import { sparkline } from './sparkline.js';

/** Options of the detectors. */
export interface DetectOptions {
  /** the tables the user chose (at most one per provider); a sandbox without one gets its platform's (see pricesFor) */
  prices?: ChosenPrices;
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
  const prices = pricesFor(s.platform, options.prices, s.region);
  const out: Finding[] = [];
  const key = `${s.fn}|${s.sandbox}`;
  const periodMs = (Number.isNaN(s.lastTime) ? 0 : s.lastTime) - (Number.isNaN(s.firstTime) ? 0 : s.firstTime);
  // Google and Azure lines do not say the memory size: the table's default, said in the cost
  const memoryMb = s.memoryMb || prices.defaultMemoryMb || 128;
  const assumed = s.memoryMb ? '' : `, ${memoryMb} MB assumed`;
  const money = (ms: number): { usd: number; gbSeconds: number; vcpuSeconds?: number; usdPerMonth?: number; period: string } => {
    const gbSeconds = gbSecondsOf(ms, memoryMb);
    const vcpuSeconds = vcpuSecondsOf(prices, ms, memoryMb);
    const usd = priceUsage(prices, { gbSeconds, requests: 0, vcpuSeconds });
    return { usd, gbSeconds, ...(vcpuSeconds > 0 ? { vcpuSeconds } : {}), ...(periodMs > 0 ? { usdPerMonth: perMonth(usd, periodMs) } : {}), period: `observed, ${priced(prices)}${assumed}` };
  };
  const creep = memoryCreep(s, options.minCreepMb ?? 0.25);
  if (creep) out.push(creep);
  const slower = durationGrowth(s);
  if (slower) out.push(slower);
  if (s.timeouts > 0) {
    const wastedMs = s.timeoutWastedMs || s.timeouts * Math.max(0, s.duration.peak);
    out.push(createFinding({
      kind: 'timeout', severity: 'error', key, function: s.fn, source: 'logs',
      title: `${s.timeouts} invocation${s.timeouts === 1 ? '' : 's'} of ${s.fn} hit the timeout in sandbox ${s.sandbox}`,
      evidence: { sandbox: s.sandbox, timeouts: s.timeouts, wastedMs, summary: [`billed time wasted: ${(wastedMs / 1000).toFixed(1)} s`, ...s.samples.timeout] },
      advice: 'give every outbound call a timeout below the function timeout (AbortSignal.timeout), and stop waiting on work the response does not need',
      cost: money(wastedMs),
    }));
  }
  if (s.outOfMemory > 0) {
    out.push(createFinding({
      kind: 'out-of-memory', severity: 'error', key, function: s.fn, source: 'logs',
      title: `${s.fn} ran out of memory ${s.outOfMemory} time${s.outOfMemory === 1 ? '' : 's'} in sandbox ${s.sandbox}`,
      evidence: {
        sandbox: s.sandbox, kills: s.outOfMemory, memoryMb: s.memoryMb,
        ...(s.outOfMemoryWastedMs > 0 ? { wastedMs: s.outOfMemoryWastedMs } : {}),
        summary: [...(s.outOfMemoryWastedMs > 0 ? [`billed time of the killed invocations: ${(s.outOfMemoryWastedMs / 1000).toFixed(1)} s`] : []), ...s.samples['out-of-memory']],
      },
      advice: 'find what grows per invocation (leakwatch test, or the guard in production) before raising the memory size',
      ...(s.outOfMemoryWastedMs > 0 ? { cost: money(s.outOfMemoryWastedMs) } : {}),
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
  const fromGuard = s.memory.count < 6 && (s.guardHeap?.count ?? 0) >= 6;
  const series = fromGuard && s.guardHeap ? s.guardHeap : s.memory;
  if (series.count < 6) return undefined;
  if (!mayGrow(series.olsSlope('max'), minSlope)) return undefined;
  // Judged on at most SERIES_CAPACITY points: each invocation while the series is exact, else
  // buckets of neighbouring invocations (their maximum, at their middle invocation number).
  const points = series.points();
  const y = points.map((p) => p.max);
  const x = points.map((p) => p.index);
  const verdict = judgeTrend(y, { minSlope, warmup: 1, minPoints: 5, x, ranks: selectRanks });
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
  const last = series.last;
  const left = s.memoryMb > 0 ? stepsUntil(last, s.memoryMb, verdict.slope) : Infinity;
  const xs = fromGuard ? points.map((p) => p.index) : points.map((p) => p.x);
  const gap = !fromGuard && series.count > 1 && !Number.isNaN(s.firstTime) && !Number.isNaN(s.lastTime) ? (s.lastTime - s.firstTime) / (series.count - 1) : undefined;
  const eta = gap !== undefined && gap > 0 && Number.isFinite(left) ? `, about ${formatDuration(left * gap)}` : '';
  const key = `${s.fn}|${s.sandbox}`;
  const judgedOn = series.exact ? '' : ` (judged on ${points.length} buckets of neighbouring invocations)`;
  return createFinding({
    kind: 'memory-creep', severity: Number.isFinite(left) && left < 1000 ? 'error' : 'warning', key, function: s.fn, source: 'logs',
    title: `memory of ${s.fn} rises ${verdict.slope.toFixed(2)} MB per invocation in sandbox ${s.sandbox}`,
    evidence: {
      sandbox: s.sandbox, slope: verdict.slope, ciLow: verdict.ciLow, ciHigh: verdict.ciHigh, p: verdict.p, invocationsUntilLimit: left, invocations: series.count,
      summary: [
        `${fromGuard ? 'post-GC heap' : 'max memory used'} ${series.first.toFixed(0)} → ${last.toFixed(0)} MB of ${s.memoryMb} MB over ${series.count} invocations  ${sparkline(y)}${judgedOn}`,
        Number.isFinite(left) ? `reaches ${s.memoryMb} MB in ~${Math.ceil(left)} more invocations${eta}` : 'no projection (memory size unknown)',
      ],
      series: [{ label: `${fromGuard ? 'post-GC heap (guard)' : 'max memory used'}, ${s.sandbox}`, unit: 'MB', x: xs, y, trend: { slope: verdict.slope, intercept: verdict.intercept, ciLow: verdict.ciLow, ciHigh: verdict.ciHigh, p: verdict.p, from: verdict.from }, highlight: true }],
    },
    advice: 'something kept in module scope grows per invocation (a cache, an array, listeners); bound it or move it into the handler. Run leakwatch test on the handler to find the line.',
    ...(s.memoryMb > 0 ? { cost: { note: `the sandbox is killed for memory after ~${Math.ceil(left)} invocations; each kill costs a cold start` } } : {}),
  });
}

/** Duration per invocation grows steadily within one sandbox (not a swing with the workload). */
function durationGrowth(s: SandboxSeries): Finding | undefined {
  if (s.duration.count < 10) return undefined;
  // the effect that counts: over the whole run, a rise of half the early level (and ≥ 1 ms per invocation)
  const early = median(s.duration.means(1, Math.max(3, Math.ceil(s.duration.size / 10) + 1)));
  const minSlope = Math.max(1, (early * 0.5) / s.duration.count);
  if (!mayGrow(s.duration.olsSlope('mean'), minSlope)) return undefined;
  const points = s.duration.points();
  const y = points.map((p) => p.mean);
  const x = points.map((p) => p.index);
  const v = judgeTrend(y, { minSlope, warmup: 1, minPoints: 8, x, ranks: selectRanks });
  if (!v.growing || v.p > 0.01) return undefined;
  let rises = 0;
  for (let i = 2; i < y.length; i++) if ((y[i] ?? 0) > (y[i - 1] ?? 0)) rises++;
  if (rises < (y.length - 2) * 0.6) return undefined;
  return createFinding({
    kind: 'duration-growth', severity: 'warning', key: `${s.fn}|${s.sandbox}`, function: s.fn, source: 'logs',
    title: `duration of ${s.fn} grows ${v.slope.toFixed(1)} ms per invocation in sandbox ${s.sandbox}`,
    evidence: { sandbox: s.sandbox, slope: v.slope, p: v.p, invocations: s.duration.count, summary: [`duration ${Math.round(s.duration.first)} → ${Math.round(s.duration.last)} ms over ${s.duration.count} invocations  ${sparkline(y)}`] },
    advice: 'something done per invocation scales with what earlier invocations left behind (a growing list, listeners, timers); run leakwatch test to find it',
  });
}

/**
 * A linear-time screen before the quadratic trend judgement: the least-squares slope (see
 * BoundedSeries#olsSlope) must reach a quarter of the minimum effect. Flat sandboxes (most of a
 * fleet) stop here.
 */
function mayGrow(olsSlope: number, minSlope: number): boolean {
  return olsSlope >= minSlope / 4;
}

function formatDuration(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : h >= 1 ? `${h.toFixed(1)} h` : `${Math.ceil(ms / 60_000)} min`;
}

