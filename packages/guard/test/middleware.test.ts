import middy from '@middy/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakGuardMiddleware } from '@leakwatch/guard';
import { loopbackServer, metricsLines } from './loopback.js';

let upstream: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  upstream = await loopbackServer();
});
afterAll(() => upstream.close());

const ctx = (id = 'req-1'): { awsRequestId: string; functionName: string; getRemainingTimeInMillis: () => number } => ({ awsRequestId: id, functionName: 'orders', getRemainingTimeInMillis: () => 3000 });

async function settle(p: () => Promise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  try {
    return { ok: true, value: await p() };
  } catch (error) {
    return { ok: false, value: error };
  }
}

describe('leakGuardMiddleware with the real @middy/core', () => {
  it('keeps the result and the error exactly as the bare middy handler gives them (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.anything(), async (fails, value) => {
        const base = async (): Promise<unknown> => {
          if (fails) throw value;
          return value;
        };
        const lines: string[] = [];
        const bare = middy(base);
        const guarded = middy(base).use(leakGuardMiddleware({ log: (l) => lines.push(l) }));
        const a = await settle(() => bare({}, ctx() as never));
        const b = await settle(() => guarded({}, ctx() as never));
        expect(b.ok).toBe(a.ok);
        // middy returns undefined responses as-is; errors are the very object thrown
        expect(Object.is(b.value, a.value) || (Number.isNaN(a.value) && Number.isNaN(b.value))).toBe(true);
        expect(metricsLines(lines)).toHaveLength(1);
        expect(metricsLines(lines)[0]).toMatchObject({ Outcome: fails ? 'error' : 'ok', RequestId: 'req-1', FunctionName: 'orders' });
      }),
      { numRuns: 100 },
    );
  });

  it('never answers early: a later middleware and the handler still run, and an onError that handles the error keeps its response', async () => {
    const lines: string[] = [];
    const calls: string[] = [];
    const handler = middy(async () => {
      calls.push('handler');
      throw new Error('boom');
    })
      .use(leakGuardMiddleware({ log: (l) => lines.push(l) }))
      .use({ before: () => void calls.push('before'), onError: (request) => void (request.response = { statusCode: 503 }) });
    expect(await handler({}, ctx() as never)).toEqual({ statusCode: 503 });
    expect(calls).toEqual(['before', 'handler']);
    expect(metricsLines(lines)[0]).toMatchObject({ Outcome: 'error' });
  });

  it('counts the handler’s outbound requests and finds a leak across warm invocations', async () => {
    const lines: string[] = [];
    const timers: NodeJS.Timeout[] = [];
    const handler = middy(async () => {
      await (await fetch(upstream.url)).text();
      timers.push(setInterval(() => undefined, 60_000));
      return { statusCode: 200 };
    }).use(leakGuardMiddleware({ log: (l) => lines.push(l), deepCapture: 0 }));
    for (let i = 0; i < 60; i++) expect(await handler({}, ctx(`r-${i}`) as never)).toEqual({ statusCode: 200 });
    timers.forEach(clearInterval);
    expect(metricsLines(lines)[0]).toMatchObject({ OutboundRequests: 1, RequestsWithoutTimeout: 1 });
    expect(lines.map((l) => JSON.parse(l) as { LeakwatchType: string; finding?: { kind: string } }).filter((l) => l.LeakwatchType === 'finding').map((l) => l.finding?.kind)).toEqual(['handle-growth']);
  });

  it('rejects unknown options when the middleware is created', () => {
    expect(() => leakGuardMiddleware({ window: 3 })).toThrow(/leakGuardMiddleware: window must be a whole number ≥ 12/);
  });
});
