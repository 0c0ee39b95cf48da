import { createFinding, judgeTrend, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';
import { HANDLE_MIN_SLOPE } from './handles.js';
import { formatCount, seriesWithTrend, trendLine } from './trend-text.js';

/**
 * Listeners added per invocation to a long-lived emitter (process, a module-scope client).
 *
 * @example
 * ```ts
 * const findings = detectListenerGrowth(run);
 * ```
 */
export function detectListenerGrowth(run: Run): Finding[] {
  const findings: Finding[] = [];
  for (const s of run.series) {
    if (s.type !== 'listener') continue;
    const verdict = judgeTrend(s.y, { minSlope: HANDLE_MIN_SLOPE });
    if (!verdict.growing) continue;
    const rate = verdict.slope >= 0.95 && verdict.slope <= 1.05 ? '1' : formatCount(verdict.slope);
    findings.push(
      createFinding({
        kind: 'listener-growth',
        severity: 'error',
        title: `${rate} listener added to ${s.emitter ?? 'an emitter'} per invocation and never removed`,
        site: s.site,
        evidence: {
          summary: [trendLine(`listeners on ${s.emitter ?? 'the emitter'}`, s.y, verdict, formatCount, '')],
          series: [seriesWithTrend(`listeners from ${s.site.file}:${s.site.line}`, 'count', s.y, verdict)],
          emitter: s.emitter,
        },
        advice: 'add the listener once at module scope, or remove it (off / removeListener) before the handler returns',
        source: 'test',
      }),
    );
  }
  return findings;
}
