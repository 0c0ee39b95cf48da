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
  if (n < 10 || memoryMb <= 256 || peak > memoryMb * 0.4) return [];
  const recommended = Math.max(128, Math.ceil((peak * 1.5) / 64) * 64);
  const wasted = gbSecondsOf(billedMs, memoryMb) - gbSecondsOf(billedMs, recommended);
  const usd = priceUsage(prices, { gbSeconds: wasted, requests: 0 });
  const periodMs = last - first;
  return [createFinding({
    kind: 'over-provisioned-memory', severity: 'info', key: fn, function: fn, source: 'logs',
    title: `${fn} is configured with ${memoryMb} MB but never used more than ${peak} MB`,
    evidence: { peakMb: peak, memoryMb, recommendedMb: recommended, invocations: n, summary: [`recommended memory size: ${recommended} MB (1.5 × peak); check that duration does not grow, CPU scales with memory`] },
    advice: `lower the memory size to about ${recommended} MB and compare durations`,
    cost: { usd, gbSeconds: wasted, period: `observed, priced ${prices.pricedAt}`, ...(periodMs > 0 ? { usdPerMonth: perMonth(usd, periodMs) } : {}) },
  })];
}
