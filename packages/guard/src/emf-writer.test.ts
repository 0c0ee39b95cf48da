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
    // doubles of any size (huge ones are written as String() writes them), and any text, lone surrogates included (names and ids go through the escaping path)
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.integer({ min: 0, max: 2 ** 31 }));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.uuid());
    fc.assert(
      fc.property(
        text,
        text,
        fc.option(text, { nil: undefined }),
        fc.constantFrom('ok' as const, 'error' as const, 'timeout' as const),
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
          // the bytes the stdout sink writes: the same line as UTF-8, then one newline
          const length = writer.encode(1700000000000, fn, 3, requestId, outcome, values, resources);
          const bytes = writer.bytes.subarray(0, length);
          expect(bytes[length - 1]).toBe(0x0a);
          expect(bytes.indexOf(0x0a)).toBe(length - 1);
          expect(JSON.parse(bytes.toString('utf8'))).toEqual(reference);
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
    const c = JSON.parse(writer.line(1, 'f', 3, undefined, 'ok', values, ['Timeout']));
    expect([a.ActiveByType, b.ActiveByType, c.ActiveByType]).toEqual([{ Timeout: 1 }, { Timeout: 2, TCPSocketWrap: 1 }, { Timeout: 1 }]);
  });

  it('grows its buffer for a line longer than it, and the next short line is whole', () => {
    const writer = new EmfWriter('Leakwatch', 's');
    const values = Object.fromEntries(LINE_METRICS.map((n) => [n, 1.5])) as LineValues;
    const long = 'f'.repeat(20_000);
    expect(JSON.parse(writer.line(1, long, 1, 'é'.repeat(5000), 'ok', values, [])).FunctionName).toBe(long);
    expect(JSON.parse(writer.line(2, 'g', 2, 'r', 'error', values, [])).FunctionName).toBe('g');
  });
});
