import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommonLine } from './parse-common-line.js';
import { parseByLabels } from './parse-message.js';

const SIGNATURES = ['{"a":1}', 'Task timed out after 3.00 seconds', 'Runtime.OutOfMemory', 'signal: killed', 'ECONNREFUSED', 'Too Many Connections', 'ER_CON_COUNT_ERROR',
  'END RequestId: x', 'REPORT RequestId: y', 'Function execution took 5 ms, finished with status: ok', 'OutOfMemoryException', 'Executed \'Functions.a\' (Succeeded, Id=1, Duration=5ms)', 'recycling for memory'];

const id = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-zA-Z-]{1,40}$/), fc.constantFrom('xECONNREFUSEDx', 'OutOfMemoryException'));
const num = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 7 }))
  .map(([a, b, k]) => `${a}.${String(b).padStart(k, '0').slice(0, k)}`), fc.constantFrom('1e3', '0.5', '00012', '.5', '7.'));
const field = fc.oneof(
  num.map((n) => `Duration: ${n} ms`), num.map((n) => `Billed Duration: ${n} ms`), num.map((n) => `Memory Size: ${n} MB`), num.map((n) => `Max Memory Used: ${n} MB`),
  num.map((n) => `Init Duration: ${n} ms`), fc.constantFrom('Status: timeout', 'Restore Duration: 5 ms', 'Error Type: Runtime.ExitError', 'Duration: 5 MB', 'Max Memory Used:  5 MB'),
);
const plain = fc.oneof(fc.integer({ min: 0, max: 99_999_999 }).map(String), fc.integer({ min: 0, max: 99_999_999 }).map((n) => (n / 100).toFixed(2)));
const canonicalReport = fc.tuple(fc.uuid(), plain, plain, plain, plain, fc.option(plain), fc.boolean())
  .map(([r, d, b, m, u, init, tab]) => `REPORT RequestId: ${r}\tDuration: ${d} ms\tBilled Duration: ${b} ms\tMemory Size: ${m} MB\tMax Memory Used: ${u} MB${init === null ? '' : `\tInit Duration: ${init} ms`}${tab ? '\t' : ''}`);
const anyReport = fc.tuple(id, fc.array(field, { maxLength: 8 }), fc.constantFrom('\t', ' ', '  ', '\t ')).map(([r, fields, sep]) => `REPORT RequestId: ${r}${sep}${fields.join(sep)}`);
const appLine = fc.tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.uuid(), fc.string(), fc.option(fc.constantFrom(...SIGNATURES)))
  .map(([t, r, text, sig]) => `${t.toISOString()}\t${r}\tINFO\t${text}${sig ?? ''}`);
const numericReport = fc.tuple(fc.uuid(), num, num, num, num, fc.option(num), fc.boolean())
  .map(([r, d, b, m, u, init, tab]) => `REPORT RequestId: ${r}\tDuration: ${d} ms\tBilled Duration: ${b} ms\tMemory Size: ${m} MB\tMax Memory Used: ${u} MB${init === null ? '' : `\tInit Duration: ${init} ms`}${tab ? '\t' : ''}`);
const message = fc.oneof(
  canonicalReport, numericReport, anyReport, appLine,
  fc.tuple(id, fc.constantFrom('', '\n', ' ', ' x', ' ECONNREFUSED')).map(([r, tail]) => `END RequestId: ${r}${tail}`),
  fc.tuple(id, fc.option(fc.constantFrom(...SIGNATURES))).map(([r, sig]) => `START RequestId: ${r} Version: $LATEST${sig === null ? '' : ` ${sig}`}`),
  fc.constantFrom(...SIGNATURES), fc.string(),
);

describe('parseCommonLine, the fast path of parseMessage', () => {
  it('answers exactly as the label-based parsers on every line it answers (property)', () => {
    fc.assert(fc.property(message, fc.nat(300), (m, cut) => {
      for (const text of [m, m.slice(0, cut)]) {
        const fast = parseCommonLine(text);
        if (fast !== undefined) expect(fast ?? undefined).toEqual(parseByLabels(text));
      }
    }), { numRuns: 3000 });
  });

  it('answers the common lines itself: canonical REPORT, END, START and plain application lines (property)', () => {
    fc.assert(fc.property(canonicalReport, (m) => {
      expect(parseCommonLine(m)).toMatchObject({ type: 'report' });
    }), { numRuns: 500 });
    expect(parseCommonLine('END RequestId: d15eae68-5c4b-4977-aa4c-1fae4b22e772')).toEqual({ type: 'end', requestId: 'd15eae68-5c4b-4977-aa4c-1fae4b22e772' });
    expect(parseCommonLine('START RequestId: d15eae68-5c4b-4977-aa4c-1fae4b22e772 Version: $LATEST')).toBeNull();
    expect(parseCommonLine('2026-11-24T00:00:31.878Z\td15eae68-5c4b-4977-aa4c-1fae4b22e772\tINFO\tprocessing order 14-0')).toEqual({
      type: 'app-line', requestId: 'd15eae68-5c4b-4977-aa4c-1fae4b22e772', text: '2026-11-24T00:00:31.878Z\td15eae68-5c4b-4977-aa4c-1fae4b22e772\tINFO\tprocessing order 14-0',
    });
  });

  it('reads decimals exactly as Number() does', () => {
    const r = parseCommonLine('REPORT RequestId: a\tDuration: 200.92 ms\tBilled Duration: 201 ms\tMemory Size: 1024 MB\tMax Memory Used: 72 MB\tInit Duration: 251.303 ms\t');
    expect(r).toEqual({ type: 'report', requestId: 'a', durationMs: 200.92, billedMs: 201, memoryMb: 1024, maxMemoryMb: 72, initMs: 251.303 });
  });

  it('leaves lines with a signature to the label-based parsers', () => {
    expect(parseCommonLine('2026-11-24T00:00:31.878Z\td15eae68-5c4b-4977-aa4c-1fae4b22e772\tERROR\tError: ER_CON_COUNT_ERROR: Too many connections')).toBeUndefined();
    expect(parseCommonLine('REPORT RequestId: a\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout')).toBeUndefined();
  });
});
