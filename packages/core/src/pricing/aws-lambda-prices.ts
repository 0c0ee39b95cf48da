import { UsageError } from '../errors.js';
import { AWS_LAMBDA_PRICES, type PriceTable } from './price-table.js';

const X86_TIERS = [6e9, 15e9, Infinity];
const ARM_TIERS = [7.5e9, 18.75e9, Infinity];
/** the tier discounts since August 2022: 0 %, 10 %, 20 % (Compute Blog, "Introducing tiered pricing for AWS Lambda") */
const TIER_FACTORS = [1, 0.9, 0.8];

function tiered(bounds: number[], usd: number, withTiers: boolean): Array<{ upTo: number; usd: number }> {
  if (!withTiers) return [{ upTo: Infinity, usd }];
  return bounds.map((upTo, i) => ({ upTo, usd: Math.round(usd * (TIER_FACTORS[i] ?? 1) * 1e10) / 1e10 }));
}

/**
 * AWS Lambda's on-demand prices in us-east-1 over time, oldest first; each applies from its
 * `effectiveFrom` until the next. Sources: 1 ms billing (AWS News Blog, 2020-12-01); Graviton2
 * arm64 at $0.0000133334 (AWS News Blog, 2021-09-29); tiered pricing (AWS Compute Blog,
 * "Introducing tiered pricing for AWS Lambda", August 2022; The Register, 2022-08-08); INIT billed
 * for all functions from 2025-08-01 (AWS Compute Blog, 2025-04-29). Requests: $0.20 per million
 * throughout. Before 2020-12-01 Lambda billed in 100 ms steps, which is not modelled.
 *
 * @example
 * ```ts
 * AWS_LAMBDA_PRICE_HISTORY.map((t) => t.effectiveFrom); // ['2020-12-01', '2021-09-29', '2022-08-01', '2025-08-01']
 * ```
 */
export const AWS_LAMBDA_PRICE_HISTORY: readonly PriceTable[] = [
  {
    provider: 'aws', pricedAt: '2026-01-15', effectiveFrom: '2020-12-01', region: 'us-east-1',
    source: 'https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/ (x86 only; arm64 did not exist yet and is priced as x86)',
    gbSecond: { x86_64: tiered(X86_TIERS, 0.0000166667, false), arm64: tiered(ARM_TIERS, 0.0000166667, false) },
    request: 0.2 / 1e6,
  },
  {
    provider: 'aws', pricedAt: '2026-01-15', effectiveFrom: '2021-09-29', region: 'us-east-1',
    source: 'https://aws.amazon.com/blogs/aws/aws-lambda-functions-powered-by-aws-graviton2-processor-run-your-functions-on-arm-and-get-up-to-34-better-price-performance/',
    gbSecond: { x86_64: tiered(X86_TIERS, 0.0000166667, false), arm64: tiered(ARM_TIERS, 0.0000133334, false) },
    request: 0.2 / 1e6,
  },
  {
    provider: 'aws', pricedAt: '2026-01-15', effectiveFrom: '2022-08-01', region: 'us-east-1',
    source: 'https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/',
    gbSecond: AWS_LAMBDA_PRICES.gbSecond,
    request: 0.2 / 1e6,
  },
  AWS_LAMBDA_PRICES,
];

/**
 * Regions whose Lambda prices differ from us-east-1's (x86 per GB-s, arm64 per GB-s, per request).
 * af-south-1 and eu-south-1 were read from the pricing page's region selector
 * (https://aws.amazon.com/lambda/pricing/, 2026-01); on 2026-11-29 all of them were checked against
 * copies of the AWS pricing calculator's feed
 * (https://calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json, as the
 * remotion Lambda price table and artillery's `prices.js` carry it) and a Price List API summary
 * published 2026-09-19; af-south-1's arm64 rate is 0.00001768 (it read 0.0000177 before). Every
 * other commercial region in {@link AWS_STANDARD_REGIONS} is priced like us-east-1. Tier discounts
 * apply to these rates in the same proportions (10 %, 20 %).
 *
 * @example
 * ```ts
 * AWS_LAMBDA_REGIONAL_PRICES['af-south-1']?.request; // 0.27 / 1e6
 * ```
 */
export const AWS_LAMBDA_REGIONAL_PRICES: Readonly<Record<string, { x86_64: number; arm64: number; request: number }>> = {
  'af-south-1': { x86_64: 0.0000221, arm64: 0.00001768, request: 0.27 / 1e6 },
  'ap-east-1': { x86_64: 0.00002292, arm64: 0.0000183, request: 0.28 / 1e6 },
  'eu-central-2': { x86_64: 0.0000183334, arm64: 0.0000146667, request: 0.22 / 1e6 },
  'eu-south-1': { x86_64: 0.0000195172, arm64: 0.0000156138, request: 0.23 / 1e6 },
  'me-central-1': { x86_64: 0.0000206667, arm64: 0.0000165334, request: 0.25 / 1e6 },
  'me-south-1': { x86_64: 0.0000206667, arm64: 0.0000165334, request: 0.25 / 1e6 },
  // cheaper than us-east-1 (Malaysia); one copy of the calculator feed lists it
  'ap-southeast-5': { x86_64: 0.000015, arm64: 0.000012, request: 0.18 / 1e6 },
};

/**
 * Commercial regions priced like us-east-1 (same GB-second and request prices). Regions in neither
 * list (il-central-1, ap-southeast-7, mx-central-1, …) have no verified figures yet and are refused
 * rather than guessed.
 *
 * @example
 * ```ts
 * AWS_STANDARD_REGIONS.includes('eu-west-1'); // true
 * ```
 */
export const AWS_STANDARD_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-4', 'ap-south-1',
];

/** What to price with: a day (the table in effect then) and a region. */
export interface LambdaPriceQuery {
  /** yyyy-mm-dd; default: the latest table */
  date?: string;
  /** an AWS region; default us-east-1 */
  region?: string;
}

/**
 * The AWS Lambda price table in effect on a day, for a region. Throws a `UsageError` (code
 * `LW_PRICE_DATE` or `LW_PRICE_REGION`) for a malformed date, a date before the earliest table, or a
 * region without known prices.
 *
 * @example
 * ```ts
 * lambdaPrices({ date: '2022-01-15' }).gbSecond.arm64; // [{ upTo: Infinity, usd: 0.0000133334 }] (before tiers)
 * lambdaPrices({ region: 'af-south-1' }).request; // 0.27 / 1e6
 * ```
 */
export function lambdaPrices(query: LambdaPriceQuery = {}): PriceTable {
  const history = AWS_LAMBDA_PRICE_HISTORY;
  let table = history[history.length - 1] as PriceTable;
  if (query.date !== undefined) {
    if (!/^\d{4}-\d\d-\d\d$/.test(query.date) || Number.isNaN(Date.parse(query.date))) {
      throw new UsageError(`'${query.date}' is not a date (yyyy-mm-dd)`, {}, 'LW_PRICE_DATE');
    }
    const inEffect = history.filter((t) => (t.effectiveFrom ?? '') <= (query.date ?? ''));
    const found = inEffect[inEffect.length - 1];
    if (!found) {
      throw new UsageError(`${query.date} is before the earliest AWS Lambda price table (${history[0]?.effectiveFrom}; before it Lambda billed in 100 ms steps)`, {}, 'LW_PRICE_DATE');
    }
    table = found;
  }
  const region = query.region ?? 'us-east-1';
  if (AWS_STANDARD_REGIONS.includes(region)) return region === table.region ? table : { ...table, region };
  const regional = AWS_LAMBDA_REGIONAL_PRICES[region];
  if (!regional) {
    const known = [...AWS_STANDARD_REGIONS, ...Object.keys(AWS_LAMBDA_REGIONAL_PRICES)].sort().join(', ');
    throw new UsageError(`no AWS Lambda prices for region '${region}' (known: ${known})`, {}, 'LW_PRICE_REGION');
  }
  // scale the dated us-east-1 table by the region's base rates: same tiers, same dates
  const base = history[history.length - 1] as PriceTable;
  const scale = (arch: 'x86_64' | 'arm64'): Array<{ upTo: number; usd: number }> => {
    const ratio = regional[arch] / (base.gbSecond[arch][0]?.usd ?? 1);
    return table.gbSecond[arch].map((t) => ({ upTo: t.upTo, usd: Math.round(t.usd * ratio * 1e10) / 1e10 }));
  };
  return {
    ...table, region, request: regional.request,
    source: `${table.source}; ${region} rates from https://aws.amazon.com/lambda/pricing/ (the AWS pricing calculator's feed, checked 2026-11-29)`,
    gbSecond: { x86_64: scale('x86_64'), arm64: scale('arm64') },
  };
}
