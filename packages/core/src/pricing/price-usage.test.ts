import { describe, expect, it } from 'vitest';
import { AWS_LAMBDA_PRICES, AZURE_FUNCTIONS_PRICES, GCP_FUNCTIONS_PRICES } from './price-table.js';
import { gbSecondsOf, perMonth, priceUsage, vcpuSecondsOf } from './price-usage.js';

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
  it('prices Google CPU apart from memory, by the vCPUs its memory size gets; AWS and Azure bill no vCPU-seconds', () => {
    expect(vcpuSecondsOf(GCP_FUNCTIONS_PRICES, 10_000, 256)).toBeCloseTo(1.67, 9);
    expect(vcpuSecondsOf(GCP_FUNCTIONS_PRICES, 1000, 3000)).toBe(2);
    expect(vcpuSecondsOf(GCP_FUNCTIONS_PRICES, 1000, 65_536)).toBe(8);
    expect(vcpuSecondsOf(AWS_LAMBDA_PRICES, 10_000, 256)).toBe(0);
    // 60 s at 256 MiB on Google: 15 GiB-s of memory and 10.02 vCPU-s
    expect(priceUsage(GCP_FUNCTIONS_PRICES, { gbSeconds: gbSecondsOf(60_000, 256), requests: 0, vcpuSeconds: vcpuSecondsOf(GCP_FUNCTIONS_PRICES, 60_000, 256) })).toBeCloseTo(15 * 0.0000025 + 10.02 * 0.000024, 12);
    expect(priceUsage(AWS_LAMBDA_PRICES, { gbSeconds: 1, requests: 0, vcpuSeconds: 100 })).toBeCloseTo(0.0000166667, 12);
    expect(AZURE_FUNCTIONS_PRICES.defaultMemoryMb).toBe(128);
  });
});
