import { AWS_LAMBDA_PRICES, createFinding, gbSecondsOf, perMonth, priceUsage } from '@leakwatch/core';
import type { Finding, PriceTable } from '@leakwatch/core';
import type { SandboxSeries } from './sandbox-series.js';

/**
 * Per-function detectors across its sandboxes: over-provisioned memory with a recommended size.
 *
 * @example
 * ```ts
 * detectFunction('orders', sandboxesOfOrders);
 * ```
 */
export function detectFunction(fn: string, sandboxes: readonly SandboxSeries[], prices: PriceTable = AWS_LAMBDA_PRICES): Finding[] {
  let peak = 0;
  let n = 0;
  let billedMs = 0;
  let memoryMb = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const s of sandboxes) {
    for (const m of s.maxMemoryMb) peak = Math.max(peak, m);
    n += s.maxMemoryMb.length;
    billedMs += s.billedMs;
    memoryMb = Math.max(memoryMb, s.memoryMb);
    if (s.firstTime !== undefined) first = Math.min(first, s.firstTime);
    if (s.lastTime !== undefined) last = Math.max(last, s.lastTime);
  }
  const out: Finding[] = [];
  const churn = coldStartChurn(fn, sandboxes, prices);
  if (churn) out.push(churn);
  if (n < 10 || memoryMb <= 256 || peak > memoryMb * 0.4) return out;
  const recommended = Math.max(128, Math.ceil((peak * 1.5) / 64) * 64);
  const wasted = gbSecondsOf(billedMs, memoryMb) - gbSecondsOf(billedMs, recommended);
  const usd = priceUsage(prices, { gbSeconds: wasted, requests: 0 });
  const periodMs = last - first;
  out.push(createFinding({
    kind: 'over-provisioned-memory', severity: 'info', key: fn, function: fn, source: 'logs',
    title: `${fn} is configured with ${memoryMb} MB but never used more than ${peak} MB`,
    evidence: { peakMb: peak, memoryMb, recommendedMb: recommended, invocations: n, summary: [`recommended memory size: ${recommended} MB (1.5 × peak); check that duration does not grow, CPU scales with memory`] },
    advice: `lower the memory size to about ${recommended} MB and compare durations`,
    cost: { usd, gbSeconds: wasted, period: `observed, priced ${prices.pricedAt}`, ...(periodMs > 0 ? { usdPerMonth: perMonth(usd, periodMs) } : {}) },
  }));
  return out;
}

/** Cold starts that follow kills (out-of-memory, timeouts): the platform replacing sandboxes the code broke. */
function coldStartChurn(fn: string, sandboxes: readonly SandboxSeries[], prices: PriceTable): Finding | undefined {
  let cold = 0;
  let kills = 0;
  let invocations = 0;
  let initGbSeconds = 0;
  for (const s of sandboxes) {
    cold += s.coldStarts;
    kills += s.outOfMemory + s.timeouts;
    invocations += s.invocations;
    initGbSeconds += gbSecondsOf(s.initMs, s.memoryMb);
  }
  if (kills === 0 || cold < 3 || cold < invocations * 0.2) return undefined;
  const usd = priceUsage(prices, { gbSeconds: initGbSeconds, requests: 0 });
  return createFinding({
    kind: 'cold-start-churn', severity: 'warning', key: fn, function: fn, source: 'logs',
    title: `${cold} of ${invocations} invocations of ${fn} were cold starts, after ${kills} kills`,
    evidence: { coldStarts: cold, kills, invocations, summary: [`sandboxes killed by timeouts or out-of-memory are replaced with cold ones; INIT is billed since ${prices.initBilledSince ?? 'n/a'}`] },
    advice: 'fix the timeouts and out-of-memory kills first; each one throws away a warm sandbox',
    cost: { usd, gbSeconds: initGbSeconds, period: `INIT time observed, priced ${prices.pricedAt}` },
  });
}
