import type { Finding } from '@leakwatch/core';
import { createFinding, judgeTrend, median } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';
import { sparkline } from '../sparkline.js';
import type { DetectOptions } from './context.js';
import { priceMs, shortSandbox } from './context.js';

/**
 * Warm duration that grows within sandboxes: a significant slope of at least 1% of the median per
 * invocation, and the last quarter's median at least 1.5× the first quarter's.
 */
export function detectDurationGrowth(f: FunctionAggregate, opts: DetectOptions): Finding | undefined {
  const growing: Array<{ sandbox: string; slope: number; early: number; late: number; n: number; spark: string; extraMs: number }> = [];
  for (const s of f.sandboxes.values()) {
    const coldSet = new Set(s.cold);
    const ys = s.durationMs.filter((_, i) => !coldSet.has(i));
    if (ys.length < 12) continue;
    const med = median(ys);
    const v = judgeTrend(ys, { minSlope: Math.max(1, med * 0.01), warmup: 0, alpha: 0.01 });
    if (!v.growing) continue;
    const q = Math.max(3, Math.floor(ys.length / 4));
    const early = median(ys.slice(0, q));
    const late = median(ys.slice(-q));
    if (late < 1.5 * early) continue;
    const extraMs = ys.reduce((sum, y) => sum + Math.max(0, y - early), 0);
    growing.push({ sandbox: s.sandbox, slope: v.slope, early, late, n: ys.length, spark: sparkline(ys), extraMs });
  }
  if (growing.length === 0) return undefined;
  growing.sort((a, b) => b.slope - a.slope);
  const w = growing[0]!;
  const extra = growing.reduce((sum, g) => sum + g.extraMs, 0);
  const cost = priceMs(f, extra, opts, 'time above each sandbox\'s early median');
  return createFinding({
    kind: 'duration-growth',
    severity: 'warning',
    title: `${f.fn}: duration grows ${w.slope.toFixed(1)} ms per warm invocation in ${growing.length} sandbox${growing.length === 1 ? '' : 'es'}`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: {
      summary: growing.slice(0, 5).map((g) => `sandbox ${shortSandbox(g.sandbox)}: median ${g.early.toFixed(0)} → ${g.late.toFixed(0)} ms over ${g.n} invocations ${g.spark}`),
      sandboxes: growing.map(({ spark: _s, ...g }) => g),
    },
    advice: 'work grows with the sandbox\'s age: look for a list scanned per invocation that also grows per invocation (`leakwatch test` names the function), or retries piling up',
    source: 'logs',
    ...(cost ? { cost } : {}),
  });
}
