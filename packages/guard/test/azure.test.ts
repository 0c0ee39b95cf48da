import azure from '@azure/functions';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLeakGuardAzure } from '@leakwatch/guard';
import { loopbackServer, metricsLines } from './loopback.js';

let upstream: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  upstream = await loopbackServer(5);
});
afterAll(() => upstream.close());

function invocation(id: string, logs: string[]): InvocationContext {
  return new azure.InvocationContext({ invocationId: id, functionName: 'orders', logHandler: (_level, ...args) => void logs.push(String(args[0])) });
}
const post = (body: unknown): HttpRequest => new azure.HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/orders', body: { string: JSON.stringify(body) }, headers: { 'content-type': 'application/json' } });

const handler = async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
  const order = (await request.json()) as { id: string; card: string; calls: number };
  if (order.id === 'bad') throw new TypeError('bad order');
  for (let i = 0; i < order.calls; i++) await (await fetch(upstream.url)).text();
  context.log(`handled ${order.id}`);
  return { status: 201, jsonBody: { id: order.id } };
};

describe('withLeakGuardAzure with the real @azure/functions v4 classes', () => {
  it('registers with app.http and returns and throws what the handler does', async () => {
    const guarded = withLeakGuardAzure(handler);
    azure.app.http('orders', { methods: ['POST'], handler: guarded }); // the real registration API (test mode outside the host)
    const logs: string[] = [];
    expect(await guarded(post({ id: 'o-1', card: '4111111111111111', calls: 0 }), invocation('inv-1', logs))).toEqual({ status: 201, jsonBody: { id: 'o-1' } });
    const error = await Promise.resolve(guarded(post({ id: 'bad', card: 'x', calls: 0 }), invocation('inv-2', logs))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('bad order');
  });

  it('logs through context.log under the invocation id and function name, never the payload', async () => {
    const logs: string[] = [];
    const guarded = withLeakGuardAzure(handler);
    await guarded(post({ id: 'o-2', card: '4111111111111111', calls: 1 }), invocation('inv-3', logs));
    const [line] = metricsLines(logs.filter((l) => l.startsWith('{')));
    expect(line).toMatchObject({ FunctionName: 'orders', RequestId: 'inv-3', Outcome: 'ok', OutboundRequests: 1, RequestsWithoutTimeout: 1 });
    expect(logs).toContain('handled o-2');
    expect(logs.join('\n')).not.toContain('4111111111111111');
  });

  it('overlapping invocations in one worker keep their own counts', async () => {
    const logs: string[] = [];
    const guarded = withLeakGuardAzure(handler);
    await Promise.all([guarded(post({ id: 'a', card: '', calls: 4 }), invocation('inv-a', logs)), guarded(post({ id: 'b', card: '', calls: 1 }), invocation('inv-b', logs)), guarded(post({ id: 'c', card: '', calls: 2 }), invocation('inv-c', logs))]);
    const counts = Object.fromEntries(metricsLines(logs.filter((l) => l.startsWith('{'))).map((l) => [l['RequestId'], l['OutboundRequests']]));
    expect(counts).toEqual({ 'inv-a': 4, 'inv-b': 1, 'inv-c': 2 });
  });
});
