import { createFinding, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';

/**
 * Invocations that threw or rejected, grouped by the error and where it was thrown.
 *
 * @example
 * ```ts
 * const findings = detectInvocationErrors(run);
 * ```
 */
export function detectInvocationErrors(run: Run): Finding[] {
  const failed = run.samples.filter((s) => s.outcome === 'error');
  if (failed.length === 0) return [];
  const first = run.errors[0];
  const kinds = new Map<string, number>();
  for (const s of failed) {
    const text = `${s.error?.name ?? 'Error'}: ${s.error?.message ?? ''}`;
    kinds.set(text, (kinds.get(text) ?? 0) + 1);
  }
  const summary = [`${failed.length} of ${run.invocations} invocations failed`];
  for (const [text, count] of [...kinds].slice(0, 5)) summary.push(`${count}× ${text}`);
  return [
    createFinding({
      kind: 'invocation-error',
      severity: failed.length === run.invocations ? 'error' : 'warning',
      title: failed.length === run.invocations ? `every invocation failed: ${first?.name ?? 'Error'}: ${first?.message ?? ''}` : `${failed.length} of ${run.invocations} invocations failed`,
      ...(first?.site ? { site: first.site } : { key: `${run.handlerFile ?? ''}|invocation-error` }),
      evidence: { summary, failed: failed.length, firstInvocation: failed[0]?.index },
      advice: 'fix the error, or pass an event the handler accepts (--event file.json)',
      source: 'test',
    }),
  ];
}
