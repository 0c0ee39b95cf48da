import { AWS_LAMBDA_PRICES, AZURE_FUNCTIONS_PRICES, GCP_FUNCTIONS_PRICES } from '@leakwatch/core';
import type { PriceTable } from '@leakwatch/core';
import type { Platform } from './log-record.js';

const DEFAULTS: Record<Platform, PriceTable> = { aws: AWS_LAMBDA_PRICES, gcp: GCP_FUNCTIONS_PRICES, azure: AZURE_FUNCTIONS_PRICES };

/**
 * The price table for a sandbox's platform: the table the user chose when it is that platform's
 * (`--price-date` and `--region` pick AWS tables), else the platform's own table. Google and Azure
 * logs are never priced at AWS rates.
 *
 * @example
 * ```ts
 * pricesFor('gcp', lambdaPrices({ region: 'eu-west-1' })); // GCP_FUNCTIONS_PRICES
 * pricesFor('aws', lambdaPrices({ region: 'eu-west-1' })); // the eu-west-1 Lambda table
 * ```
 */
export function pricesFor(platform: Platform, chosen: PriceTable | undefined): PriceTable {
  return chosen && chosen.provider === platform ? chosen : DEFAULTS[platform];
}
