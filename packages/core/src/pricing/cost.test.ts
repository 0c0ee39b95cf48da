import { describe, expect, it } from 'vitest';
import { computeUsd, gbSeconds, perMonth } from './cost.js';
import { PRICED_AT, PRICES } from './table.js';

describe('pricing', () => {
  it('prices GB-seconds per provider and architecture', () => {
    expect(gbSeconds(1024, 1000)).toBe(1);
    expect(gbSeconds(512, 3000)).toBe(1.5);
    expect(computeUsd('aws', 'x86_64', 1_000_000)).toBeCloseTo(16.6667, 3);
    expect(computeUsd('aws', 'arm64', 1_000_000)).toBeCloseTo(13.3334, 3);
    expect(computeUsd('azure', 'x86_64', 1_000_000)).toBeCloseTo(16, 3);
  });

  it('is dated and sourced', () => {
    expect(PRICED_AT).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of Object.values(PRICES)) expect(p.source).toMatch(/^https:\/\//);
    expect(PRICES.aws.initBilled).toBe(true);
  });

  it('scales to a month, refusing periods too short to say', () => {
    expect(perMonth(1, 24 * 3600 * 1000)).toBeCloseTo(30);
    expect(perMonth(1, 1000)).toBeUndefined();
  });
});
