import { describe, expect, it } from 'vitest';
import { AWS_LAMBDA_PRICES } from './price-table.js';
import { gbSecondsOf, perMonth, priceUsage } from './price-usage.js';

describe('priceUsage', () => {
  it('prices x86 and arm64 GB-seconds and requests', () => {
    expect(priceUsage(AWS_LAMBDA_PRICES, { gbSeconds: 1000, requests: 1e6 })).toBeCloseTo(0.0166667 + 0.2, 9);
    expect(priceUsage(AWS_LAMBDA_PRICES, { gbSeconds: 1000, requests: 0, architecture: 'arm64' })).toBeCloseTo(0.0133334, 9);
  });
  it('crosses tiers', () => {
    const usd = priceUsage(AWS_LAMBDA_PRICES, { gbSeconds: 2e9, requests: 0, monthlyGbSecondsBefore: 5e9 });
    expect(usd).toBeCloseTo(1e9 * 0.0000166667 + 1e9 * 0.000015, 3);
  });
  it('converts billed ms and memory, and scales to a month', () => {
    expect(gbSecondsOf(3000, 512)).toBe(1.5);
    expect(perMonth(2, 86_400_000 * 3)).toBe(20);
  });
});
