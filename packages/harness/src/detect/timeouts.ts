import { createFinding, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';

/**
 * Invocations that hit the timeout, with what was pending and where it was created. The site is
 * the oldest pending resource created by the handler (the call that never answered).
 *
 * @example
 * ```ts
 * const findings = detectTimeouts(run);
 * ```
 */
export function detectTimeouts(run: Run): Finding[] {
  if (run.timeouts.length === 0) return [];
  const first = run.timeouts[0]!;
  const rank = (p: { resource: string }): number => (p.resource === 'request' ? 0 : p.resource === 'socket' ? 1 : 2);
  const culprit = [...first.pending].sort((a, b) => rank(a) - rank(b) || b.ageMs - a.ageMs).find((p) => p.site);
  const summary = [`${run.timeouts.length} of ${run.invocations} invocations hit the ${first.timeoutMs} ms timeout`];
  const seen = new Set<string>();
  for (const p of first.pending) {
    if (!p.site) continue;
    const text = `pending: ${p.resource}${p.peer ? ` to ${p.peer}` : ''} created at ${p.site.file}:${p.site.line}${p.site.column ? `:${p.site.column}` : ''} (${p.ageMs} ms old)`;
    if (seen.has(text) || seen.size >= 5) continue;
    seen.add(text);
    summary.push(text);
  }
  if (!culprit) summary.push('nothing the handler created was pending: it awaited a promise that never settled');
  const isRequest = culprit && (culprit.resource === 'request' || culprit.resource === 'socket');
  return [
    createFinding({
      kind: 'timeout',
      severity: 'error',
      title: isRequest
        ? `invocations hit the ${first.timeoutMs} ms timeout waiting on a call${culprit.peer ? ` to ${culprit.peer}` : ''} with no timeout of its own`
        : `invocations hit the ${first.timeoutMs} ms timeout`,
      ...(culprit?.site ? { site: culprit.site } : { key: `${run.handlerFile ?? ''}|timeout` }),
      evidence: { summary, timeouts: run.timeouts.length, invocations: run.timeouts.map((t) => t.invocation), pending: first.pending },
      advice: isRequest
        ? 'give the call a timeout shorter than the function\'s (AbortSignal.timeout(context.getRemainingTimeInMillis() - 500)) and handle the failure'
        : 'make sure every promise the handler awaits settles, and bound waits with the remaining time (context.getRemainingTimeInMillis())',
      source: 'test',
    }),
  ];
}
