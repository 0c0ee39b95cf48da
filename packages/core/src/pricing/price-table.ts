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
 * Google Cloud Run functions in Tier 2 regions (request-based billing): $0.0000035 per GiB-second,
 * $0.0000336 per vCPU-second, $0.40 per million requests (the same as Tier 1), vCPUs per memory size
 * as in Tier 1. Checked 2026-11-29 against the rates firebase-tools copies from the Cloud Run and
 * functions pricing pages (`V2_RATES`, tier 2) and a Tier 2 region's published figures; the official
 * page's text stored here stops after Tier 1's vCPU price. {@link gcpPrices} picks the tier by region.
 *
 * @example
 * ```ts
 * GCP_FUNCTIONS_PRICES_TIER2.vcpuSecond?.usd; // 0.0000336
 * ```
 */
export const GCP_FUNCTIONS_PRICES_TIER2: PriceTable = {
  ...GCP_FUNCTIONS_PRICES,
  pricedAt: '2026-11-29',
  product: 'Google Cloud Run functions (Tier 2)',
  source: 'https://cloud.google.com/run/pricing (Tier 2, request-based); regions by tier: https://cloud.google.com/run/docs/locations',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.0000035 }], arm64: [{ upTo: Infinity, usd: 0.0000035 }] },
  vcpuSecond: { usd: 0.0000336, byMemoryMb: GCP_FUNCTIONS_PRICES.vcpuSecond?.byMemoryMb ?? [] },
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

/**
 * Azure Functions Flex Consumption plan, on-demand (East US, USD): $0.000026 per GB-second of the
 * instance memory while executions run, $0.40 per million executions. Checked 2026-11-29 against
 * two readings of the Azure Retail Prices API (eastus; one verified live 2026-07-30) and the pricing
 * guide of 2025-05-22; the official page's figures are filled in by script and were not readable
 * here. Flex bills the instance memory size (512, 2048 or 4096 MB; 2048 is the default), with at
 * least 1,000 ms per execution. The always-ready baseline ($0.000004 per GB-second) is paid whether
 * or not anything leaks, so it is not part of any waste.
 *
 * @example
 * ```ts
 * AZURE_FLEX_CONSUMPTION_PRICES.request * 1e6; // 0.4
 * ```
 */
export const AZURE_FLEX_CONSUMPTION_PRICES: PriceTable = {
  provider: 'azure',
  pricedAt: '2026-11-29',
  region: 'eastus',
  product: 'Azure Functions Flex Consumption (on demand)',
  source: 'https://azure.microsoft.com/pricing/details/functions/ (Flex Consumption, on demand; Azure Retail Prices API, eastus)',
  gbSecond: { x86_64: [{ upTo: Infinity, usd: 0.000026 }], arm64: [{ upTo: Infinity, usd: 0.000026 }] },
  request: 0.4 / 1e6,
  defaultMemoryMb: 2048,
};
