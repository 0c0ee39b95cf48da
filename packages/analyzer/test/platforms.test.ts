import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLogs, appInsightsRequest, parseGcpAzure, parseStructured, readFileEvents, type ReadCounts, type SandboxSeries } from '../src/index.js';
import { AZURE_FLEX_CONSUMPTION_PRICES, gcpPrices, lambdaPrices, type PriceTable } from '@leakwatch/core';
import { REAL_LOGS } from './real-logs.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
async function analyze(path: string) {
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  const sandboxes: Array<{ memoryMb: number; maxMemoryMb: number[]; durationMs: number[] }> = [];
  const onSandbox = (s: SandboxSeries): void => {
    sandboxes.push({ memoryMb: s.memoryMb, maxMemoryMb: s.memory.points().map((p) => p.max), durationMs: s.duration.points().map((p) => p.mean) });
  };
  return { ...(await analyzeLogs([readFileEvents(path, counts)], counts, { onSandbox })), sandboxes };
}

describe('structured lines', () => {
  it('reads platform.report and platform.runtimeDone (Lambda JSON log format, advanced logging controls doc)', () => {
    const report = '{"time":"2026-11-24T10:00:00.000Z","type":"platform.report","record":{"requestId":"r1","metrics":{"durationMs":10.5,"billedDurationMs":11,"memorySizeMB":256,"maxMemoryUsedMB":80,"initDurationMs":120},"status":"success"}}';
    expect(parseStructured(report)).toEqual({ type: 'report', requestId: 'r1', durationMs: 10.5, billedMs: 11, memoryMb: 256, maxMemoryMb: 80, initMs: 120 });
    expect(parseStructured('{"type":"platform.runtimeDone","record":{"requestId":"r2","status":"timeout","metrics":{"durationMs":3000}}}')).toEqual({ type: 'timeout', requestId: 'r2', afterSeconds: 3 });
    expect(parseStructured('{"type":"platform.report"')).toBeUndefined();
  });
  it('joins guard lines to their sandbox: heap series fires memory-creep, the guard finding passes through', async () => {
    const a = await analyze(join(FIXTURES, 'guard-lines-heap-growth.jsonl'));
    const kinds = a.findings.map((f) => f.kind).sort();
    expect(kinds).toEqual(['heap-growth', 'memory-creep']);
    const creep = a.findings.find((f) => f.kind === 'memory-creep');
    expect(creep?.function).toBe('cart');
    expect(creep?.evidence['slope']).toBeCloseTo(1, 5);
    expect(a.findings.find((f) => f.kind === 'heap-growth')?.evidence['sandbox']).toBe('sbx-1');
  });
});

describe('Google Cloud and Azure', () => {
  it('parses gen1/gen2 execution lines, timeouts and memory-limit kills', async () => {
    expect(parseGcpAzure('Function execution took 426 ms, finished with status code: 200')).toEqual({ type: 'invocation', durationMs: 426, status: '200', platform: 'gcp' });
    expect(parseGcpAzure('Memory limit of 512Mi exceeded with 530Mi used. Consider increasing the memory limit')).toMatchObject({ type: 'out-of-memory', platform: 'gcp', memoryMb: 512 });
    expect(parseGcpAzure('Memory limit of 2G exceeded with 2.1G used.')).toMatchObject({ memoryMb: 2048 });
    const a = await analyze(join(FIXTURES, 'gcp-logentry-timeout-memory.jsonl'));
    expect(a.findings.map((f) => f.kind).sort()).toEqual(['out-of-memory', 'timeout']);
    expect(a.findings.every((f) => f.function === 'thumbs')).toBe(true);
  });
  it('groups gen2 / Cloud Run entries by the instance that ran them (labels.instanceId), not by execution', async () => {
    // two instances of one function, each execution with its own id; instance A slows down by 40 ms per execution
    const entry = (instance: string, i: number, ms: number) =>
      JSON.stringify({ textPayload: `Function execution took ${ms} ms, finished with status code: 200`, resource: { type: 'cloud_run_revision', labels: { service_name: 'thumbs', location: 'us-central1' } }, timestamp: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(), labels: { execution_id: `exec-${instance}-${i}`, instanceId: `instance-${instance}` } });
    const lines = Array.from({ length: 30 }, (_, i) => [entry('a', i, 200 + 40 * i), entry('b', i, 200 + (i % 3))]).flat();
    const tmp = mkdtempSync(join(tmpdir(), 'lw-cloud-run-'));
    const path = join(tmp, 'cloud-run-instances.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const a = await analyze(path);
    rmSync(tmp, { recursive: true, force: true });
    expect(a.sandboxes).toHaveLength(2);
    expect(a.sandboxes.map((s) => s.durationMs.length)).toEqual([30, 30]);
    expect(a.findings.map((f) => [f.kind, f.evidence['sandbox']])).toEqual([['duration-growth', 'instance-a']]);
  });
  it('reads Cloud Run request logs (httpRequest.latency) as executions of their instance', async () => {
    const request = (instance: string, i: number, seconds: string) =>
      JSON.stringify({ httpRequest: { requestMethod: 'POST', requestUrl: 'https://thumbs-xyz.a.run.app/', status: 200, latency: seconds }, resource: { type: 'cloud_run_revision', labels: { service_name: 'thumbs', location: 'europe-west2' } }, timestamp: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(), labels: { instanceId: `instance-${instance}` }, logName: 'projects/p/logs/run.googleapis.com%2Frequests' });
    const lines = Array.from({ length: 30 }, (_, i) => [request('a', i, `${(0.2 + 0.04 * i).toFixed(6)}s`), request('b', i, '0.201000s')]).flat();
    const tmp = mkdtempSync(join(tmpdir(), 'lw-cloud-run-'));
    const path = join(tmp, 'requests.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const a = await analyze(path);
    rmSync(tmp, { recursive: true, force: true });
    expect(a.counts.reports).toBe(60);
    expect(a.sandboxes.map((s) => s.durationMs[0])).toEqual([200, 201]);
    expect(a.findings.map((f) => [f.kind, f.function, f.evidence['sandbox']])).toEqual([['duration-growth', 'thumbs', 'instance-a']]);
  });
  it('prices Google and Azure timeouts with their own tables, whatever AWS table was chosen', async () => {
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const prices = lambdaPrices({ region: 'af-south-1' });
    const gcp = await analyzeLogs([readFileEvents(join(FIXTURES, 'gcp-logentry-timeout-memory.jsonl'), counts)], counts, { prices });
    const g = gcp.findings.find((f) => f.kind === 'timeout')?.cost;
    // 60 s at the default 256 MiB: 15 GiB-s of memory and 0.167 vCPU × 60 s of CPU, billed apart
    expect(g?.gbSeconds).toBeCloseTo(15, 9);
    expect(g?.vcpuSeconds).toBeCloseTo(10.02, 9);
    expect(g?.usd).toBeCloseTo(15 * 0.0000025 + 10.02 * 0.000024, 12);
    expect(g?.period).toMatch(/Google Cloud Run functions \(Tier 1, us-central1\) prices read 2026-01-15, 256 MB assumed/);
    const azure = await analyzeLogs([readFileEvents(join(FIXTURES, 'azure-host-executed-timeout.log'), counts)], counts, { prices });
    const z = azure.findings.find((f) => f.kind === 'timeout')?.cost;
    expect(z?.usd).toBeCloseTo(300 * (128 / 1024) * 0.000016, 12);
    expect(z?.vcpuSeconds).toBeUndefined();
    expect(z?.period).toMatch(/Azure Functions Consumption prices read 2026-01-15, 128 MB assumed/);
    // the same timeout in a Lambda log is priced with the chosen AWS table
    const aws = await analyzeLogs([readFileEvents(join(FIXTURES, 'aws-s3export-timeout-oom-connections.log'), counts)], counts, { prices });
    expect(aws.findings.find((f) => f.kind === 'timeout')?.cost?.period).toMatch(/af-south-1/);
  });
  it('prices a Google sandbox at the tier of the region its entries name, unless a Google table was chosen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-gcp-tier-'));
    try {
      const london = join(dir, 'london.jsonl');
      writeFileSync(london, readFileSync(join(FIXTURES, 'gcp-logentry-timeout-memory.jsonl'), 'utf8').replaceAll('"us-central1"', '"europe-west2"'));
      const cost = async (path: string, prices?: PriceTable[]) => {
        const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
        const a = await analyzeLogs([readFileEvents(path, counts)], counts, prices ? { prices } : {});
        return a.findings.find((f) => f.kind === 'timeout')?.cost;
      };
      const iowa = await cost(join(FIXTURES, 'gcp-logentry-timeout-memory.jsonl'));
      const tier2 = await cost(london);
      expect(tier2?.period).toMatch(/Google Cloud Run functions \(Tier 2, europe-west2\) prices read 2026-11-29, 256 MB assumed/);
      expect(tier2?.vcpuSeconds).toBeCloseTo(iowa?.vcpuSeconds ?? 0, 12);
      expect((tier2?.usd ?? 0) / (iowa?.usd ?? 1)).toBeCloseTo(1.4, 9);
      // a chosen Google table (leakwatch logs --region us-central1) wins over the entries' region
      const chosen = await cost(london, [lambdaPrices(), gcpPrices('us-central1')]);
      expect(chosen?.usd).toBeCloseTo(iowa?.usd ?? 0, 15);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('prices Azure sandboxes with the Flex Consumption plan when it is chosen', async () => {
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const a = await analyzeLogs([readFileEvents(join(FIXTURES, 'azure-host-executed-timeout.log'), counts)], counts, { prices: [lambdaPrices(), AZURE_FLEX_CONSUMPTION_PRICES] });
    const z = a.findings.find((f) => f.kind === 'timeout')?.cost;
    // 300 s of a 2048 MB instance at $0.000026 per GB-s
    expect(z?.usd).toBeCloseTo(300 * 2 * 0.000026, 12);
    expect(z?.period).toMatch(/Azure Functions Flex Consumption \(on demand\) prices read 2026-11-29, 2048 MB assumed/);
  });
  it('parses Azure host Executed lines and the timeout line', async () => {
    expect(parseGcpAzure("Executed 'Functions.X' (Failed, Id=1, Duration=42ms)")).toEqual({ type: 'invocation', durationMs: 42, status: 'Failed', platform: 'azure' });
    const a = await analyze(join(FIXTURES, 'azure-host-executed-timeout.log'));
    expect(a.counts.reports).toBe(6);
    const t = a.findings.find((f) => f.kind === 'timeout');
    expect(t?.evidence['wastedMs']).toBe(300_000);
  });
  it('reads the Lambda Insights EMF doc example as a timed-out invocation', async () => {
    const a = await analyze(join(REAL_LOGS, 'aws-emf-lambda-insights-docexample.json'));
    expect(a.findings.map((f) => f.kind)).toEqual(['timeout']);
    expect(a.sandboxes[0]?.maxMemoryMb).toEqual([63]);
  });
});

describe('subscription-filter payloads (SubscriptionFilters doc shape)', () => {
  it('decodes base64 gzip lines and the awslogs Lambda event', async () => {
    for (const name of ['aws-subscription-payload.b64', 'aws-subscription-lambda-event.json']) {
      const a = await analyze(join(FIXTURES, name));
      expect(a.counts.reports).toBe(12);
      const creep = a.findings.find((f) => f.kind === 'memory-creep');
      expect(creep?.function).toBe('billing');
      expect(creep?.evidence['sandbox']).toBe('2026/11/24/[$LATEST]sub1');
    }
  });
});

describe('Logs Insights CSV export (memory in bytes)', () => {
  it('reads the header, quoted multi-line cells, and creeping memory from byte fields', async () => {
    const a = await analyze(join(FIXTURES, 'aws-insights-export.csv'));
    expect(a.counts.reports).toBe(12);
    expect(a.counts.unreadable).toBe(0);
    expect(a.sandboxes[0]?.maxMemoryMb.slice(0, 3)).toEqual([70, 72, 74]);
    expect(a.sandboxes[0]?.memoryMb).toBe(256);
    expect(a.findings.map((f) => f.kind)).toContain('memory-creep');
  });
});

describe('Azure Application Insights request exports (requests table, AppRequests, continuous export)', () => {
  it.each(['azure-appinsights-requests.csv', 'azure-appinsights-requests-query.json', 'azure-appinsights-continuous-export.jsonl'])('%s: sandbox = cloud_RoleInstance, duration growth on one host, two timeouts on the other', async (name) => {
    const a = await analyze(join(FIXTURES, name));
    expect(a.counts.unreadable).toBe(0);
    expect(a.counts.reports).toBe(60);
    expect(a.counts.sandboxes).toBe(2);
    expect(a.findings.map((f) => [f.kind, f.function, f.evidence['sandbox']]).sort()).toEqual([
      ['duration-growth', 'Orders', 'a1b2c3d4e5f6host0'],
      ['timeout', 'Orders', '9f8e7d6c5b4ahost1'],
    ]);
    const growth = a.findings.find((f) => f.kind === 'duration-growth');
    expect(growth?.evidence['slope']).toBeCloseTo(20, 0);
    const timeout = a.findings.find((f) => f.kind === 'timeout');
    expect(timeout?.evidence['timeouts']).toBe(2);
    expect(timeout?.evidence['wastedMs']).toBe(600_000);
    expect(a.sandboxes.map((s) => s.durationMs.length)).toEqual([30, 30]);
  });
  it('reads the workspace AppRequests columns, and needs the request shape (a stray duration field is not a request)', () => {
    expect(appInsightsRequest({ TimeGenerated: '2026-11-24T10:00:00Z', Name: 'Orders', Success: false, ResultCode: '500', DurationMs: 600_100, AppRoleInstance: 'h1', OperationId: 'op' }))
      .toEqual({ fn: 'Orders', sandbox: 'h1', durationMs: 600_100, success: false, time: Date.parse('2026-11-24T10:00:00Z'), resultCode: '500', operationId: 'op', timeoutSeconds: 600 });
    expect(appInsightsRequest({ name: 'x', duration: 5 })).toBeUndefined();
    expect(appInsightsRequest({ name: 'x', duration: 'abc', success: 'True', cloud_RoleInstance: 'h' })).toBeUndefined();
    // a failed request far from any limit is a failure, not a timeout
    expect(appInsightsRequest({ name: 'x', duration: 1200, success: 'False', resultCode: '500', cloud_RoleInstance: 'h' })?.timeoutSeconds).toBeUndefined();
  });
});
