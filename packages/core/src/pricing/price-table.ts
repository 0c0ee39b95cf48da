/** One dated price list for one provider. Data only: figures with their source and date. */
export interface PriceTable {
  provider: 'aws' | 'gcp' | 'azure';
  /** the date the figures were read from `source` (ISO yyyy-mm-dd) */
  pricedAt: string;
  /** the first day these prices applied (ISO yyyy-mm-dd), when known */
  effectiveFrom?: string;
  /** the region the prices are for, when they differ by region */
  region?: string;
  source: string;
  /** USD per GB-second by architecture, as tiers of monthly GB-seconds (upTo = Infinity for the last) */
  gbSecond: Record<'x86_64' | 'arm64', Array<{ upTo: number; usd: number }>>;
  /** USD per request */
  request: number;
  /** since when INIT time is billed like invocation time (AWS: 2025-08-01) */
  initBilledSince?: string;
}

/**
 * AWS Lambda, us-east-1, from https://aws.amazon.com/lambda/pricing/ (read 2026-01; INIT phase billed
 * for all functions since 2025-08-01, announced on the AWS Compute Blog 2025-04-29).
 *
 * @example
 * ```ts
 * AWS_LAMBDA_PRICES.gbSecond.x86_64[0]?.usd; // 0.0000166667
 * ```
 */
export const AWS_LAMBDA_PRICES: PriceTable = {
  provider: 'aws',
  pricedAt: '2026-01-15',
  effectiveFrom: '2025-08-01',
  region: 'us-east-1',
  source: 'https://aws.amazon.com/lambda/pricing/ (us-east-1)',
  gbSecond: {
    x86_64: [
      { upTo: 6e9, usd: 0.0000166667 },
      { upTo: 15e9, usd: 0.000015 },
      { upTo: Infinity, usd: 0.0000133334 },
    ],
    arm64: [
      { upTo: 7.5e9, usd: 0.0000133334 },
      { upTo: 18.75e9, usd: 0.0000120001 },
      { upTo: Infinity, usd: 0.0000106667 },
    ],
  },
  request: 0.2 / 1e6,
  initBilledSince: '2025-08-01',
};

/**
 * Google Cloud Run functions (gen2, Tier 1, request-based billing) from
 * https://cloud.google.com/run/pricing (read 2026-01): $0.0000025 per GiB-s memory (CPU billed
 * separately, not priced here), $0.40 per million requests.
 *
 * @example
 * ```ts
 * GCP_FUNCTIONS_PRICES.request * 1e6; // 0.4
 * ```
 */
export const GCP_FUNCTIONS_PRICES: PriceTable = {
  provider: 'gcp',
  pricedAt: '2026-01-15',
  source: 'https://cloud.google.com/run/pricing (Tier 1, memory only)',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.0000025 }], arm64: [{ upTo: Infinity, usd: 0.0000025 }] },
  request: 0.4 / 1e6,
};

/**
 * Azure Functions Consumption plan from https://azure.microsoft.com/pricing/details/functions/
 * (read 2026-01): $0.000016 per GB-s, $0.20 per million executions.
 *
 * @example
 * ```ts
 * AZURE_FUNCTIONS_PRICES.gbSecond.x86_64[0]?.usd; // 0.000016
 * ```
 */
export const AZURE_FUNCTIONS_PRICES: PriceTable = {
  provider: 'azure',
  pricedAt: '2026-01-15',
  source: 'https://azure.microsoft.com/pricing/details/functions/ (Consumption)',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.000016 }], arm64: [{ upTo: Infinity, usd: 0.000016 }] },
  request: 0.2 / 1e6,
};
