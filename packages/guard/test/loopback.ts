import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on 127.0.0.1 that answers `ok` after `delayMs`; close it in afterAll. */
export async function loopbackServer(delayMs = 0): Promise<{ server: Server; url: string; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => res.end('ok'), delayMs);
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON lines a guard logged, parsed. */
export const parsed = (lines: readonly string[]): Array<Record<string, unknown> & { LeakwatchType: string }> => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { LeakwatchType: string });
export const metricsLines = (lines: readonly string[]): Array<Record<string, unknown>> => parsed(lines).filter((l) => l.LeakwatchType === 'invocation');
