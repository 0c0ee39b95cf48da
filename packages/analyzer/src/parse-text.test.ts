import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from './parse-text.js';
import type { ReportRecord } from './record.js';

const ctx = { origin: { file: 'f.log', line: 1 }, fn: 'fn', sandbox: 's' };

describe('parseText', () => {
  it('never throws on arbitrary or cut lines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(200), (s, cut) => {
        parseText(s, ctx);
        parseText(`REPORT RequestId: ${s}`.slice(0, cut), ctx);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every field of a generated REPORT line, whatever the separators', () => {
    fc.assert(
      fc.property(
        fc.record({ d: fc.double({ min: 0, max: 900_000, noNaN: true }), b: fc.nat(900_000), size: fc.integer({ min: 128, max: 10240 }), used: fc.integer({ min: 1, max: 10240 }), init: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true })) }),
        fc.constantFrom('\t', ' ', '  ', ' \t'),
        (r, sep) => {
          const line = ['REPORT RequestId: 3f1e2d4c-0000-4000-8000-000000000001', `Duration: ${r.d.toFixed(2)} ms`, `Billed Duration: ${r.b} ms`, `Memory Size: ${r.size} MB`, `Max Memory Used: ${r.used} MB`, ...(r.init === null ? [] : [`Init Duration: ${r.init.toFixed(2)} ms`])].join(sep);
          const [rec] = parseText(line, ctx) as ReportRecord[];
          expect(rec?.durationMs).toBeCloseTo(Number(r.d.toFixed(2)), 5);
          expect(rec?.billedMs).toBe(r.b);
          expect(rec?.memorySizeMb).toBe(r.size);
          expect(rec?.maxMemoryMb).toBe(r.used);
          if (r.init !== null) expect(rec?.initMs).toBeCloseTo(Number(r.init.toFixed(2)), 5);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads status, error type and out-of-memory from a REPORT line', () => {
    const recs = parseText('REPORT RequestId: a\tDuration: 100.00 ms\tBilled Duration: 100 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory', ctx)!;
    expect(recs.map((r) => r.type)).toEqual(['report', 'oom']);
    expect((recs[0] as ReportRecord).status).toBe('error');
  });
});
