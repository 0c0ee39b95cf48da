import { AWS_LAMBDA_PRICES, AZURE_FUNCTIONS_PRICES, GCP_FUNCTIONS_PRICES, gcpPrices } from '@leakwatch/core';
import type { PriceTable } from '@leakwatch/core';
import type { Platform } from './log-record.js';

const DEFAULTS: Record<Platform, PriceTable> = { aws: AWS_LAMBDA_PRICES, gcp: GCP_FUNCTIONS_PRICES, azure: AZURE_FUNCTIONS_PRICES };

/** The tables a user chose: at most one per provider (`--region`, `--price-date`, `--azure-plan`). */
export type ChosenPrices = PriceTable | readonly PriceTable[];

/**
 * The price table for a sandbox's platform: the table the user chose for that platform
 * (`--price-date` and `--region` pick AWS tables, a Google region name a Google tier, `--azure-plan`
 * an Azure plan); else, for Google, the tier of the region its log entries name; else the platform's
 * own default table. Google and Azure logs are never priced at AWS rates.
 *
 * @example
 * ```ts
 * pricesFor('gcp', lambdaPrices({ region: 'eu-west-1' })); // GCP_FUNCTIONS_PRICES
 * pricesFor('gcp', undefined, 'europe-west2'); // the Tier 2 table
 * pricesFor('aws', [lambdaPrices({ region: 'eu-west-1' }), AZURE_FLEX_CONSUMPTION_PRICES]); // the eu-west-1 Lambda table
 * ```
 */
export function pricesFor(platform: Platform, chosen: ChosenPrices | undefined, region?: string): PriceTable {
  const tables: readonly PriceTable[] = chosen === undefined ? [] : Array.isArray(chosen) ? chosen : [chosen as PriceTable];
  const mine = tables.find((t) => t.provider === platform);
  if (mine) return mine;
  if (platform === 'gcp' && region) return gcpPrices(region, true);
  return DEFAULTS[platform];
}
