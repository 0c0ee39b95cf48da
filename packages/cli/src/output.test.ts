import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeakwatchReport } from '@leakwatch/core';
import { writeJson } from './output.js';

function written(report: unknown): string {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  writeJson(out, report as LeakwatchReport);
  return Buffer.concat(parts).toString('utf8');
}

describe('writeJson', () => {
  it('writes exactly JSON.stringify(report, null, 2) and a newline, in slices (property)', () => {
    const finding = fc.record({ id: fc.string(), kind: fc.constantFrom('memory-creep', 'timeout'), title: fc.string({ unit: 'grapheme' }), evidence: fc.dictionary(fc.string(), fc.jsonValue()), extra: fc.option(fc.constant(undefined)) });
    const report = fc.record({ tool: fc.string(), findings: fc.array(finding, { maxLength: 40 }), summary: fc.dictionary(fc.string(), fc.jsonValue()), skipped: fc.constant(undefined) }, { requiredKeys: [] });
    fc.assert(fc.property(report, (r) => {
      expect(written(r)).toBe(JSON.stringify(r, null, 2) + '\n');
    }), { numRuns: 300 });
  });
  it('cuts a large findings list into many writes', () => {
    const r = { tool: 'leakwatch', findings: Array.from({ length: 3000 }, (_, i) => ({ id: String(i), title: 'x'.repeat(100), evidence: { series: [{ y: [1, 2, 3] }] } })), summary: { findings: 3000 } };
    const out = new PassThrough();
    let writes = 0;
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => {
      writes++;
      parts.push(b);
    });
    writeJson(out, r as unknown as LeakwatchReport);
    expect(Buffer.concat(parts).toString('utf8')).toBe(JSON.stringify(r, null, 2) + '\n');
    expect(writes).toBeGreaterThan(5);
  });
});
