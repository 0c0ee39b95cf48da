import { lambdaPrices } from '@leakwatch/core';
import { describe, expect, it } from 'vitest';
import { detectFunction } from './detect-function.js';
import { addSandboxTotals, newFunctionTotals, type FunctionTotals } from './function-totals.js';
import { addRecord, type SandboxSeries } from './sandbox-series.js';

function totals(sandboxes: SandboxSeries[]): FunctionTotals {
  const t = newFunctionTotals('fn');
  for (const s of sandboxes) addSandboxTotals(t, s);
  return t;
}

function fleet(kill: boolean): SandboxSeries[] {
  const all = new Map<string, SandboxSeries>();
  for (let sb = 0; sb < 4; sb++) {
    addRecord(all, 'fn', `s${sb}`, { type: 'report', requestId: `a${sb}`, durationMs: 100, billedMs: 100, memoryMb: 1024, maxMemoryMb: 100, initMs: 400 }, 1000 + sb);
    addRecord(all, 'fn', `s${sb}`, { type: 'report', requestId: `b${sb}`, durationMs: 100, billedMs: 100, memoryMb: 1024, maxMemoryMb: 110 }, 2000 + sb);
    if (kill) addRecord(all, 'fn', `s${sb}`, { type: 'out-of-memory', text: 'Runtime.OutOfMemory' }, 3000 + sb);
  }
  return [...all.values()];
}

describe('detectFunction', () => {
  it('cold-start churn after kills is reported with the INIT cost; without kills it is not', () => {
    const churn = detectFunction(totals(fleet(true))).find((f) => f.kind === 'cold-start-churn');
    expect(churn?.evidence['coldStarts']).toBe(4);
    expect(churn?.cost?.gbSeconds).toBeCloseTo(1.6, 6);
    expect(detectFunction(totals(fleet(false))).find((f) => f.kind === 'cold-start-churn')).toBeUndefined();
  });
  it('prices INIT only under a table that bills it (AWS: from 2025-08-01)', () => {
    const before = detectFunction(totals(fleet(true)), lambdaPrices({ date: '2025-07-31' })).find((f) => f.kind === 'cold-start-churn');
    expect(before?.cost?.usd).toBe(0);
    expect(before?.evidence.summary?.[0]).toContain('INIT was not billed under the prices in effect from 2022-08-01');
    const after = detectFunction(totals(fleet(true)), lambdaPrices({ date: '2025-08-01' })).find((f) => f.kind === 'cold-start-churn');
    expect(after?.cost?.usd).toBeCloseTo(1.6 * 0.0000166667, 10);
    expect(after?.cost?.period).toBe('INIT time observed, priced with us-east-1 prices in effect from 2025-08-01 (read 2026-01-15)');
  });
  it('over-provisioned memory recommends 1.5 × peak rounded to 64 MB, only with enough invocations', () => {
    const big = fleet(false);
    for (let i = 0; i < 10; i++) addRecord(new Map([[`fn\u0000s0`, big[0] as SandboxSeries]]), 'fn', 's0', { type: 'report', requestId: `c${i}`, durationMs: 100, billedMs: 100, memoryMb: 1024, maxMemoryMb: 120 }, 5000 + i);
    const f = detectFunction(totals(big)).find((x) => x.kind === 'over-provisioned-memory');
    expect(f?.evidence['recommendedMb']).toBe(192);
    expect(f?.cost?.usd).toBeGreaterThan(0);
    expect(detectFunction(totals(fleet(false))).find((x) => x.kind === 'over-provisioned-memory')).toBeUndefined();
  });
});
