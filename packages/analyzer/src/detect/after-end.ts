import type { Finding } from '@leakwatch/core';
import { createFinding } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';

/**
 * Lines logged with a request's id after that request's END: work the handler left running, which
 * the frozen sandbox resumes inside a later invocation.
 */
export function detectLogsAfterEnd(f: FunctionAggregate): Finding | undefined {
  const late: Array<{ requestId: string; text: string; afterMs?: number }> = [];
  for (const s of f.sandboxes.values()) {
    for (const [id, q] of s.requests) {
      if (q.endOrder === undefined || q.lastLogOrder === undefined) continue;
      const byTime = q.end !== undefined && q.lastLog !== undefined ? q.lastLog > q.end : undefined;
      const after = byTime ?? q.lastLogOrder > q.endOrder;
      if (after) late.push({ requestId: id, text: q.text ?? '', ...(q.end !== undefined && q.lastLog !== undefined ? { afterMs: q.lastLog - q.end } : {}) });
    }
  }
  if (late.length === 0) return undefined;
  return createFinding({
    kind: 'dangling-work',
    severity: 'warning',
    title: `${f.fn}: ${late.length} invocation${late.length === 1 ? '' : 's'} logged after they ended (work left running)`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: {
      summary: late.slice(0, 3).map((l) => `request ${l.requestId}${l.afterMs !== undefined ? `, ${l.afterMs} ms after END` : ''}: ${l.text}`),
      requests: late.length,
    },
    advice: 'await every promise before returning and clear timers in finally: on Lambda the sandbox is frozen at the return and this work resumes inside a later invocation',
    source: 'logs',
  });
}
