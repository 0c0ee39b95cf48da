import type { EvidenceSeries, Finding } from '@leakwatch/core';
import { createFinding, judgeTrend, stepsUntil } from '@leakwatch/core';
import type { FunctionAggregate, SandboxSeries } from '../aggregate.js';
import { downsample, sparkline } from '../sparkline.js';
import { shortSandbox } from './context.js';

/** Smallest sustained rise of the memory high-water mark that counts, MB per warm invocation. */
const MIN_MB_PER_INVOCATION = 0.1;

export interface Creep {
  sandbox: SandboxSeries;
  slope: number;
  ciLow: number;
  ciHigh: number;
  p: number;
  first: number;
  last: number;
  /** invocations until Memory Size, Infinity when unknown */
  invocationsLeft: number;
  /** ms until Memory Size at the observed invocation rate */
  msLeft?: number;
}

/**
 * A sandbox creeps when its warm invocations' memory high-water mark rises steadily: a
 * significant robust slope above the minimum effect, made of several rises, none of which
 * carries most of the growth. One large request gives one step and never fires.
 */
export function sandboxCreep(s: SandboxSeries): Creep | undefined {
  const coldSet = new Set(s.cold);
  const ys: number[] = [];
  const ts: number[] = [];
  s.maxMemoryMb.forEach((v, i) => {
    if (!coldSet.has(i) && Number.isFinite(v)) {
      ys.push(v);
      ts.push(s.ts[i] ?? NaN);
    }
  });
  if (ys.length < 8) return undefined;
  const v = judgeTrend(ys, { minSlope: MIN_MB_PER_INVOCATION, warmup: 0, alpha: 0.01 });
  if (!v.growing) return undefined;
  let rises = 0;
  let maxRise = 0;
  for (let i = 1; i < ys.length; i++) {
    const d = (ys[i] as number) - (ys[i - 1] as number);
    if (d > 0) {
      rises++;
      maxRise = Math.max(maxRise, d);
    }
  }
  const total = (ys[ys.length - 1] as number) - (ys[0] as number);
  if (rises < 3 || total <= 0 || maxRise > 0.6 * total) return undefined;
  const last = ys[ys.length - 1] as number;
  const invocationsLeft = s.memorySizeMb !== undefined ? stepsUntil(last, s.memorySizeMb, v.slope) : Infinity;
  const span = (ts[ts.length - 1] ?? NaN) - (ts[0] ?? NaN);
  const perInvocationMs = Number.isFinite(span) && span > 0 ? span / (ys.length - 1) : undefined;
  return {
    sandbox: s,
    slope: v.slope,
    ciLow: v.ciLow,
    ciHigh: v.ciHigh,
    p: v.p,
    first: ys[0] as number,
    last,
    invocationsLeft,
    ...(perInvocationMs !== undefined && Number.isFinite(invocationsLeft) ? { msLeft: perInvocationMs * invocationsLeft } : {}),
  };
}

export function formatDuration(ms: number): string {
  const h = ms / 3_600_000;
  if (h >= 48) return `${(h / 24).toFixed(1)} days`;
  if (h >= 1) return `${h.toFixed(1)} hours`;
  return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
}

/** One finding per function, naming its creeping sandboxes (worst first), with every sandbox charted. */
export function detectMemoryCreep(f: FunctionAggregate, maxSeries = 300): Finding | undefined {
  const creeps: Creep[] = [];
  for (const s of f.sandboxes.values()) {
    const c = sandboxCreep(s);
    if (c) creeps.push(c);
  }
  if (creeps.length === 0) return undefined;
  creeps.sort((a, b) => a.invocationsLeft - b.invocationsLeft || b.slope - a.slope);
  const worst = creeps[0] as Creep;
  const creeping = new Set(creeps.map((c) => c.sandbox));
  const ordered = [...creeps.map((c) => c.sandbox), ...[...f.sandboxes.values()].filter((s) => !creeping.has(s))].slice(0, maxSeries);
  const series: EvidenceSeries[] = ordered.map((s) => {
    const idx = downsample(s.maxMemoryMb.map((_, i) => i), 200);
    const useTime = s.ts.every((t) => Number.isFinite(t));
    return {
      label: `max memory, sandbox ${shortSandbox(s.sandbox)}`,
      unit: 'MB',
      x: idx.map((i) => (useTime ? (s.ts[i] as number) : i + 1)),
      y: idx.map((i) => s.maxMemoryMb[i] as number),
      ...(creeping.has(s) ? { highlight: true } : {}),
    };
  });
  const size = worst.sandbox.memorySizeMb;
  const summary = creeps.slice(0, 5).map(
    (c) =>
      `sandbox ${shortSandbox(c.sandbox.sandbox)}: ${c.first} → ${c.last} MB over ${c.sandbox.maxMemoryMb.length} invocations ${sparkline(c.sandbox.maxMemoryMb)} (+${c.slope.toFixed(2)} MB/invocation, 95% CI ${c.ciLow.toFixed(2)}–${c.ciHigh.toFixed(2)})` +
      (Number.isFinite(c.invocationsLeft) ? `; reaches ${size} MB in ~${c.invocationsLeft} invocations${c.msLeft !== undefined ? ` (~${formatDuration(c.msLeft)})` : ''}` : ''),
  );
  if (creeps.length > 5) summary.push(`… and ${creeps.length - 5} more creeping sandboxes`);
  summary.push(`${creeps.length} of ${f.sandboxes.size} sandboxes creep`);
  return createFinding({
    kind: 'memory-creep',
    severity: Number.isFinite(worst.invocationsLeft) && worst.invocationsLeft < 5000 ? 'error' : 'warning',
    title: `${f.fn}: memory creeps ${worst.slope.toFixed(2)} MB per warm invocation in ${creeps.length} sandbox${creeps.length === 1 ? '' : 'es'}${Number.isFinite(worst.invocationsLeft) ? `, out of memory in ~${worst.invocationsLeft} invocations` : ''}`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: {
      summary,
      series,
      sandboxes: creeps.map((c) => ({ sandbox: c.sandbox.sandbox, slopeMbPerInvocation: c.slope, ciLow: c.ciLow, ciHigh: c.ciHigh, p: c.p, firstMb: c.first, lastMb: c.last, invocationsUntilLimit: Number.isFinite(c.invocationsLeft) ? c.invocationsLeft : null })),
    },
    advice: 'something retained at module scope grows per invocation: run `leakwatch test` on this handler to find the line, or wrap it with @leakwatch/guard to see it in production',
    source: 'logs',
    ...(size !== undefined && Number.isFinite(worst.invocationsLeft) ? { cost: { note: `the sandbox is killed at ${size} MB and replaced by a cold start` } } : {}),
  });
}
