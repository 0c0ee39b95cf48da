import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs benchmark script
import { GUARD_BUNDLE_LIMIT, guardBundleSize } from './guard-bundle-size.mjs';

describe('guard bundle size', () => {
  it('bundles with esbuild (minified, @leakwatch/core inlined) under 30 KB', async () => {
    const { bytes } = (await guardBundleSize()) as { bytes: number };
    expect(bytes).toBeGreaterThan(1000); // it did bundle something
    expect(bytes).toBeLessThan(GUARD_BUNDLE_LIMIT as number);
  });
});
