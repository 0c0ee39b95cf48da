import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emfLine } from './emf-line.js';
import { EmfWriter, LINE_METRICS } from './emf-writer.js';
import type { LineValues } from './emf-writer.js';

const count = (list: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const t of list) out[t] = (out[t] ?? 0) + 1;
  return out;
};

describe('EmfWriter', () => {
  it('writes exactly what emfLine writes, for any names, ids and values (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.nat());
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        fc.constantFrom('ok' as const, 'error' as const),
        fc.tuple(...LINE_METRICS.map(() => value)),
        fc.boolean(),
        fc.array(fc.constantFrom('Timeout', 'TCPSocketWrap', 'TTYWrap', 'FSReqCallback')),
        (namespace, fn, requestId, outcome, numbers, gcSeen, resources) => {
          const values = Object.fromEntries(LINE_METRICS.map((n, i) => [n, numbers[i]])) as LineValues;
          if (!gcSeen) values.HeapAfterGc = NaN;
          const writer = new EmfWriter(namespace, 'sandbox-1');
          const fast = JSON.parse(writer.line(1700000000000, fn, 3, requestId, outcome, values, resources));
          const reference = JSON.parse(emfLine(namespace, { functionName: fn, sandboxId: 'sandbox-1', invocation: 3, ...(requestId ? { requestId } : {}), outcome, values, activeByType: count(resources) }, 1700000000000));
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reuses the ActiveByType text only while the resource list is unchanged', () => {
    const writer = new EmfWriter('Leakwatch', 's');
    const values = Object.fromEntries(LINE_METRICS.map((n) => [n, 1])) as LineValues;
    const a = JSON.parse(writer.line(1, 'f', 1, undefined, 'ok', values, ['Timeout']));
    const b = JSON.parse(writer.line(1, 'f', 2, undefined, 'ok', values, ['Timeout', 'Timeout', 'TCPSocketWrap']));
    expect([a.ActiveByType, b.ActiveByType]).toEqual([{ Timeout: 1 }, { Timeout: 2, TCPSocketWrap: 1 }]);
  });
});
