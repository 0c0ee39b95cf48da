import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors.js';
import { AWS_LAMBDA_PRICE_HISTORY, AWS_LAMBDA_REGIONAL_PRICES, lambdaPrices } from './aws-lambda-prices.js';
import { AWS_LAMBDA_PRICES } from './price-table.js';
import { priceUsage } from './price-usage.js';

describe('lambdaPrices: the dated table in effect, per region', () => {
  it('is the latest us-east-1 table by default', () => {
    expect(lambdaPrices()).toBe(AWS_LAMBDA_PRICES);
    expect(AWS_LAMBDA_PRICE_HISTORY.map((t) => t.effectiveFrom)).toEqual(['2020-12-01', '2021-09-29', '2022-08-01', '2025-08-01']);
  });
  it('picks the table in effect on a day: on its first day, and up to the day before the next', () => {
    expect(lambdaPrices({ date: '2020-12-01' }).effectiveFrom).toBe('2020-12-01');
    expect(lambdaPrices({ date: '2021-09-28' }).gbSecond.arm64).toEqual([{ upTo: Infinity, usd: 0.0000166667 }]);
    expect(lambdaPrices({ date: '2021-09-29' }).gbSecond.arm64).toEqual([{ upTo: Infinity, usd: 0.0000133334 }]);
    // no tiers before August 2022: 10 billion GB-s at the single rate
    expect(priceUsage(lambdaPrices({ date: '2022-07-31' }), { gbSeconds: 1e10, requests: 0 })).toBeCloseTo(1e10 * 0.0000166667, 0);
    expect(priceUsage(lambdaPrices({ date: '2022-08-01' }), { gbSeconds: 1e10, requests: 0 })).toBeCloseTo(6e9 * 0.0000166667 + 4e9 * 0.000015, 0);
    // INIT is billed only from 2025-08-01
    expect(lambdaPrices({ date: '2025-07-31' }).initBilledSince).toBeUndefined();
    expect(lambdaPrices({ date: '2025-08-01' }).initBilledSince).toBe('2025-08-01');
  });
  it('refuses a day before the earliest table, and a malformed day, with a typed error', () => {
    for (const date of ['2019-06-30', '2026-13-45', 'yesterday']) {
      let error: unknown;
      try {
        lambdaPrices({ date });
      } catch (e) {
        error = e;
      }
      expect(isLeakwatchError(error) && error.code).toBe('LW_PRICE_DATE');
    }
    expect(() => lambdaPrices({ date: '2019-06-30' })).toThrow(/before the earliest AWS Lambda price table \(2020-12-01/);
  });
  it('prices standard regions like us-east-1 and the others at their own rates, tiers scaled alike', () => {
    expect(lambdaPrices({ region: 'eu-west-1' }).gbSecond).toEqual(AWS_LAMBDA_PRICES.gbSecond);
    expect(lambdaPrices({ region: 'eu-west-1' }).region).toBe('eu-west-1');
    const cape = lambdaPrices({ region: 'af-south-1' });
    expect(cape.request).toBeCloseTo(0.27 / 1e6, 12);
    expect(cape.gbSecond.x86_64[0]?.usd).toBeCloseTo(AWS_LAMBDA_REGIONAL_PRICES['af-south-1']?.x86_64 ?? 0, 10);
    expect(cape.gbSecond.x86_64[2]?.usd).toBeCloseTo(0.0000221 * 0.8, 9);
    expect(cape.source).toContain('af-south-1');
    expect(lambdaPrices({ region: 'af-south-1', date: '2021-01-01' }).gbSecond.x86_64).toHaveLength(1);
    // checked 2026-11-29 against the pricing calculator's feed: af-south-1 arm64 is 0.00001768, not 0.0000177
    expect(lambdaPrices({ region: 'af-south-1' }).gbSecond.arm64[0]?.usd).toBe(0.00001768);
    expect(lambdaPrices({ region: 'ap-east-1' }).request).toBeCloseTo(0.28 / 1e6, 12);
    expect(lambdaPrices({ region: 'me-central-1' }).gbSecond.x86_64[0]?.usd).toBe(0.0000206667);
    // Malaysia is cheaper than us-east-1
    expect(lambdaPrices({ region: 'ap-southeast-5' }).gbSecond.x86_64[0]?.usd).toBeLessThan(AWS_LAMBDA_PRICES.gbSecond.x86_64[0]?.usd ?? 0);
    expect(lambdaPrices({ region: 'ap-southeast-4' }).gbSecond).toEqual(AWS_LAMBDA_PRICES.gbSecond);
    // no verified figures: refused, not guessed
    expect(() => lambdaPrices({ region: 'il-central-1' })).toThrow(/no AWS Lambda prices for region 'il-central-1'/);
    expect(() => lambdaPrices({ region: 'mars-north-1' })).toThrow(/no AWS Lambda prices for region 'mars-north-1' \(known: .*af-south-1/);
  });
});
