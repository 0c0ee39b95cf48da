import { describe, expect, it } from 'vitest';
import { detectSandbox } from './detect-sandbox.js';
import { addRecord, safeText, type SandboxSeries } from './sandbox-series.js';

function sandbox(used: number[], memoryMb = 512): SandboxSeries {
  const all = new Map<string, SandboxSeries>();
  used.forEach((m, i) => addRecord(all, 'fn', 's1', { type: 'report', requestId: `r${i}`, durationMs: 100, billedMs: 100, memoryMb, maxMemoryMb: m }, 1_000_000 + i * 60_000));
  const s = [...all.values()][0];
  if (!s) throw new Error('no sandbox');
  return s;
}

describe('memory-creep', () => {
  it('fires on a steady 2 MB/invocation rise, with a projection and a highlighted series', () => {
    const [f] = detectSandbox(sandbox(Array.from({ length: 30 }, (_, i) => 80 + 2 * i)), { minCreepMb: 0.25 });
    expect(f?.kind).toBe('memory-creep');
    expect(f?.evidence['slope']).toBeCloseTo(2, 5);
    expect(f?.evidence['invocationsUntilLimit']).toBeCloseTo((512 - 138) / 2, 5);
    expect(f?.evidence.series?.[0]?.highlight).toBe(true);
  });
  it('stays quiet on a single step after one large request', () => {
    const y = Array.from({ length: 30 }, (_, i) => (i < 12 ? 90 : 170));
    expect(detectSandbox(sandbox(y))).toEqual([]);
  });
  it('judges long series by bucket maxima and keeps the per-invocation slope', () => {
    const [f] = detectSandbox(sandbox(Array.from({ length: 5000 }, (_, i) => 80 + Math.floor(i / 20)), 2048), { minCreepMb: 0.01 });
    expect(f?.kind).toBe('memory-creep');
    expect(f?.evidence['slope']).toBeCloseTo(0.05, 2);
  });
  it('stays quiet on flat memory with noise', () => {
    expect(detectSandbox(sandbox(Array.from({ length: 30 }, (_, i) => 100 + (i % 3))))).toEqual([]);
  });
});

describe('timeout and out-of-memory', () => {
  it('counts a timeout line and its REPORT once, and prices the wasted time', () => {
    const all = new Map<string, SandboxSeries>();
    addRecord(all, 'fn', 's', { type: 'timeout', requestId: 'r1', afterSeconds: 3 }, 1);
    addRecord(all, 'fn', 's', { type: 'report', requestId: 'r1', durationMs: 3000, billedMs: 3000, memoryMb: 1024, maxMemoryMb: 100, status: 'timeout' }, 2);
    const [f] = detectSandbox([...all.values()][0] as SandboxSeries);
    expect(f?.kind).toBe('timeout');
    expect(f?.evidence['timeouts']).toBe(1);
    expect(f?.cost?.gbSeconds).toBe(3);
    expect(f?.cost?.usd).toBeCloseTo(3 * 0.0000166667, 10);
  });
  it('escapes control characters and truncates log text', () => {
    expect(safeText('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(safeText('x'.repeat(500)).length).toBe(160);
  });
});

describe('dangling-work (lines after END)', () => {
  const id1 = '11111111-2222-4333-8444-555555555555';
  const id2 = '66666666-2222-4333-8444-555555555555';
  it('fires when a request logs after its END, not for lines inside the invocation', async () => {
    const { parseAwsText } = await import('./parse-aws-text.js');
    const lines = (late: boolean) => [
      `START RequestId: ${id1} Version: $LATEST`,
      `2026-11-24T10:00:00.010Z\t${id1}\tINFO\tsaving`,
      `END RequestId: ${id1}`,
      `START RequestId: ${id2} Version: $LATEST`,
      late ? `2026-11-24T10:01:00.020Z\t${id1}\tINFO\tsaved (late)` : `2026-11-24T10:01:00.020Z\t${id2}\tINFO\tsaved`,
      `END RequestId: ${id2}`,
    ];
    for (const late of [true, false]) {
      const all = new Map<string, SandboxSeries>();
      for (const l of lines(late)) {
        const r = parseAwsText(l);
        if (r) addRecord(all, 'fn', 's', r, undefined);
      }
      const kinds = detectSandbox([...all.values()][0] as SandboxSeries).map((f) => f.kind);
      expect(kinds).toEqual(late ? ['dangling-work'] : []);
    }
  });
});

describe('time order and duration-growth', () => {
  it('judges newest-first exports in time order', () => {
    const all = new Map<string, SandboxSeries>();
    for (let i = 29; i >= 0; i--) addRecord(all, 'fn', 's', { type: 'report', requestId: `r${i}`, durationMs: 100, billedMs: 100, memoryMb: 512, maxMemoryMb: 80 + 2 * i }, 1_000_000 + i * 60_000);
    expect(detectSandbox([...all.values()][0] as SandboxSeries).map((f) => f.kind)).toEqual(['memory-creep']);
  });
  it('fires on a steady duration rise, not on workload swings', () => {
    const run = (d: (i: number) => number) => {
      const all = new Map<string, SandboxSeries>();
      for (let i = 0; i < 30; i++) addRecord(all, 'fn', 's', { type: 'report', requestId: `r${i}`, durationMs: d(i), billedMs: d(i), memoryMb: 512, maxMemoryMb: 100 }, 1_000_000 + i * 60_000);
      return detectSandbox([...all.values()][0] as SandboxSeries).map((f) => f.kind);
    };
    expect(run((i) => 100 + 15 * i)).toEqual(['duration-growth']);
    expect(run((i) => (i % 5 === 0 ? 30000 : 90 + (i % 3)))).toEqual([]);
  });
});
