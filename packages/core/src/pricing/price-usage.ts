import type { PriceTable } from './price-table.js';

/** Usage to price: GB-seconds and requests over a period (and vCPU-seconds where CPU is billed apart). */
export interface Usage {
  gbSeconds: number;
  requests: number;
  /** priced only by tables that bill CPU apart (`vcpuSecond`) */
  vcpuSeconds?: number;
  architecture?: 'x86_64' | 'arm64';
  /** GB-seconds already used this month before this usage (selects the tier); default 0 */
  monthlyGbSecondsBefore?: number;
}

/**
 * Prices usage with a table's tiers. Pure arithmetic, no I/O.
 *
 * @example
 * ```ts
 * priceUsage(AWS_LAMBDA_PRICES, { gbSeconds: 1000, requests: 1e6 }); // 0.0166667 + 0.2
 * ```
 */
export function priceUsage(table: PriceTable, usage: Usage): number {
  const tiers = table.gbSecond[usage.architecture ?? 'x86_64'];
  let start = usage.monthlyGbSecondsBefore ?? 0;
  let left = usage.gbSeconds;
  let usd = 0;
  for (const tier of tiers) {
    if (left <= 0) break;
    if (start >= tier.upTo) continue;
    const take = Math.min(left, tier.upTo - start);
    usd += take * tier.usd;
    left -= take;
    start += take;
  }
  return usd + usage.requests * table.request + (table.vcpuSecond ? (usage.vcpuSeconds ?? 0) * table.vcpuSecond.usd : 0);
}

/**
 * vCPU-seconds of a run under a table that bills CPU apart (Google: the vCPUs follow the memory
 * size); 0 under the others.
 *
 * @example
 * ```ts
 * vcpuSecondsOf(GCP_FUNCTIONS_PRICES, 1000, 2048); // 1
 * vcpuSecondsOf(AWS_LAMBDA_PRICES, 1000, 2048); // 0
 * ```
 */
export function vcpuSecondsOf(table: PriceTable, ms: number, memoryMb: number): number {
  const steps = table.vcpuSecond?.byMemoryMb;
  if (!steps) return 0;
  const step = steps.find((s) => memoryMb <= s.upToMb) ?? steps[steps.length - 1];
  return (ms / 1000) * (step?.vcpu ?? 0);
}

/**
 * GB-seconds of one invocation: billed milliseconds times configured memory.
 *
 * @example
 * ```ts
 * gbSecondsOf(1000, 1024); // 1
 * ```
 */
export function gbSecondsOf(billedMs: number, memoryMb: number): number {
  return (billedMs / 1000) * (memoryMb / 1024);
}

/**
 * Scales an amount seen over `periodMs` to 30 days.
 *
 * @example
 * ```ts
 * perMonth(1, 86_400_000); // 30
 * ```
 */
export function perMonth(amount: number, periodMs: number): number {
  if (!(periodMs > 0)) return amount;
  return (amount * 30 * 86_400_000) / periodMs;
}
