import type { Finding } from '@leakwatch/core';
import { createFinding, formatBytes, judgeTrend } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';
import { sparkline } from '../sparkline.js';
import { shortSandbox } from './context.js';

/**
 * The guard's own findings, passed through, and heap growth judged on its per-invocation
 * post-GC heap series, joined to the same function and sandboxes as the platform lines.
 */
export function detectFromGuard(f: FunctionAggregate): Finding[] {
  const out = new Map<string, Finding>();
  for (const g of f.guardFindings) if (g && typeof g.id === 'string') out.set(g.id, { ...g, function: g.function ?? f.fn });
  const growing: string[] = [];
  for (const s of f.sandboxes.values()) {
    if (s.heapAfterGc.length < 12) continue;
    const v = judgeTrend(s.heapAfterGc, { minSlope: 1024 });
    if (v.growing) growing.push(`sandbox ${shortSandbox(s.sandbox)}: post-GC heap +${formatBytes(v.slope)}/invocation ${sparkline(s.heapAfterGc)}`);
  }
  if (growing.length && ![...out.values()].some((x) => x.kind === 'heap-growth')) {
    const fnd = createFinding({
      kind: 'heap-growth',
      severity: 'error',
      title: `${f.fn}: heap after GC grows per invocation in ${growing.length} sandbox${growing.length === 1 ? '' : 'es'} (guard metrics)`,
      function: f.fn,
      key: `${f.platform}:${f.fn}`,
      evidence: { summary: growing.slice(0, 5) },
      advice: 'the guard attributes the growth when deep capture runs; otherwise run `leakwatch test` on this handler for the allocation site',
      source: 'logs',
    });
    out.set(fnd.id, fnd);
  }
  return [...out.values()];
}
