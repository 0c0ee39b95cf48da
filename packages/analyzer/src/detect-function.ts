import { AWS_LAMBDA_PRICES, createFinding, gbSecondsOf, perMonth, priceUsage } from '@leakwatch/core';
import type { Finding, PriceTable } from '@leakwatch/core';
import type { FunctionTotals } from './function-totals.js';
import { priced } from './priced.js';

/**
 * Per-function detectors across its sandboxes: over-provisioned memory with a recommended size.
 *
 * @example
 * ```ts
 * detectFunction(totalsOfOrders); // totals folded from each judged sandbox (addSandboxTotals)
 * ```
 */
export function detectFunction(t: FunctionTotals, prices: PriceTable = AWS_LAMBDA_PRICES): Finding[] {
  const { fn, peakMb: peak, reports: n, memoryMb, first, last } = t;
  const billedMs = t.billedMs + (prices.initBilledSince ? t.initMs : 0);
  const out: Finding[] = [];
  const churn = coldStartChurn(t, prices);
  if (churn) out.push(churn);
  if (n < 10 || memoryMb <= 256 || peak > memoryMb * 0.4) return out;
  const recommended = Math.max(128, Math.ceil((peak * 1.5) / 64) * 64);
  const wasted = gbSecondsOf(billedMs, memoryMb) - gbSecondsOf(billedMs, recommended);
  const usd = priceUsage(prices, { gbSeconds: wasted, requests: 0 });
  const periodMs = Number.isFinite(last - first) ? last - first : 0;
  out.push(createFinding({
    kind: 'over-provisioned-memory', severity: 'info', key: fn, function: fn, source: 'logs',
    title: `${fn} is configured with ${memoryMb} MB but never used more than ${peak} MB`,
    evidence: { peakMb: peak, memoryMb, recommendedMb: recommended, invocations: n, summary: [`recommended memory size: ${recommended} MB (1.5 × peak); check that duration does not grow, CPU scales with memory`] },
    advice: `lower the memory size to about ${recommended} MB and compare durations`,
    cost: { usd, gbSeconds: wasted, period: `observed, ${priced(prices)}`, ...(periodMs > 0 ? { usdPerMonth: perMonth(usd, periodMs) } : {}) },
  }));
  return out;
}

/** Cold starts that follow kills (out-of-memory, timeouts): the platform replacing sandboxes the code broke. */
function coldStartChurn(t: FunctionTotals, prices: PriceTable): Finding | undefined {
  const { fn, coldStarts: cold, kills, invocations, initGbSeconds } = t;
  if (kills === 0 || cold < 3 || cold < invocations * 0.2) return undefined;
  const billed = prices.initBilledSince !== undefined;
  const usd = billed ? priceUsage(prices, { gbSeconds: initGbSeconds, requests: 0 }) : 0;
  return createFinding({
    kind: 'cold-start-churn', severity: 'warning', key: fn, function: fn, source: 'logs',
    title: `${cold} of ${invocations} invocations of ${fn} were cold starts, after ${kills} kills`,
    evidence: { coldStarts: cold, kills, invocations, summary: [`sandboxes killed by timeouts or out-of-memory are replaced with cold ones; ${billed ? `INIT is billed since ${prices.initBilledSince}` : `INIT was not billed under the prices in effect from ${prices.effectiveFrom ?? prices.pricedAt}`}`] },
    advice: 'fix the timeouts and out-of-memory kills first; each one throws away a warm sandbox',
    cost: { usd, gbSeconds: initGbSeconds, period: `INIT time observed, ${priced(prices)}` },
  });
}

