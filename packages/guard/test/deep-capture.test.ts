import { afterAll, describe, expect, it } from 'vitest';
import { withLeakGuard } from '@leakwatch/guard';
// @ts-expect-error a plain .mjs fixture, so its line numbers are the file's own
import { cleanup, handler as leakyInterval } from './fixtures/interval-leak.mjs';
import { parsed } from './loopback.js';

afterAll(() => (cleanup as () => void)());
const ctx = { awsRequestId: 'r', functionName: 'orders', getRemainingTimeInMillis: () => 3000 };
type FindingLine = { LeakwatchType: 'finding'; Invocation: number; finding: { kind: string; site?: { file: string; line: number }; evidence: { summary: string[] } } };
const findingLines = (lines: string[]): FindingLine[] => parsed(lines).filter((l) => l.LeakwatchType === 'finding') as unknown as FindingLine[];

describe('deep capture: creation sites once a trend is significant', () => {
  it('names the handler line that leaks an interval per invocation, after a few captured invocations', async () => {
    const lines: string[] = [];
    const guarded = withLeakGuard(leakyInterval as (e: unknown, c: unknown) => Promise<string>, { log: (l) => lines.push(l), deepCapture: 5 });
    for (let i = 0; i < 60; i++) expect(await guarded({}, ctx)).toBe('ok');
    const [line] = findingLines(lines);
    expect(line?.finding.kind).toBe('handle-growth');
    expect(line?.finding.site?.file).toMatch(/fixtures\/interval-leak\.mjs$/);
    expect(line?.finding.site?.line).toBe(4);
    expect(line?.finding.evidence.summary.join('\n')).toMatch(/5 Timeout resources created at .*interval-leak\.mjs:4/);
  });

  it('with deepCapture: 0 the finding comes at once, without a site', async () => {
    const lines: string[] = [];
    const guarded = withLeakGuard(leakyInterval as (e: unknown, c: unknown) => Promise<string>, { log: (l) => lines.push(l), deepCapture: 0 });
    for (let i = 0; i < 60; i++) await guarded({}, ctx);
    const [line] = findingLines(lines);
    expect(line?.finding.kind).toBe('handle-growth');
    expect(line?.finding.site).toBeUndefined();
    expect((line?.Invocation ?? 0) % 15).toBe(0); // judged every window/4 invocations, emitted the same invocation
  });

  it('a heap leak is not pinned on a handle that does not accumulate (one live interval, replaced each invocation)', async () => {
    const gc = (globalThis as { gc?: () => void }).gc!;
    const lines: string[] = [];
    let kept: NodeJS.Timeout | undefined;
    const list: number[][] = [];
    const guarded = withLeakGuard(
      async (_e: unknown, _c: unknown) => {
        clearInterval(kept);
        kept = setInterval(() => undefined, 60_000); // one alive at any time: created inside every captured invocation, never accumulating
        list.push(new Array<number>(16_384).fill(list.length)); // ~128 KB kept per invocation
        gc();
        await new Promise((r) => setImmediate(r)); // let the gc performance entry arrive
      },
      { log: (l) => lines.push(l), deepCapture: 5 },
    );
    for (let i = 0; i < 60; i++) await guarded({}, ctx);
    clearInterval(kept);
    list.length = 0;
    const findings = findingLines(lines);
    expect(findings.map((f) => f.finding.kind)).toEqual(['heap-growth']);
    expect(findings[0]?.finding.site).toBeUndefined();
  });
});
