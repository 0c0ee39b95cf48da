/**
 * Dated pricing table. Prices are list prices in USD for the cheapest common region
 * (AWS us-east-1, Google us-central1 tier 1, Azure East US), as published on the providers'
 * pricing pages on the date in `pricedAt`. Update the figures and the date together.
 */
export type Provider = 'aws' | 'gcp' | 'azure';
export type Architecture = 'x86_64' | 'arm64';

export interface PriceTier {
  /** GB-seconds per month up to which this price applies (cumulative); Infinity for the last tier */
  upToGbSeconds: number;
  usdPerGbSecond: number;
}

export interface ProviderPrices {
  provider: Provider;
  /** compute price tiers by architecture */
  compute: Partial<Record<Architecture, PriceTier[]>>;
  /** USD per request / execution */
  usdPerRequest: number;
  /** the INIT phase is billed like invocation time (AWS: since 1 August 2025) */
  initBilled: boolean;
  source: string;
}

export const PRICED_AT = '2026-11-01';

export const PRICES: Record<Provider, ProviderPrices> = {
  aws: {
    provider: 'aws',
    compute: {
      // aws.amazon.com/lambda/pricing: first 6 billion GB-s/month, next 9 billion, over 15 billion
      x86_64: [
        { upToGbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
        { upToGbSeconds: 15e9, usdPerGbSecond: 0.000015 },
        { upToGbSeconds: Infinity, usdPerGbSecond: 0.0000133334 },
      ],
      arm64: [
        { upToGbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
        { upToGbSeconds: 18.75e9, usdPerGbSecond: 0.0000120001 },
        { upToGbSeconds: Infinity, usdPerGbSecond: 0.0000106667 },
      ],
    },
    usdPerRequest: 0.2 / 1e6,
    // "Beginning August 1, 2025, AWS will bill the INIT phase for on-demand functions" (AWS Compute Blog, April 2025)
    initBilled: true,
    source: 'https://aws.amazon.com/lambda/pricing/ (us-east-1), INIT billing from 2025-08-01',
  },
  gcp: {
    provider: 'gcp',
    compute: {
      // cloud.google.com/functions/pricing (Cloud Run functions, tier 1): $0.0000025 per GB-s memory
      // plus $0.0000100 per GHz-s CPU; expressed per GB-s at the default 1 GB : 1.4 GHz ratio
      x86_64: [{ upToGbSeconds: Infinity, usdPerGbSecond: 0.0000025 + 0.00001 * 1.4 }],
    },
    usdPerRequest: 0.4 / 1e6,
    initBilled: false,
    source: 'https://cloud.google.com/functions/pricing (tier 1)',
  },
  azure: {
    provider: 'azure',
    compute: {
      // azure.microsoft.com/pricing/details/functions: Consumption plan $0.000016 per GB-s
      x86_64: [{ upToGbSeconds: Infinity, usdPerGbSecond: 0.000016 }],
    },
    usdPerRequest: 0.2 / 1e6,
    initBilled: false,
    source: 'https://azure.microsoft.com/pricing/details/functions/ (Consumption)',
  },
};
