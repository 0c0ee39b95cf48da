import type { Finding } from '@leakwatch/core';
import { createFinding } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';
import type { DetectOptions } from './context.js';
import { priceMs } from './context.js';

/** Configured memory far above the peak used: recommends a size with 50% headroom. */
export function detectOverProvisioned(f: FunctionAggregate, opts: DetectOptions): Finding | undefined {
  const size = f.memorySizeMb;
  if (size === undefined || size <= 128 || f.invocations < 20) return undefined;
  let peak = 0;
  for (const s of f.sandboxes.values()) for (const m of s.maxMemoryMb) if (Number.isFinite(m)) peak = Math.max(peak, m);
  if (peak === 0 || peak >= 0.4 * size || f.ooms.length > 0) return undefined;
  const recommended = Math.max(128, Math.ceil((peak * 1.5) / 64) * 64);
  if (recommended >= size) return undefined;
  const saved = priceMs(f, f.billedMs * ((size - recommended) / size), opts, 'at the recommended size, if duration stays the same');
  return createFinding({
    kind: 'over-provisioned-memory',
    severity: 'info',
    title: `${f.fn}: ${size} MB configured, at most ${peak} MB used: ${recommended} MB would do`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: { summary: [`peak Max Memory Used ${peak} MB over ${f.invocations} invocations (${((peak / size) * 100).toFixed(0)}% of ${size} MB)`], peakMb: peak, memorySizeMb: size, recommendedMb: recommended },
    advice: `set the memory size to ${recommended} MB and watch the duration (on Lambda CPU scales with memory: measure before and after)`,
    source: 'logs',
    ...(saved ? { cost: saved } : {}),
  });
}
