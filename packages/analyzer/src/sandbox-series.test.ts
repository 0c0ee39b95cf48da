import { describe, expect, it } from 'vitest';
import { hashId } from './sandbox-series.js';

describe('hashId: request ids by hash (the after-END check matches them)', () => {
  it('tells apart ids that differ only in the high bytes of two words (a plain word-wise FNV-1a cancels them out)', () => {
    // positions 7 and 35 are the last byte of the 2nd and the 9th 32-bit word
    const ids = Array.from({ length: 10 }, (_, i) => `0000000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`);
    expect(new Set(ids.map(hashId)).size).toBe(10);
  });

  it('gives 20,000 generated request ids 20,000 hashes, never 0', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const hex = (n: number): string => Array.from({ length: n }, () => (next() >>> 28).toString(16)).join('');
    const ids = Array.from({ length: 20_000 }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`);
    const hashes = ids.map(hashId);
    expect(new Set(ids).size).toBe(20_000);
    expect(new Set(hashes).size).toBe(20_000);
    expect(hashes.includes(0)).toBe(false);
  });

  it('reads the characters after the last whole word too', () => {
    expect(hashId('abcd1')).not.toBe(hashId('abcd2'));
    expect(hashId('a')).not.toBe(hashId('b'));
    expect(hashId('')).not.toBe(0);
  });
});
