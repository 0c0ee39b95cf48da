import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';

const REAL = new URL('../../../../shared/real-logs/', import.meta.url).pathname;
const FIX = new URL('./fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lw-analyzer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const rid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** A sandbox's stream as the Lambda text format writes it (docs: nodejs-logging). */
function stream(mem: (i: number) => number, count: number, opts: { size?: number; dur?: (i: number) => number; t0?: number } = {}): string {
  const lines: string[] = [];
  const t0 = opts.t0 ?? Date.UTC(2026, 10, 20, 10);
  for (let i = 0; i < count; i++) {
    const id = rid();
    const ts = new Date(t0 + i * 60_000).toISOString();
    const d = opts.dur ? opts.dur(i) : 20 + (i % 3);
    lines.push(`${ts} START RequestId: ${id} Version: $LATEST`);
    lines.push(`${ts} END RequestId: ${id}`);
    lines.push(`${ts} REPORT RequestId: ${id}\tDuration: ${d.toFixed(2)} ms\tBilled Duration: ${Math.ceil(d)} ms\tMemory Size: ${opts.size ?? 512} MB\tMax Memory Used: ${mem(i)} MB\t${i === 0 ? 'Init Duration: 250.00 ms\t' : ''}`);
  }
  return lines.join('\n') + '\n';
}

function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('real platform logs (shared/real-logs)', () => {
  it('proudier poor: 4 invocations, 81→82 MB, flat: no memory-creep', async () => {
    const r = await analyzeLogs([{ path: join(REAL, 'aws-text-java-poor-lambda-proudier.log') }]);
    expect(r.functions[0]).toMatchObject({ invocations: 4, sandboxes: 1, memorySizeMb: 512 });
    expect(r.stats.unreadable).toBe(0);
    expect(r.findings.filter((f) => f.kind === 'memory-creep')).toEqual([]);
  });

  it('drinkingtheink filter-log-events: 49 REPORTs from 2 streams, 128 MB', async () => {
    const r = await analyzeLogs([{ path: join(REAL, 'aws-filterlogevents-node-drinkingtheink.json') }]);
    expect(r.functions[0]).toMatchObject({ invocations: 49, sandboxes: 2, memorySizeMb: 128 });
    expect(r.findings.filter((f) => f.kind === 'memory-creep')).toEqual([]);
  });

  it('embr Logs Insights results: 12 REPORTs, 2 streams, memory in bytes read as MB', async () => {
    const r = await analyzeLogs([{ path: join(REAL, 'aws-insights-getqueryresults-embr.json') }]);
    expect(r.functions[0]).toMatchObject({ invocations: 12, sandboxes: 2, memorySizeMb: 128 });
  });

  it('get-log-events doc example and Lambda Insights EMF (timeout)', async () => {
    const a = await analyzeLogs([{ path: join(REAL, 'aws-getlogevents-node-docexample-awsdocs.json') }]);
    expect(a.functions[0]?.invocations).toBe(1);
    const b = await analyzeLogs([{ path: join(REAL, 'aws-emf-lambda-insights-docexample.json') }]);
    const t = b.findings.find((f) => f.kind === 'timeout');
    expect(t?.function).toBe('cpu-intensive');
    expect(t?.cost?.gbSeconds).toBeCloseTo((256 / 1024) * 45.2, 3);
  });

  it('GCP gen1 LogEntry: execution took N ms', async () => {
    const r = await analyzeLogs([{ path: join(REAL, 'gcp-gen1-logentry-execution-start-took-gcp-serverless-orchestrator.jsonl') }]);
    const took = r.functions.find((f) => f.invocations === 1);
    expect(took).toMatchObject({ platform: 'gcp', billedSeconds: 0.426 });
  });
});

describe('memory-creep', () => {
  it('fires on a steady 2 MB/invocation rise, with a projection to the memory size', async () => {
    const p = file('creep.log', stream((i) => 100 + 2 * i, 40));
    const r = await analyzeLogs([{ path: p }]);
    const f = r.findings.find((x) => x.kind === 'memory-creep');
    expect(f).toBeDefined();
    const sb = (f!.evidence['sandboxes'] as Array<{ slopeMbPerInvocation: number; invocationsUntilLimit: number }>)[0]!;
    expect(sb.slopeMbPerInvocation).toBeCloseTo(2, 1);
    expect(sb.invocationsUntilLimit).toBe(Math.ceil((512 - 178) / 2));
    expect(f!.evidence.series?.[0]?.highlight).toBe(true);
    expect(f!.evidence.summary?.join('\n')).toMatch(/reaches 512 MB in ~167 invocations \(~2\.8 hours\)/);
  });

  it('does not fire on one step after one large request', async () => {
    const p = file('step.log', stream((i) => (i < 20 ? 100 : 160), 40));
    const r = await analyzeLogs([{ path: p }]);
    expect(r.findings.filter((x) => x.kind === 'memory-creep')).toEqual([]);
  });

  it('does not fire on a flat sandbox with jitter', async () => {
    const p = file('flat.log', stream((i) => 100 + (i % 2), 60));
    expect((await analyzeLogs([{ path: p }])).findings.filter((x) => x.kind === 'memory-creep')).toEqual([]);
  });

  it('reads gzip (S3 export) and standard input the same way', async () => {
    const text = stream((i) => 100 + 2 * i, 30);
    const gz = await analyzeLogs([{ path: file('export.log.gz', gzipSync(text)) }]);
    const stdin = await analyzeLogs([{ name: '<stdin>', stream: Readable.from([text]) }]);
    expect(gz.findings.some((f) => f.kind === 'memory-creep')).toBe(true);
    expect(stdin.findings.some((f) => f.kind === 'memory-creep')).toBe(true);
  });
});

describe('failures and cost', () => {
  it('platform.report JSON: timeout with billed time, out-of-memory', async () => {
    const r = await analyzeLogs([{ path: join(FIX, 'aws-json-format-platform-report.jsonl') }], { functionName: 'orders' });
    const t = r.findings.find((f) => f.kind === 'timeout');
    expect(t?.evidence['wastedMs']).toBe(3000);
    expect(t?.cost?.usd).toBeCloseTo(0.5 * 3 * 0.0000166667, 9);
    expect(r.findings.find((f) => f.kind === 'out-of-memory')?.title).toContain('1 out-of-memory kill');
  });

  it('arm64 prices lower than x86', async () => {
    const x86 = await analyzeLogs([{ path: join(FIX, 'aws-json-format-platform-report.jsonl') }]);
    const arm = await analyzeLogs([{ path: join(FIX, 'aws-json-format-platform-report.jsonl') }], { arch: 'arm64' });
    const usd = (r: typeof x86): number => r.findings.find((f) => f.kind === 'timeout')?.cost?.usd ?? 0;
    expect(usd(arm)).toBeLessThan(usd(x86));
  });

  it('Azure host lines and GCP gen2 memory messages', async () => {
    const az = await analyzeLogs([{ path: join(FIX, 'azure-host.log') }]);
    expect(az.functions.find((f) => f.function === 'checkout')).toMatchObject({ platform: 'azure', invocations: 2, timeouts: 1 });
    const gcp = await analyzeLogs([{ path: join(FIX, 'gcp-gen2-memory.jsonl') }]);
    expect(gcp.findings.find((f) => f.kind === 'out-of-memory')?.function).toBe('thumbnailer');
    expect(gcp.findings.find((f) => f.kind === 'timeout')?.function).toBe('thumbnailer');
  });

  it('too many connections, and a line logged after END', async () => {
    const r = await analyzeLogs([{ path: join(FIX, 'mysql-too-many.log') }]);
    expect(r.findings.find((f) => f.kind === 'connection-exhaustion')?.evidence['refusals']).toBe(1);
    const late = r.findings.find((f) => f.kind === 'dangling-work');
    expect(late?.evidence.summary?.[0]).toContain('audit write finished');
  });

  it('over-provisioned memory with a recommended size; none when memory is used', async () => {
    const p = file('big.log', stream(() => 90, 30, { size: 1024 }));
    const f = (await analyzeLogs([{ path: p }])).findings.find((x) => x.kind === 'over-provisioned-memory');
    expect(f?.evidence['recommendedMb']).toBe(192);
    expect(f?.cost?.usd).toBeGreaterThan(0);
    const q = file('used.log', stream(() => 700, 30, { size: 1024 }));
    expect((await analyzeLogs([{ path: q }])).findings.some((x) => x.kind === 'over-provisioned-memory')).toBe(false);
  });

  it('duration growth within a sandbox, and none for flat durations', async () => {
    const p = file('slow.log', stream(() => 100, 40, { dur: (i) => 20 + 5 * i }));
    expect((await analyzeLogs([{ path: p }])).findings.some((x) => x.kind === 'duration-growth')).toBe(true);
    const q = file('steady.log', stream(() => 100, 40));
    expect((await analyzeLogs([{ path: q }])).findings.some((x) => x.kind === 'duration-growth')).toBe(false);
  });

  it('subscription-filter payloads (base64 gzip JSON) and Insights CSV', async () => {
    const payload = { messageType: 'DATA_MESSAGE', logGroup: '/aws/lambda/payments', logStream: '2026/11/20/[$LATEST]abc', logEvents: [{ id: '1', timestamp: 1, message: 'Task timed out after 6.00 seconds' }] };
    const r = await analyzeLogs([{ path: file('sub.txt', gzipSync(JSON.stringify(payload)).toString('base64') + '\n') }]);
    expect(r.findings.find((f) => f.kind === 'timeout')?.function).toBe('payments');
    const csv = '@timestamp,@logStream,@message\n2026-11-20 10:00:00.000,s1,"REPORT RequestId: 9\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB"\n';
    expect((await analyzeLogs([{ path: file('q.csv', csv) }])).functions[0]?.invocations).toBe(1);
  });
});

describe('bad input', () => {
  it('a missing file names it', async () => {
    await expect(analyzeLogs([{ path: join(dir, 'nope.log') }])).rejects.toThrow(/no such file/);
  });

  it('a JSON document cut short names the file and line', async () => {
    const p = file('cut.json', '{\n  "events": [\n    {"timestamp": 1, "message": "START');
    await expect(analyzeLogs([{ path: p }])).rejects.toMatchObject({ code: 'LW_INVALID_JSON', input: p });
  });

  it('counts REPORT lines it cannot read instead of failing', async () => {
    const p = file('messy.log', 'REPORT RequestId: x\tDuration: \tgarbage\nREPORT RequestId: y  Duration: 5 ms  Billed Duration: 5 ms  Memory Size: 128 MB  Max Memory Used: 50 MB\n');
    const r = await analyzeLogs([{ path: p }]);
    expect(r.stats.unreadable).toBe(1);
    expect(r.functions[0]?.invocations).toBe(1);
  });
});
