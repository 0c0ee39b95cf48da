import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAwsText } from './parse-aws-text.js';

describe('parseAwsText', () => {
  it('reads REPORT lines with tabs, spaces, prefixes, Init Duration and Status', () => {
    const r = parseAwsText('2026-11-24T10:00:00Z REPORT RequestId: abc-1  Duration: 12.5 ms Billed Duration: 13 ms \tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 150.2 ms\tStatus: timeout');
    expect(r).toEqual({ type: 'report', requestId: 'abc-1', durationMs: 12.5, billedMs: 13, memoryMb: 128, maxMemoryMb: 60, initMs: 150.2, status: 'timeout' });
  });
  it('reads timeouts, out-of-memory signatures and database refusals', () => {
    expect(parseAwsText('2026-01-01T00:00:00.000Z 1f2e3d4c-0000-4000-8000-000000000001 Task timed out after 3.00 seconds')).toMatchObject({ type: 'timeout', afterSeconds: 3, requestId: '1f2e3d4c-0000-4000-8000-000000000001' });
    expect(parseAwsText('RequestId: r Error: Runtime exited with error: signal: killed Runtime.ExitError')).toMatchObject({ type: 'out-of-memory' });
    expect(parseAwsText('error: sorry, too many clients already')).toMatchObject({ type: 'connection-refused' });
    expect(parseAwsText('INFO hello')).toBeUndefined();
  });
  it('returns undefined for a REPORT line cut short', () => {
    expect(parseAwsText('REPORT RequestId: abc\tDuration: 12.5 ms\tBilled Dur')).toBeUndefined();
  });
  it('never throws on arbitrary or cut lines (property)', () => {
    const line = 'REPORT RequestId: a\tDuration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB';
    fc.assert(fc.property(fc.string(), fc.nat(line.length), (s, cut) => {
      parseAwsText(s);
      parseAwsText(line.slice(0, cut) + s);
    }));
  });
  it('round-trips generated REPORT lines (property)', () => {
    const sep = fc.constantFrom('\t', ' ', ' \t', '  ');
    fc.assert(fc.property(
      fc.uuid(), fc.double({ min: 0, max: 900_000, noNaN: true }), fc.integer({ min: 1, max: 900_000 }), fc.integer({ min: 128, max: 10240 }), fc.integer({ min: 1, max: 10240 }), sep,
      (id, duration, billed, memory, used, s) => {
        const d = Math.round(duration * 100) / 100;
        const text = `REPORT RequestId: ${id}${s}Duration: ${d} ms${s}Billed Duration: ${billed} ms${s}Memory Size: ${memory} MB${s}Max Memory Used: ${used} MB${s}`;
        expect(parseAwsText(text)).toEqual({ type: 'report', requestId: id, durationMs: d, billedMs: billed, memoryMb: memory, maxMemoryMb: used });
      },
    ));
  });
});
