import { UsageError } from '../errors.js';
import { GCP_FUNCTIONS_PRICES, GCP_FUNCTIONS_PRICES_TIER2, type PriceTable } from './price-table.js';

/**
 * Cloud Run (and Cloud Run functions, 2nd gen) regions by price tier, from the Cloud Run locations
 * page (https://cloud.google.com/run/docs/locations, read 2026-11-29). Cloud Functions 1st gen tiers
 * differ for two regions (asia-east2 and europe-west2 are Tier 1 there); leakwatch prices with the
 * Cloud Run functions tables.
 *
 * @example
 * ```ts
 * GCP_TIER1_REGIONS.includes('us-central1'); // true
 * ```
 */
export const GCP_TIER1_REGIONS: readonly string[] = [
  'asia-east1', 'asia-northeast1', 'asia-northeast2', 'europe-north1', 'europe-southwest1', 'europe-west1', 'europe-west4',
  'europe-west8', 'europe-west9', 'me-west1', 'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1',
];

/** Tier 2 regions of the same page. */
export const GCP_TIER2_REGIONS: readonly string[] = [
  'africa-south1', 'asia-east2', 'asia-northeast3', 'asia-southeast1', 'asia-southeast2', 'asia-south1', 'asia-south2',
  'australia-southeast1', 'australia-southeast2', 'europe-central2', 'europe-west10', 'europe-west12', 'europe-west2',
  'europe-west3', 'europe-west6', 'me-central1', 'me-central2', 'northamerica-northeast1', 'northamerica-northeast2',
  'southamerica-east1', 'southamerica-west1', 'us-west2', 'us-west3', 'us-west4',
];

/**
 * True for a Google Cloud region name (`europe-west2`), as opposed to an AWS one (`eu-west-2`).
 *
 * @example
 * ```ts
 * isGcpRegion('europe-west2'); // true
 * isGcpRegion('eu-west-2'); // false
 * ```
 */
export function isGcpRegion(region: string): boolean {
  return GCP_TIER1_REGIONS.includes(region) || GCP_TIER2_REGIONS.includes(region);
}

/**
 * The Cloud Run functions price table of a region's tier, with the region named on it. Throws a
 * `UsageError` (code `LW_PRICE_REGION`) for a region on neither list, unless `lenient`, which
 * gives the Tier 1 table (the lower prices) for it: what the analyzer does with a region a log
 * entry names.
 *
 * @example
 * ```ts
 * gcpPrices('europe-west2').vcpuSecond?.usd; // 0.0000336 (Tier 2)
 * gcpPrices('us-central1').vcpuSecond?.usd; // 0.000024 (Tier 1)
 * ```
 */
export function gcpPrices(region: string, lenient = false): PriceTable {
  if (GCP_TIER2_REGIONS.includes(region)) return { ...GCP_FUNCTIONS_PRICES_TIER2, region, product: `Google Cloud Run functions (Tier 2, ${region})` };
  if (GCP_TIER1_REGIONS.includes(region)) return { ...GCP_FUNCTIONS_PRICES, region, product: `Google Cloud Run functions (Tier 1, ${region})` };
  if (lenient) return { ...GCP_FUNCTIONS_PRICES, region, product: `Google Cloud Run functions (Tier 1; ${region} is on neither tier list)` };
  throw new UsageError(`no Google Cloud Run functions prices for region '${region}' (known: ${[...GCP_TIER1_REGIONS, ...GCP_TIER2_REGIONS].sort().join(', ')})`, {}, 'LW_PRICE_REGION');
}
