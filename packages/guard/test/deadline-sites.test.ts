// The deadline line names each outbound request still hung without a timeout: its peer (never the
// path or query) and the line of the handler that started it (http: on Node >= 22.12, which
// publishes the request's creation). A real hung server on loopback.
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withLeakGuard } from '@leakwatch/guard';
import { parsed } from './loopback.js';

const self = fileURLToPath(import.meta.url);
const lineOf = (marker: string): number => readFileSync(self, 'utf8').split('\n').findIndex((l) => l.includes(marker) && !l.includes('lineOf(')) + 1;
const ctx = (ms: number): { awsRequestId: string; functionName: string; getRemainingTimeInMillis: () => number } => {
  const end = Date.now() + ms;
  return { awsRequestId: 'req-1', functionName: 'payments', getRemainingTimeInMillis: () => end - Date.now() };
};

describe('deadline line', () => {
  it('names each request without a timeout that is still pending, with its peer and the line that started it', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    const port = (hung.address() as AddressInfo).port;
    const lines: string[] = [];
    const handler = withLeakGuard(
      async (_event: unknown, _context: unknown) => {
        const paid = fetch(`http://127.0.0.1:${port}/pay?token=s3cret-token`).catch(() => 'closed'); // FETCH_LINE
        const req = request({ host: '127.0.0.1', port, path: '/refund?token=s3cret-token' }); // HTTP_LINE
        req.on('error', () => undefined);
        req.end();
        await new Promise((r) => setTimeout(r, 300));
        void paid;
        return 'gave up';
      },
      { log: (l) => lines.push(l), deadlineMarginMs: 150 },
    );
    try {
      expect(await handler({}, ctx(400))).toBe('gave up');
      const deadline = parsed(lines).find((l) => l.LeakwatchType === 'deadline') as { pending: { type: string; peer?: string; site?: string }[] } | undefined;
      expect(deadline, lines.join('\n')).toBeDefined();
      const requests = deadline!.pending.filter((p) => p.type === 'request without timeout');
      const file = 'packages/guard/test/deadline-sites.test.ts';
      // fetch everywhere; http where Node publishes the request's creation (22.12 and later)
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const httpSites = major > 22 || (major === 22 && minor >= 12);
      expect(requests).toHaveLength(2);
      expect(requests.map((r) => r.site).filter(Boolean).sort()).toEqual([`${file}:${lineOf('// FETCH_LINE')}`, ...(httpSites ? [`${file}:${lineOf('// HTTP_LINE')}`] : [])].sort());
      for (const r of requests) expect(r.peer).toBe(`127.0.0.1:${port}`);
      expect(lines.join('\n')).not.toContain('s3cret');
    } finally {
      hung.closeAllConnections();
      await new Promise<void>((r) => hung.close(() => r()));
    }
  });

  it('a request that answered in time, or had a timeout, is not named', async () => {
    const fast = createServer((_q, res) => res.end('ok'));
    await new Promise<void>((r) => fast.listen(0, '127.0.0.1', () => r()));
    const port = (fast.address() as AddressInfo).port;
    const lines: string[] = [];
    const handler = withLeakGuard(
      async (_event: unknown, _context: unknown) => {
        await (await fetch(`http://127.0.0.1:${port}/`)).text();
        await new Promise((r) => setTimeout(r, 300));
        return 'slow but nothing pending';
      },
      { log: (l) => lines.push(l), deadlineMarginMs: 150 },
    );
    try {
      await handler({}, ctx(400));
      const deadline = parsed(lines).find((l) => l.LeakwatchType === 'deadline') as { pending: { type: string }[] } | undefined;
      expect(deadline).toBeDefined();
      expect(deadline!.pending.filter((p) => p.type === 'request without timeout')).toEqual([]);
    } finally {
      fast.closeAllConnections();
      await new Promise<void>((r) => fast.close(() => r()));
    }
  });
});
