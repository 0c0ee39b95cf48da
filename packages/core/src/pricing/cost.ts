import type { Architecture, Provider } from './table.js';
import { PRICES } from './table.js';

/** GB-seconds of `billedMs` at `memoryMb`. */
export function gbSeconds(memoryMb: number, billedMs: number): number {
  return (memoryMb / 1024) * (billedMs / 1000);
}

/**
 * USD for compute time. Waste is priced at the first tier's rate (what a function that is not
 * the account's only big spender pays at the margin is at most this).
 *
 * @example
 * ```ts
 * computeUsd('aws', 'x86_64', gbSeconds(1024, 900_000)); // 900 GB-s ≈ $0.015
 * ```
 */
export function computeUsd(provider: Provider, arch: Architecture, gbs: number): number {
  const prices = PRICES[provider];
  const tiers = prices.compute[arch] ?? prices.compute.x86_64 ?? [];
  return gbs * (tiers[0]?.usdPerGbSecond ?? 0);
}

/** Scales an observed amount to 30 days. Undefined when the period is too short to say (< 1 minute). */
export function perMonth(amount: number, periodMs: number): number | undefined {
  if (!(periodMs >= 60_000)) return undefined;
  return (amount * (30 * 24 * 3600 * 1000)) / periodMs;
}
