import type { PriceTable } from '@leakwatch/core';

/**
 * How a cost was priced, for `cost.period`: the table's product or region, the day its prices took effect, and
 * when they were read.
 *
 * @example
 * ```ts
 * priced(AWS_LAMBDA_PRICES); // 'priced with us-east-1 prices in effect from 2025-08-01 (read 2026-01-15)'
 * priced(GCP_FUNCTIONS_PRICES); // 'priced with Google Cloud Run functions (Tier 1) prices read 2026-01-15'
 * ```
 */
export function priced(prices: PriceTable): string {
  const region = prices.product ? `${prices.product} ` : prices.region ? `${prices.region} ` : '';
  return prices.effectiveFrom
    ? `priced with ${region}prices in effect from ${prices.effectiveFrom} (read ${prices.pricedAt})`
    : `priced with ${region}prices read ${prices.pricedAt}`;
}
