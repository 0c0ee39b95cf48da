import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLeakGuardCloudEvent, withLeakGuardHttp } from '@leakwatch/guard';
import { loopbackServer, metricsLines } from './loopback.js';

let upstream: Awaited<ReturnType<typeof loopbackServer>>;
const servers: Server[] = [];
const lines: string[] = [];
const log = (l: string): void => void lines.push(l);

beforeAll(async () => {
  upstream = await loopbackServer(5);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  await upstream.close();
});

async function serve(name: string): Promise<string> {
  const server = getTestServer(name);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

type Req = { body: { id: string; token?: string; fail?: boolean } };
type Res = { status(code: number): Res; json(body: unknown): void; statusCode: number; once(e: 'close', l: () => void): unknown };
const orders = async (req: Req, res: Res): Promise<void> => {
  if (req.body.fail) throw new Error('upstream refused');
  const answer = await (await fetch(upstream.url)).text();
  res.status(202).json({ id: req.body.id, answer });
};

describe('GCP Functions Framework adapters, through the real framework and a real HTTP server', () => {
  it('HTTP: the guarded function answers exactly like the bare one, measured until the response closes', async () => {
    functions.http('orders-bare', orders as never);
    functions.http('orders', withLeakGuardHttp(orders, { log }) as never);
    const [bareUrl, url] = [await serve('orders-bare'), await serve('orders')];
    const call = async (u: string, body: unknown): Promise<[number, string]> => {
      const res = await fetch(u, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'function-execution-id': 'exec-7' } });
      return [res.status, await res.text()];
    };
    const body = { id: 'o-9', token: 'tok_secret_123' };
    expect(await call(url, body)).toEqual(await call(bareUrl, body));
    expect(await call(url, { id: 'x', fail: true })).toEqual(await call(bareUrl, { id: 'x', fail: true }));
    await new Promise((r) => setTimeout(r, 20));
    const m = metricsLines(lines);
    expect(m[0]).toMatchObject({ RequestId: 'exec-7', Outcome: 'ok', OutboundRequests: 1, RequestsWithoutTimeout: 1 });
    expect(m[1]).toMatchObject({ Outcome: 'error', OutboundRequests: 0 });
    expect(m[0]!['DurationMs']).toBeGreaterThan(4); // includes the upstream wait: ended at the response, not at the return
    expect(lines.join('\n')).not.toContain('tok_secret_123');
  });

  it('CloudEvent: measured per event id, the framework still acknowledges it', async () => {
    lines.length = 0;
    const seen: string[] = [];
    functions.cloudEvent(
      'on-upload',
      withLeakGuardCloudEvent(async (event: { id: string; data?: unknown }) => {
        seen.push(event.id);
        await (await fetch(upstream.url, { signal: AbortSignal.timeout(2000) })).text();
      }, { log }) as never,
    );
    const url = await serve('on-upload');
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ name: 'a.png' }), headers: { 'content-type': 'application/json', 'ce-id': 'evt-42', 'ce-type': 'google.cloud.storage.object.v1.finalized', 'ce-source': '//storage.googleapis.com/b', 'ce-specversion': '1.0' } });
    expect(res.status).toBeLessThan(300);
    await res.text();
    expect(seen).toEqual(['evt-42']);
    expect(metricsLines(lines)[0]).toMatchObject({ RequestId: 'evt-42', Outcome: 'ok', OutboundRequests: 1, RequestsWithoutTimeout: 0 });
  });

  it('CloudEvent callback style keeps its arity and its callback arguments', async () => {
    const bare = (_event: { id: string }, callback: (error?: unknown, result?: unknown) => void): void => void setImmediate(() => callback(null, 'done'));
    const guarded = withLeakGuardCloudEvent(bare, { log });
    expect(guarded.length).toBe(2);
    expect(await new Promise((resolve) => guarded({ id: 'e-1' }, (e, r) => resolve([e, r])))).toEqual([null, 'done']);
  });
});
