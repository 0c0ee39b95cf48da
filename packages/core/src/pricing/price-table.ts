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
  /**
   * CPU billed apart from memory (Google): USD per vCPU-second, and the vCPUs a memory size gets
   * (the first step whose `upToMb` holds the memory size).
   */
  vcpuSecond?: { usd: number; byMemoryMb: Array<{ upToMb: number; vcpu: number }> };
  /** the memory size to assume when the logs do not say it (Google and Azure lines carry none) */
  defaultMemoryMb?: number;
  /** the product, for the text that says how a cost was priced */
  product?: string;
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
 * Google Cloud Run functions (Tier 1 regions, request-based billing) from
 * https://cloud.google.com/run/pricing (read 2026-01): $0.0000025 per GiB-second of memory, $0.000024
 * per vCPU-second, $0.40 per million requests. The vCPUs follow the memory size as the functions
 * documentation tabulates them ("Configure memory and vCPU limits": 128 MiB .083 vCPU … 2 GiB 1 vCPU,
 * 4 and 8 GiB 2 vCPU, 16 GiB 4, 32 GiB 8); the default memory size is 256 MiB.
 *
 * @example
 * ```ts
 * GCP_FUNCTIONS_PRICES.request * 1e6; // 0.4
 * ```
 */
export const GCP_FUNCTIONS_PRICES: PriceTable = {
  provider: 'gcp',
  pricedAt: '2026-01-15',
  product: 'Google Cloud Run functions (Tier 1)',
  source: 'https://cloud.google.com/run/pricing (Tier 1, request-based); vCPU per memory size: https://cloud.google.com/functions/docs/configuring/memory',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.0000025 }], arm64: [{ upTo: Infinity, usd: 0.0000025 }] },
  request: 0.4 / 1e6,
  vcpuSecond: {
    usd: 0.000024,
    byMemoryMb: [
      { upToMb: 128, vcpu: 0.083 }, { upToMb: 256, vcpu: 0.167 }, { upToMb: 512, vcpu: 0.333 }, { upToMb: 1024, vcpu: 0.583 },
      { upToMb: 2048, vcpu: 1 }, { upToMb: 8192, vcpu: 2 }, { upToMb: 16384, vcpu: 4 }, { upToMb: Infinity, vcpu: 8 },
    ],
  },
  defaultMemoryMb: 256,
};

/**
 * Azure Functions Consumption plan from https://azure.microsoft.com/pricing/details/functions/
 * (read 2026-01): $0.000016 per GB-s, $0.20 per million executions. Azure bills the memory a run
 * used, rounded up to 128 MB; its logs do not say it, so 128 MB (the least billed) is assumed.
 *
 * @example
 * ```ts
 * AZURE_FUNCTIONS_PRICES.gbSecond.x86_64[0]?.usd; // 0.000016
 * ```
 */
export const AZURE_FUNCTIONS_PRICES: PriceTable = {
  provider: 'azure',
  pricedAt: '2026-01-15',
  product: 'Azure Functions Consumption',
  source: 'https://azure.microsoft.com/pricing/details/functions/ (Consumption)',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.000016 }], arm64: [{ upTo: Infinity, usd: 0.000016 }] },
  request: 0.2 / 1e6,
  defaultMemoryMb: 128,
};
