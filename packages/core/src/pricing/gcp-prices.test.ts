import { describe, expect, it } from 'vitest';
import { isLeakwatchError } from '../errors.js';
import { lambdaPrices } from './aws-lambda-prices.js';
import { GCP_TIER1_REGIONS, GCP_TIER2_REGIONS, gcpPrices, isGcpRegion } from './gcp-prices.js';
import { AZURE_FLEX_CONSUMPTION_PRICES, GCP_FUNCTIONS_PRICES, GCP_FUNCTIONS_PRICES_TIER2 } from './price-table.js';
import { priceUsage } from './price-usage.js';

describe('gcpPrices: the Cloud Run functions table of a region tier', () => {
  it('prices Tier 2 regions 1.4 times Tier 1 for memory and CPU, requests alike', () => {
    const london = gcpPrices('europe-west2');
    const iowa = gcpPrices('us-central1');
    expect(london.product).toBe('Google Cloud Run functions (Tier 2, europe-west2)');
    expect(iowa.product).toBe('Google Cloud Run functions (Tier 1, us-central1)');
    expect(london.vcpuSecond?.usd).toBe(0.0000336);
    expect(london.gbSecond.x86_64).toEqual([{ upTo: Infinity, usd: 0.0000035 }]);
    expect(london.request).toBe(iowa.request);
    const usage = { gbSeconds: 1000, requests: 0, vcpuSeconds: 400 };
    expect(priceUsage(london, usage) / priceUsage(iowa, usage)).toBeCloseTo(1.4, 12);
    // the vCPU a memory size gets is the same in both tiers
    expect(GCP_FUNCTIONS_PRICES_TIER2.vcpuSecond?.byMemoryMb).toEqual(GCP_FUNCTIONS_PRICES.vcpuSecond?.byMemoryMb);
  });
  it('knows every region on one list only, and tells Google region names from AWS ones', () => {
    expect(GCP_TIER1_REGIONS.filter((r) => GCP_TIER2_REGIONS.includes(r))).toEqual([]);
    expect(isGcpRegion('europe-west2')).toBe(true);
    expect(isGcpRegion('eu-west-2')).toBe(false);
    expect(() => lambdaPrices({ region: 'europe-west2' })).toThrow(/no AWS Lambda prices/);
  });
  it('refuses an unknown region with a typed error, or prices it as Tier 1 when lenient', () => {
    let error: unknown;
    try {
      gcpPrices('mars-central1');
    } catch (e) {
      error = e;
    }
    expect(isLeakwatchError(error) && error.code).toBe('LW_PRICE_REGION');
    expect((error as Error).message).toMatch(/no Google Cloud Run functions prices for region 'mars-central1' \(known: africa-south1, /);
    const lenient = gcpPrices('mars-central1', true);
    expect(lenient.vcpuSecond?.usd).toBe(0.000024);
    expect(lenient.product).toBe('Google Cloud Run functions (Tier 1; mars-central1 is on neither tier list)');
  });
});

describe('Azure Flex Consumption', () => {
  it('bills on-demand GB-seconds at $0.000026 and executions at $0.40 per million, 2048 MB instances by default', () => {
    expect(priceUsage(AZURE_FLEX_CONSUMPTION_PRICES, { gbSeconds: 1e6, requests: 1e6 })).toBeCloseTo(26 + 0.4, 9);
    expect(AZURE_FLEX_CONSUMPTION_PRICES.defaultMemoryMb).toBe(2048);
  });
});
