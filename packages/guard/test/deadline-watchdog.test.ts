import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withLeakGuard } from '@leakwatch/guard';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ctx = (id: string, ms: number): { awsRequestId: string; getRemainingTimeInMillis: () => number } => {
  const end = Date.now() + ms;
  return { awsRequestId: id, getRemainingTimeInMillis: () => end - Date.now() };
};

interface Logged {
  at: number;
  line: Record<string, unknown>;
}

/** A guarded handler that runs for `event.ms`, and the deadline lines it logged, with when. */
function guarded(marginMs: number): { handler: (event: { ms: number }, context: unknown) => Promise<string>; deadlines: Logged[] } {
  const deadlines: Logged[] = [];
  const handler = withLeakGuard(
    async (event: { ms: number }, _context: unknown) => {
      await sleep(event.ms);
      return 'done';
    },
    {
      deadlineMarginMs: marginMs,
      log: (l) => {
        const line = JSON.parse(l) as Record<string, unknown>;
        if (line['LeakwatchType'] === 'deadline') deadlines.push({ at: performance.now(), line });
      },
    },
  );
  return { handler, deadlines };
}

describe('the deadline watchdog (one timer for all invocations)', () => {
  it('reports each invocation that runs into its deadline, at that deadline, and none that ends in time', async () => {
    const { handler, deadlines } = guarded(100);
    // a short invocation leaves the timer armed for its own deadline (t+900)…
    await handler({ ms: 0 }, ctx('early', 1000));
    await sleep(60);
    // …which comes before this one's (t+60+900): the timer fires, finds it not due, and re-arms
    const t1 = performance.now();
    await handler({ ms: 1050 }, ctx('later', 1000));
    // a sooner deadline than the armed one re-arms at once
    await handler({ ms: 0 }, ctx('long', 5000));
    const t2 = performance.now();
    await handler({ ms: 350 }, ctx('sooner', 400));
    expect(deadlines.map((d) => d.line['RequestId'])).toEqual(['later', 'sooner']);
    expect(deadlines[0]!.at - t1).toBeGreaterThanOrEqual(890);
    expect(deadlines[1]!.at - t2).toBeGreaterThanOrEqual(290);
  });

  it('overlapping invocations are each reported at their own deadline', async () => {
    const { handler, deadlines } = guarded(100);
    const t0 = performance.now();
    await Promise.all([handler({ ms: 500 }, ctx('a', 450)), handler({ ms: 500 }, ctx('b', 250)), handler({ ms: 50 }, ctx('c', 300))]);
    expect(deadlines.map((d) => d.line['RequestId'])).toEqual(['b', 'a']);
    expect(deadlines[0]!.at - t0).toBeGreaterThanOrEqual(140);
    expect(deadlines[1]!.at - t0).toBeGreaterThanOrEqual(340);
  });

  it('is not among the active resources and never keeps the process alive', async () => {
    const lines: string[] = [];
    const handler = withLeakGuard(async (_e: unknown, _c: unknown) => 1, { log: (l) => lines.push(l) });
    const timeouts = (): number => process.getActiveResourcesInfo().filter((t) => t === 'Timeout').length;
    const before = timeouts();
    await handler({}, ctx('r-1', 60_000));
    await handler({}, ctx('r-2', 60_000));
    expect(timeouts()).toBe(before);
    expect(lines.map((l) => (JSON.parse(l) as { ActiveByType: Record<string, number> }).ActiveByType['Timeout'] ?? 0)).toEqual([before, before]);

    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `const { withLeakGuard } = await import(${JSON.stringify(entry)}); await withLeakGuard(async () => 1, { log: () => undefined })({}, { getRemainingTimeInMillis: () => 60000 });`;
    const t0 = Date.now();
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
