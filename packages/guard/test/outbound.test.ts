import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLeakGuard } from '@leakwatch/guard';
import { loopbackServer, metricsLines } from './loopback.js';

let upstream: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  upstream = await loopbackServer(5);
});
afterAll(() => upstream.close());

const ctx = (id: string): { awsRequestId: string; functionName: string; getRemainingTimeInMillis: () => number } => ({ awsRequestId: id, functionName: 'orders', getRemainingTimeInMillis: () => 3000 });

function get(options: { timeout?: number; signal?: AbortSignal; setTimeout?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const { setTimeout: later, ...rest } = options;
    const req = request(upstream.url, rest, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    if (later !== undefined) req.setTimeout(later, () => req.destroy());
    req.on('error', reject);
    req.end();
  });
}

describe('outbound requests per invocation (diagnostics channels)', () => {
  it('counts http.request and fetch calls, and those without a timeout or abort signal', async () => {
    const lines: string[] = [];
    const handler = withLeakGuard(
      async (_e: unknown, _c: unknown) => {
        await get(); // no timeout
        await get({ timeout: 1000 });
        await get({ signal: AbortSignal.timeout(1000) });
        await get({ setTimeout: 1000 });
        await (await fetch(upstream.url)).text(); // no signal
        await (await fetch(upstream.url, { signal: AbortSignal.timeout(1000) })).text();
        return 'done';
      },
      { log: (l) => lines.push(l) },
    );
    expect(await handler({}, ctx('r-1'))).toBe('done');
    expect(metricsLines(lines)[0]).toMatchObject({ OutboundRequests: 6, RequestsWithoutTimeout: 2 });
    const directive = (metricsLines(lines)[0]!['_aws'] as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string; Unit: string }> }> }).CloudWatchMetrics[0]!;
    expect(directive.Metrics).toContainEqual({ Name: 'RequestsWithoutTimeout', Unit: 'Count' });
  });

  it('requests made outside a guarded invocation are charged to none', async () => {
    const lines: string[] = [];
    const handler = withLeakGuard(async (_e: unknown, _c: unknown) => 1, { log: (l) => lines.push(l) });
    await handler({}, ctx('r-0'));
    await get();
    await (await fetch(upstream.url)).text();
    await handler({}, ctx('r-1'));
    expect(metricsLines(lines).map((l) => l['OutboundRequests'])).toEqual([0, 0]);
  });

  it('overlapping invocations in one process keep their own counts (AsyncLocalStorage), never another’s', async () => {
    const lines: string[] = [];
    const handler = withLeakGuard(
      async (event: { calls: number; withTimeout: boolean; pauseMs: number }, _c: unknown) => {
        for (let i = 0; i < event.calls; i++) {
          await new Promise((r) => setTimeout(r, event.pauseMs));
          if (event.withTimeout) await (await fetch(upstream.url, { signal: AbortSignal.timeout(2000) })).text();
          else await get();
        }
        return event.calls;
      },
      { log: (l) => lines.push(l) },
    );
    const burst = async (tag: string): Promise<Record<string, unknown>> => {
      lines.length = 0;
      const results = await Promise.all([handler({ calls: 5, withTimeout: false, pauseMs: 3 }, ctx(`${tag}a`)), handler({ calls: 2, withTimeout: true, pauseMs: 7 }, ctx(`${tag}b`)), handler({ calls: 3, withTimeout: false, pauseMs: 1 }, ctx(`${tag}c`))]);
      expect(results).toEqual([5, 2, 3]);
      return Object.fromEntries(metricsLines(lines).map((l) => [l['RequestId'], [l['OutboundRequests'], l['RequestsWithoutTimeout']]]));
    };
    // The first overlap switches the guard to one async context per invocation (on Node 20 and 22
    // that costs every promise a hook, so it is not paid before it is needed): the invocation that
    // was already running has none, and its requests are left uncounted rather than charged to another.
    const first = await burst('1');
    expect({ b: first['1b'], c: first['1c'] }).toEqual({ b: [2, 0], c: [3, 3] });
    const a = first['1a'] as [number, number];
    expect(a[0] === 0 || a[0] === 5).toBe(true);
    if (Number(process.versions.node.split('.')[0]) >= 24) expect(a).toEqual([5, 5]); // Node 24: always isolated
    // From then on every invocation has its own context: exact counts.
    expect(await burst('2')).toEqual({ '2a': [5, 5], '2b': [2, 0], '2c': [3, 3] });
  });

  it('fetch keeps its result, its errors and its identity of arguments', async () => {
    const handler = withLeakGuard(async (_e: unknown, _c: unknown) => fetch('http://127.0.0.1:1/'), { log: () => undefined });
    const bare = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e as Error);
    const guarded = await (handler({}, ctx('x')) as Promise<Response>).catch((e: unknown) => e as Error);
    expect((guarded as Error).name).toBe((bare as Error).name);
    expect((guarded as Error).message).toBe((bare as Error).message);
  });
});
