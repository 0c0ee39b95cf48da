// The seed article's leaks, run by the harness: each leaky example is caught with its kind and
// line, and each fixed twin runs 200 warm invocations with no finding at all.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '@leakwatch/core';
import { runInvocations } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const seed = (name: string): { module: string } => ({ module: `${root}examples/seed/${name}` });
const quiet = { LEAKWATCH_EXAMPLE_QUIET: '1' };
Object.assign(process.env, quiet);

const where = (f: Finding): string => (f.site ? `${f.site.file}:${f.site.line}` : '-');
const kinds = (fs: Finding[]): string[] => fs.map((f) => `${f.kind} ${where(f)}`);

describe('leaky seed examples are caught with their line', () => {
  it('3. a module-level list: heap-growth with bytes per invocation and a projection', async () => {
    const run = await runInvocations(seed('global-list.mjs'), { invocations: 60, cwd: root });
    const heap = run.findings.find((f) => f.kind === 'heap-growth');
    expect(heap, kinds(run.findings).join('\n')).toBeDefined();
    const perInvocation = heap!.evidence['bytesPerInvocation'] as number;
    expect(perInvocation).toBeGreaterThan(1024);
    expect(heap!.evidence['ciLow']).toBeLessThanOrEqual(perInvocation);
    expect(heap!.evidence['invocationsUntilLimit']).toBeGreaterThan(0);
  });

  it('4. a payment API call with no timeout: timeout with the pending call and its line', async () => {
    const run = await runInvocations(seed('payment-no-timeout.mjs'), { invocations: 8, timeoutMs: 250, cwd: root });
    expect(run.timeouts.length).toBe(8);
    const t = run.findings.find((f) => f.kind === 'timeout');
    expect(where(t!)).toBe('examples/seed/payment-no-timeout.mjs:18');
    expect(t!.title).toMatch(/no timeout of its own/);
  });

  it('5. a timer and async work left running: dangling-work at both lines', async () => {
    const run = await runInvocations(seed('dangling-timer.mjs'), { invocations: 30, cwd: root });
    const dangling = run.findings.filter((f) => f.kind === 'dangling-work').map(where).sort();
    expect(dangling).toEqual(['examples/seed/dangling-timer.mjs:13', 'examples/seed/dangling-timer.mjs:7']);
  });

  it('6. a listener added to process per invocation: listener-growth at its line', async () => {
    const run = await runInvocations(seed('process-listener.mjs'), { invocations: 30, cwd: root });
    const l = run.findings.find((f) => f.kind === 'listener-growth');
    expect(where(l!)).toBe('examples/seed/process-listener.mjs:6');
    process.removeAllListeners('unhandledRejection');
  });

  it('7. a scan over a growing list: cpu-growth', async () => {
    const run = await runInvocations(seed('cpu-growing-scan.mjs'), { invocations: 100, cwd: root });
    expect(run.findings.some((f) => f.kind === 'cpu-growth'), kinds(run.findings).join('\n')).toBe(true);
  });

  it('8. the article\'s memory logging: leakwatch reports the per-invocation memory itself', async () => {
    const run = await runInvocations(seed('memory-logging.mjs'), { invocations: 60, cwd: root });
    expect(run.samples).toHaveLength(60);
    expect(run.samples.every((s) => s.heapUsedAfterGc > 0 && s.rss > 0)).toBe(true);
    expect(run.findings.some((f) => f.kind === 'heap-growth')).toBe(true);
  });
});

describe('fixed twins: 200 warm invocations, no finding', () => {
  for (const name of ['global-list', 'cpu-growing-scan', 'dangling-timer', 'process-listener', 'memory-logging']) {
    it(name, async () => {
      const run = await runInvocations(seed(`${name}.fixed.mjs`), { invocations: 200, cwd: root });
      expect(kinds(run.findings)).toEqual([]);
      expect(run.invocations).toBe(200);
    });
  }

  it('payment-no-timeout (its own timeout turns a hung API into a quick 504)', async () => {
    const run = await runInvocations(seed('payment-no-timeout.fixed.mjs'), { invocations: 200, timeoutMs: 200, cwd: root });
    expect(kinds(run.findings)).toEqual([]);
    expect(run.timeouts).toHaveLength(0);
  });
});
