import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { deadlineSignal, withLeakGuard } from '@leakwatch/guard';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lw-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = (ms = 3000): { awsRequestId: string; functionName: string; getRemainingTimeInMillis: () => number } => {
  const end = Date.now() + ms;
  return { awsRequestId: 'req-1', functionName: 'orders', getRemainingTimeInMillis: () => end - Date.now() };
};

async function settle(p: () => unknown): Promise<{ ok: boolean; value: unknown }> {
  try {
    return { ok: true, value: await p() };
  } catch (error) {
    return { ok: false, value: error };
  }
}

describe('withLeakGuard never changes what the handler returns or throws', () => {
  it('for async, sync, rejecting, throwing, non-Error and undefined results (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('async-return', 'async-reject', 'sync-return', 'sync-throw'), fc.anything(), async (shape, value) => {
        const bare = (): unknown => {
          if (shape === 'async-return') return Promise.resolve(value);
          if (shape === 'async-reject') return Promise.reject(value);
          if (shape === 'sync-throw') throw value;
          return value;
        };
        const lines: string[] = [];
        const guarded = withLeakGuard((_e: unknown, _c: unknown) => bare(), { log: (l) => lines.push(l) });
        const a = await settle(() => bare());
        const b = await settle(() => guarded({}, ctx()));
        expect(b.ok).toBe(a.ok);
        expect(Object.is(b.value, a.value) || (Number.isNaN(a.value) && Number.isNaN(b.value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('callback handlers keep their arity and get exactly the callback arguments', async () => {
    const bare = (_e: unknown, _c: unknown, cb: (e: unknown, r?: unknown) => void): void => void setImmediate(() => cb(null, { n: 1 }));
    const guarded = withLeakGuard(bare, { log: () => undefined });
    expect(guarded.length).toBe(3);
    const got = await new Promise((resolve) => guarded({}, ctx(), (e: unknown, r: unknown) => resolve([e, r])));
    expect(got).toEqual([null, { n: 1 }]);
    const failing = withLeakGuard((_e: unknown, _c: unknown, cb: (e: unknown) => void) => cb('plain string error'), { log: () => undefined });
    expect(await new Promise((resolve) => failing({}, ctx(), (e: unknown) => resolve(e)))).toBe('plain string error');
  });

  it('rejects unknown options at wrap time, with the option named', () => {
    expect(() => withLeakGuard(async (_e: unknown, _c: unknown) => 1, { evry: 2 } as never)).toThrow(/unknown option 'evry'/);
  });

  it('a failing log sink is reported at most once and the handler is unaffected', async () => {
    let calls = 0;
    const guarded = withLeakGuard(async (_e: unknown, _c: unknown) => 42, {
      log: () => {
        calls++;
        throw new Error('sink down');
      },
    });
    for (let i = 0; i < 5; i++) expect(await guarded({}, ctx())).toBe(42);
    expect(calls).toBeLessThanOrEqual(2);
  });
});

describe('the EMF line', () => {
  it('is valid Embedded Metric Format with units, the FunctionName dimension, and no event payload or secrets', async () => {
    const lines: string[] = [];
    const guarded = withLeakGuard(async (event: { password: string }, _c: unknown) => event.password.length, { log: (l) => lines.push(l) });
    await guarded({ password: 'hunter2-s3cret', dsn: 'postgres://app:hunter2-s3cret@db:5432/x' } as never, ctx());
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    const directive = line._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe('Leakwatch');
    expect(directive.Dimensions).toEqual([['FunctionName']]);
    for (const m of directive.Metrics) expect(typeof line[m.Name]).toBe('number');
    expect(directive.Metrics.find((m: { Name: string }) => m.Name === 'HeapUsed').Unit).toBe('Bytes');
    expect(line).toMatchObject({ LeakwatchType: 'invocation', FunctionName: 'orders', Invocation: 1, RequestId: 'req-1', Outcome: 'ok' });
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('reads RSS on the first invocation, then on every 64th at most once a second (a busy sandbox does not pay /proc reads)', async () => {
    const real = process.memoryUsage.rss;
    let reads = 0;
    process.memoryUsage.rss = () => 100_000_000 + ++reads;
    try {
      const lines: string[] = [];
      const handler = withLeakGuard(async (_event: unknown, _context: unknown) => 1, { log: (l) => lines.push(l) });
      for (let i = 0; i < 130; i++) await handler({}, ctx());
      expect(reads).toBe(1); // invocations 65 and 129 came within the same second
      await new Promise((done) => setTimeout(done, 1050));
      for (let i = 0; i < 64; i++) await handler({}, ctx()); // 193 = 3 × 64 + 1
      expect(reads).toBe(2);
      const rss = lines.map((l) => (JSON.parse(l) as { Rss: number }).Rss);
      expect(rss.slice(0, 192).every((v) => v === 100_000_001)).toBe(true);
      expect(rss.slice(192)).toEqual([100_000_002, 100_000_002]);
    } finally {
      process.memoryUsage.rss = real;
    }
  });
  it('every N and only-on-findings keep log volume down', async () => {
    const lines: string[] = [];
    const guarded = withLeakGuard(async (_e: unknown, _c: unknown) => 1, { log: (l) => lines.push(l), every: 10 });
    for (let i = 0; i < 30; i++) await guarded({}, ctx());
    expect(lines).toHaveLength(3);
    const quiet: string[] = [];
    const q = withLeakGuard(async (_e: unknown, _c: unknown) => 1, { log: (l) => quiet.push(l), onlyOnFindings: true });
    for (let i = 0; i < 30; i++) await q({}, ctx());
    expect(quiet).toHaveLength(0);
  });
});

describe('trends inside the sandbox, both ways', () => {
  it('a handler leaking an interval per invocation gets a handle-growth finding line; its fixed twin none', async () => {
    const lines: string[] = [];
    const timers: NodeJS.Timeout[] = [];
    const leaky = withLeakGuard(async (_e: unknown, _c: unknown) => void timers.push(setInterval(() => undefined, 60_000)), { log: (l) => lines.push(l) });
    for (let i = 0; i < 60; i++) await leaky({}, ctx());
    timers.forEach(clearInterval);
    const findings = lines.map((l) => JSON.parse(l)).filter((l) => l.LeakwatchType === 'finding');
    expect(findings.map((f) => f.finding.kind)).toContain('handle-growth');
    expect(findings[0].finding.source).toBe('guard');

    const clean: string[] = [];
    const fixed = withLeakGuard(
      async (_e: unknown, _c: unknown) => {
        const t = setInterval(() => undefined, 60_000);
        clearInterval(t);
      },
      { log: (l) => clean.push(l) },
    );
    for (let i = 0; i < 300; i++) await fixed({}, ctx());
    expect(clean.map((l) => JSON.parse(l)).filter((l) => l.LeakwatchType === 'finding')).toEqual([]);
  });
});

describe('deadline', () => {
  it('the watchdog logs what is pending shortly before the timeout; deadlineSignal aborts a hung call first', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    const port = (hung.address() as AddressInfo).port;
    const lines: string[] = [];
    const handler = withLeakGuard(
      async (_e: unknown, context: { getRemainingTimeInMillis(): number }) =>
        new Promise((resolve) => {
          const req = request({ host: '127.0.0.1', port, signal: deadlineSignal(context, { marginMs: 100 }) }, () => resolve('answered'));
          req.on('error', (e) => resolve(e.name));
          req.end();
        }),
      { log: (l) => lines.push(l), deadlineMarginMs: 150 },
    );
    const t0 = Date.now();
    const outcome = await handler({}, ctx(400));
    expect(outcome).toBe('AbortError');
    expect(Date.now() - t0).toBeLessThan(400);
    const deadline = lines.map((l) => JSON.parse(l)).find((l) => l.LeakwatchType === 'deadline');
    expect(deadline.pending.map((p: { type: string }) => p.type).join(',')).toMatch(/TCPSocketWrap|TCPWRAP/);
    hung.close();
  });
});

describe('packaging', () => {
  it('require() works from a CommonJS handler', async () => {
    const file = join(dir, 'handler.cjs');
    writeFileSync(file, `const { withLeakGuard } = require(${JSON.stringify(join(root, 'packages/guard/dist/index.js'))});\nexports.handler = withLeakGuard(async () => 7, { log: (l) => console.log(l) });\nexports.handler({}, { getRemainingTimeInMillis: () => 1000 }).then((v) => console.log('result', v));\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    expect(stdout).toContain('result 7');
    expect(stdout).toContain('"LeakwatchType":"invocation"');
  });

  it('does nothing at import: channels, the fetch note and hooks start with the first guarded invocation', async () => {
    const file = join(dir, 'import-only.mjs');
    writeFileSync(
      file,
      `import dc from 'node:diagnostics_channel';
const fetchBefore = globalThis.fetch;
const { withLeakGuard } = await import(${JSON.stringify(join(root, 'packages/guard/dist/index.js'))});
const h = withLeakGuard(async () => 1, { log: () => undefined });
const atImport = [dc.hasSubscribers('http.client.request.start'), dc.hasSubscribers('undici:request:create'), globalThis.fetch === fetchBefore];
await h({}, {});
const afterUse = [dc.hasSubscribers('http.client.request.start'), dc.hasSubscribers('undici:request:create'), globalThis.fetch === fetchBefore];
console.log(JSON.stringify({ atImport, afterUse }));
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ atImport: [false, false, true], afterUse: [true, true, false] });
  });

  it('does not leak itself: 100,000 invocations keep its post-GC heap flat', async () => {
    const gc = (globalThis as { gc?: () => void }).gc!;
    const guarded = withLeakGuard(async (_e: unknown, _c: unknown) => 1, { log: () => undefined });
    for (let i = 0; i < 5000; i++) await guarded({}, ctx());
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) await guarded({}, ctx());
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(256 * 1024);
  });
});
