import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Finding } from '@leakwatch/core';
import { describe, expect, it } from 'vitest';
import { analyzeLogs, readFileEvents, readScannedBatches, type ReadCounts, type SandboxSeries } from '../src/index.js';
import { REAL_LOGS } from './real-logs.js';

const REAL = REAL_LOGS;
const FIXTURES = join(import.meta.dirname, 'fixtures');

async function analyze(path: string) {
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  const sandboxes: Array<{ memoryMb: number; maxMemoryMb: number[]; durationMs: number[] }> = [];
  const onSandbox = (s: SandboxSeries): void => {
    sandboxes.push({ memoryMb: s.memoryMb, maxMemoryMb: s.memory.points().map((p) => p.max), durationMs: s.duration.points().map((p) => p.mean) });
  };
  return { ...(await analyzeLogs([readFileEvents(path, counts)], counts, { onSandbox })), sandboxes };
}

describe('real logs (from /work/shared/real-logs/README.md)', () => {
  it('proudier poor: 4 invocations, 81→82→82→82 MB, no memory-creep', async () => {
    const a = await analyze(join(REAL, 'aws-text-java-poor-lambda-proudier.log'));
    expect(a.counts.reports).toBe(4);
    expect(a.sandboxes[0]?.maxMemoryMb).toEqual([81, 82, 82, 82]);
    expect(a.sandboxes[0]?.memoryMb).toBe(512);
    expect(a.findings.filter((f) => f.kind === 'memory-creep')).toEqual([]);
  });
  it('proudier better: 65→65→66→66 MB, flat', async () => {
    const a = await analyze(join(REAL, 'aws-text-java-better-lambda-proudier.log'));
    expect(a.sandboxes[0]?.maxMemoryMb).toEqual([65, 65, 66, 66]);
    expect(a.findings).toEqual([]);
  });
  it('drinkingtheink filter-log-events: 265 events, 49 REPORTs from 2 streams, 128 MB, durations up to 323568 ms, no creep', async () => {
    const a = await analyze(join(REAL, 'aws-filterlogevents-node-drinkingtheink.json'));
    expect(a.counts.events).toBe(265);
    expect(a.counts.reports).toBe(49);
    expect(a.sandboxes).toHaveLength(2);
    expect(new Set(a.sandboxes.map((s) => s.memoryMb))).toEqual(new Set([128]));
    expect(Math.max(...a.sandboxes.flatMap((s) => s.durationMs))).toBeCloseTo(323568, -1);
    expect(a.findings.filter((f) => f.kind === 'memory-creep')).toEqual([]);
  });
  it('Embr Logs Insights results: 50 rows, 12 REPORTs, 2 streams', async () => {
    const a = await analyze(join(REAL, 'aws-insights-getqueryresults-embr.json'));
    expect(a.counts.events).toBe(50);
    expect(a.counts.reports).toBe(12);
    expect(a.sandboxes).toHaveLength(2);
  });
  it('AWS docs get-log-events: one REPORT with a trailing tab', async () => {
    const a = await analyze(join(REAL, 'aws-getlogevents-node-docexample-awsdocs.json'));
    expect(a.counts.reports).toBe(1);
    expect(a.counts.unreadable).toBe(0);
  });
  it('every real file reads without error; the only finding is the EMF doc example\'s timeout (newest-first exports are no dangling work)', async () => {
    const kinds: string[] = [];
    for (const name of readdirSync(REAL)) kinds.push(...(await analyze(join(REAL, name))).findings.map((f) => f.kind));
    expect(kinds).toEqual(['timeout']);
  });
});

describe('fixtures', () => {
  it('leaky and step sandboxes (shape of the FilterLogEvents API reference): creep fires on the leaky one only', async () => {
    const a = await analyze(join(FIXTURES, 'aws-filterlogevents-leaky-and-step.json'));
    const creep = a.findings.filter((f) => f.kind === 'memory-creep');
    expect(creep).toHaveLength(1);
    expect(creep[0]?.function).toBe('orders');
    expect(creep[0]?.evidence['sandbox']).toBe('2026/11/24/[$LATEST]aaaa1111leaky');
    expect(creep[0]?.evidence.summary?.[1]).toMatch(/reaches 512 MB in ~172 more invocations/);
    // the fleet: the leaking sandbox highlighted, the other one beside it for the chart
    expect(creep[0]?.evidence.series?.map((s) => [s.label.split(', ')[1], s.highlight === true])).toEqual([
      ['2026/11/24/[$LATEST]aaaa1111leaky', true],
      ['2026/11/24/[$LATEST]bbbb2222step', false],
    ]);
    expect(creep[0]?.evidence.series?.[0]?.x?.[0]).toBeGreaterThan(1.7e12);
  });
  it('S3 export text (Lambda monitoring guide line formats): timeout, OOM and too many clients', async () => {
    const a = await analyze(join(FIXTURES, 'aws-s3export-timeout-oom-connections.log'));
    expect(a.counts.reports).toBe(8);
    expect(a.findings.map((f) => f.kind).sort()).toEqual(['connection-exhaustion', 'out-of-memory', 'timeout']);
  });
});

describe('out-of-memory kills: counted once per request, their billed time priced', () => {
  const id = '6c2a6f4e-1111-4c4c-9a9a-000000000002';
  const other = '6c2a6f4e-1111-4c4c-9a9a-000000000003';
  const report = (rid: string, max: number, billed: number) => `REPORT RequestId: ${rid}\tDuration: ${billed}.00 ms\tBilled Duration: ${billed} ms\tMemory Size: 512 MB\tMax Memory Used: ${max} MB\tStatus: error\tError Type: Runtime.OutOfMemory`;
  const lines = [
    `START RequestId: ${id} Version: 3`,
    `2026-12-01T10:00:00.000Z\t${id}\tERROR\tRuntime exited with error: signal: killed`,
    `END RequestId: ${id}`,
    report(id, 512, 900),
    `START RequestId: ${other} Version: 3`,
    `END RequestId: ${other}`,
    report(other, 512, 1100),
  ];
  const analyzeText = async (text: string, name: string) => {
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    return analyzeLogs([readScannedBatches(Readable.from([Buffer.from(text)]), name, counts)], counts);
  };
  const expectTwoKills = (findings: Finding[]) => {
    const oom = findings.filter((f) => f.kind === 'out-of-memory');
    expect(oom).toHaveLength(1);
    expect(oom[0]?.evidence['kills']).toBe(2);
    expect(oom[0]?.evidence['wastedMs']).toBe(2000);
    // 2 s at 0.5 GB = 1 GB-s, at us-east-1 x86 $0.0000166667 per GB-s
    expect(oom[0]?.cost?.usd).toBeCloseTo(0.0000166667, 9);
    expect(oom[0]?.evidence.summary?.[0]).toBe('billed time of the killed invocations: 2.0 s');
  };
  it('a REPORT with Status: timeout at the memory limit is a timeout, not also a kill (its billed time priced once)', async () => {
    const t = 'REPORT RequestId: 11111111-1111-1111-1111-111111111111\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout';
    const { findings } = await analyzeText(`${t}\n`, 'timeout.log');
    expect(findings.map((f) => f.kind)).toEqual(['timeout']);
  });
  it('Lambda text: the error line and the REPORT of one request are one kill', async () => {
    expectTwoKills((await analyzeText(lines.join('\n') + '\n', 'oom.log')).findings);
  });
  it('CloudWatch JSON Lines (the line scanner reads a plain REPORT at the limit): the same', async () => {
    const plain = lines.map((l) => (l.startsWith(`REPORT RequestId: ${other}`) ? l.replace('\tStatus: error\tError Type: Runtime.OutOfMemory', '') : l));
    expect(plain).not.toEqual(lines);
    const json = plain.map((message, i) => JSON.stringify({ logGroupName: '/aws/lambda/orders', logStreamName: '2026/12/01/[3]abc', timestamp: 1764583200000 + i, message })).join('\n') + '\n';
    expectTwoKills((await analyzeText(json, 'oom.jsonl')).findings);
  });
});

describe('Lambda JSON log format lines as copied (no CloudWatch envelope)', () => {
  it('a timeout and an out-of-memory kill, the file named as function and sandbox', async () => {
    const lines = [
      { time: '2026-12-01T10:00:00.000Z', type: 'platform.start', record: { requestId: 'r-1', version: '$LATEST' } },
      { time: '2026-12-01T10:00:03.001Z', type: 'platform.report', record: { requestId: 'r-1', metrics: { durationMs: 3000, billedDurationMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 90 }, status: 'timeout' } },
      { time: '2026-12-01T10:01:00.500Z', type: 'platform.report', record: { requestId: 'r-2', metrics: { durationMs: 500, billedDurationMs: 500, memorySizeMB: 128, maxMemoryUsedMB: 128 }, status: 'error', errorType: 'Runtime.OutOfMemory' } },
    ].map((l) => JSON.stringify(l));
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const a = await analyzeLogs([readScannedBatches(Readable.from([Buffer.from(lines.join('\n') + '\n')]), 'orders.jsonl', counts)], counts);
    expect(a.counts.reports).toBe(2);
    expect(a.findings.map((f) => [f.kind, f.function, f.evidence['sandbox']]).sort()).toEqual([
      ['out-of-memory', 'orders.jsonl', 'orders.jsonl'],
      ['timeout', 'orders.jsonl', 'orders.jsonl'],
    ]);
  });
});
