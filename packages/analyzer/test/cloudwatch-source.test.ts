import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeLogs, insightsQuery, mergeInsightsResults, readCloudWatchEvents, runInsightsQuery, type CloudWatchOptions, type ReadCounts } from '../src/index.js';

// AWS itself cannot run here: a loopback HTTP server speaks the CloudWatch Logs JSON protocol
// (X-Amz-Target: Logs_20140328.<Operation>) and the real SDK talks to it via `endpoint`.
const seen: Array<{ target: string; body: Record<string, unknown> }> = [];
let server: Server;
let options: CloudWatchOptions;

function report(i: number): string {
  return `REPORT RequestId: r${i}\tDuration: 10 ms\tBilled Duration: 10 ms\tMemory Size: 256 MB\tMax Memory Used: ${60 + 2 * i} MB\t\n`;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as Record<string, unknown>;
}

beforeAll(async () => {
  let polls = 0;
  server = createServer((req, res) => {
    void body(req).then((b) => {
      const target = String(req.headers['x-amz-target'] ?? '').replace('Logs_20140328.', '');
      seen.push({ target, body: b });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target === 'FilterLogEvents') {
        const page = b['nextToken'] === 'p2' ? 1 : 0;
        const events = Array.from({ length: 10 }, (_, k) => ({ logStreamName: 'stream-a', timestamp: 1764000000000 + (page * 10 + k) * 60000, message: report(page * 10 + k) }));
        res.end(JSON.stringify({ events, ...(page === 0 ? { nextToken: 'p2' } : {}) }));
      } else if (target === 'StartQuery') {
        res.end(JSON.stringify({ queryId: 'q-1' }));
      } else if (target === 'GetQueryResults') {
        polls++;
        res.end(JSON.stringify(polls < 2 ? { status: 'Running', results: [] } : {
          status: 'Complete',
          results: [[{ field: '@log', value: '1:/aws/lambda/orders' }, { field: '@logStream', value: 's' }, { field: 'n', value: '3' }, { field: 'timeoutLines', value: '1' }]],
        }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnknownOperationException' }));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  options = { logGroup: '/aws/lambda/orders', sinceMs: 1764000000000, untilMs: 1764003600000, region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' }, pollMs: 5 };
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('CloudWatch through the AWS SDK (fake CloudWatch endpoint)', () => {
  it('pages FilterLogEvents and finds the creeping stream', async () => {
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const a = await analyzeLogs([readCloudWatchEvents(options)], counts);
    expect(a.counts.reports).toBe(20);
    expect(seen.filter((s) => s.target === 'FilterLogEvents').map((s) => s.body['nextToken'])).toEqual([undefined, 'p2']);
    expect(seen[0]?.body['logGroupName']).toBe('/aws/lambda/orders');
    const creep = a.findings.find((f) => f.kind === 'memory-creep');
    expect(creep?.function).toBe('orders');
    expect(creep?.evidence['sandbox']).toBe('stream-a');
  });
  it('runs the Insights query, polls until complete and merges the rows', async () => {
    const rows = await runInsightsQuery(options, insightsQuery(options.sinceMs));
    const start = seen.find((s) => s.target === 'StartQuery');
    expect(start?.body['queryString']).toContain('by @log, @logStream');
    expect(start?.body['startTime']).toBe(1764000000);
    expect(mergeInsightsResults(rows).map((f) => f.kind)).toEqual(['timeout']);
  });
});
