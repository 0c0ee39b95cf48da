import { createServer, type Server } from 'node:net';
import { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedCache, disposable, withResource } from '@leakwatch/guard';

// A real TCP server standing in for the seed's database: it counts the connections it holds open.
let server: Server;
let port = 0;
const open = new Set<import('node:net').Socket>();
beforeAll(async () => {
  server = createServer((s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('data', (d) => s.write(d));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const connect = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => resolve(socket));
  });
const endSocket = (s: Socket): Promise<void> => new Promise((r) => (s.destroyed ? r() : (s.once('close', () => r()), s.end())));
const query = (s: Socket, text: string): Promise<string> => new Promise((r) => (s.once('data', (d) => r(d.toString())), s.write(text)));
const settled = async (): Promise<void> => {
  for (let i = 0; i < 50 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('withResource: release in finally, the seed mysql case', () => {
  it('closes the connection on success and on failure; the server holds none afterwards', async () => {
    for (let i = 0; i < 20; i++) expect(await withResource(connect, (c) => query(c, `q${i}`), endSocket)).toBe(`q${i}`);
    const error = await withResource(connect, async () => {
      throw new RangeError('query failed');
    }, endSocket).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    await settled();
    expect(open.size).toBe(0);
  });

  it('without withResource, the leaky twin leaves one connection per call (the test would catch it)', async () => {
    const leaked: Socket[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await connect();
      leaked.push(c);
      await query(c, 'q');
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(open.size).toBe(5);
    await Promise.all(leaked.map(endSocket));
    await settled();
  });

  it('uses the resource’s own end()/close() when no close is given; the use error wins over a close error', async () => {
    let ended = 0;
    expect(await withResource(() => ({ end: () => void ended++ }), () => 'v')).toBe('v');
    expect(ended).toBe(1);
    const failing = { close: () => Promise.reject(new Error('close failed')) };
    await expect(withResource(() => failing, () => Promise.reject(new Error('use failed')))).rejects.toThrow('use failed');
    await expect(withResource(() => failing, () => 1)).rejects.toThrow('close failed');
    await expect(withResource(() => 42, () => 1)).rejects.toThrow(/withResource: the resource has no end\(\)/);
  });
});

describe('disposable: Symbol.asyncDispose for `await using`', () => {
  it('adds a once-only async dispose that closes the real socket, returning the same object', async () => {
    const socket = await connect();
    let closes = 0;
    const d = disposable(socket, (s) => (closes++, endSocket(s)));
    expect(d).toBe(socket);
    expect(Object.keys(d)).not.toContain(String(Symbol.asyncDispose));
    await Promise.all([d[Symbol.asyncDispose](), d[Symbol.asyncDispose]()]);
    expect(closes).toBe(1);
    await settled();
    expect(open.size).toBe(0);
    expect(() => disposable(Object.freeze({}), () => undefined)).toThrow(/frozen or sealed/);
    expect(() => disposable(7 as never, () => undefined)).toThrow(/must be an object, not number/);
  });

  it.runIf(Number(process.versions.node.split('.')[0]) >= 24)('works with `await using` on Node 24', async () => {
    // `await using` is syntax: compiled here through Function so older parsers never see it.
    const AsyncFunction = (async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
    const run = new AsyncFunction('connect', 'disposable', 'endSocket', 'query', "{ await using c = disposable(await connect(), endSocket); return await query(c, 'hi'); }");
    expect(await run(connect, disposable, endSocket, query)).toBe('hi');
    await settled();
    expect(open.size).toBe(0);
  });
});

describe('boundedCache: module scope that stays bounded, the seed list case', () => {
  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = boundedCache<string, number>({ maxEntries: 3 });
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('d', 4);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.has('d')]).toEqual([true, false, true, true]);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
  });

  it('expires entries older than ttlMs on read, with no timer', async () => {
    const before = process.getActiveResourcesInfo().length;
    const cache = boundedCache<string, string>({ maxEntries: 10, ttlMs: 20 });
    cache.set('x', 'y');
    expect(process.getActiveResourcesInfo().length).toBe(before);
    expect(cache.get('x')).toBe('y');
    await new Promise((r) => setTimeout(r, 40));
    expect(cache.get('x')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('getOrSet caches values and promises, and drops a rejected promise', async () => {
    const cache = boundedCache<string, Promise<number>>({ maxEntries: 10 });
    let loads = 0;
    const load = (): Promise<number> => Promise.resolve(++loads);
    expect(await cache.getOrSet('u', load)).toBe(1);
    expect(await cache.getOrSet('u', load)).toBe(1);
    await expect(cache.getOrSet('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await Promise.resolve();
    expect(cache.has('bad')).toBe(false);
  });

  it('rejects bad options with the option named', () => {
    expect(() => boundedCache({ maxEntries: 0 })).toThrow(/maxEntries must be a whole number ≥ 1, not 0/);
    expect(() => boundedCache({ maxEntries: 5, ttlMs: -1 })).toThrow(/ttlMs must be/);
    expect(() => boundedCache({ maxEntries: 5, max: 3 } as never)).toThrow(/unknown option 'max'/);
  });
});
