import type { Finding } from '@leakwatch/core';
import { createFinding } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';
import type { DetectOptions } from './context.js';
import { priceMs, shortSandbox } from './context.js';

/** Invocations that hit the platform timeout, with the billed time they wasted. */
export function detectTimeouts(f: FunctionAggregate, opts: DetectOptions): Finding | undefined {
  if (f.timeouts.length === 0) return undefined;
  const wastedMs = f.timeouts.reduce((sum, t) => sum + (t.billedMs ?? t.afterMs ?? 0), 0);
  const limit = f.timeouts.find((t) => t.afterMs !== undefined)?.afterMs;
  const cost = priceMs(f, wastedMs, opts, `${f.timeouts.length} timed-out invocations`);
  return createFinding({
    kind: 'timeout',
    severity: 'error',
    title: `${f.fn}: ${f.timeouts.length} invocation${f.timeouts.length === 1 ? '' : 's'} hit the timeout${limit !== undefined ? ` of ${(limit / 1000).toFixed(2)} s` : ''}`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: {
      summary: [
        `${f.timeouts.length} of ${Math.max(f.invocations, f.timeouts.length)} invocations timed out, ${(wastedMs / 1000).toFixed(1)} s billed for nothing`,
        ...f.timeouts.slice(0, 3).map((t) => `sandbox ${shortSandbox(t.sandbox)}${t.requestId ? `, request ${t.requestId}` : ''} (${t.line})`),
      ],
      timeouts: f.timeouts.length,
      wastedMs,
    },
    advice: 'give every outbound call a timeout shorter than the function timeout (deadlineSignal(context) from @leakwatch/guard), and end connections so the event loop can empty',
    source: 'logs',
    ...(cost ? { cost } : {}),
  });
}

/** Invocations or sandboxes killed for memory. */
export function detectOutOfMemory(f: FunctionAggregate): Finding | undefined {
  if (f.ooms.length === 0) return undefined;
  const sandboxes = new Set(f.ooms.map((o) => o.sandbox));
  return createFinding({
    kind: 'out-of-memory',
    severity: 'error',
    title: `${f.fn}: ${f.ooms.length} out-of-memory kill${f.ooms.length === 1 ? '' : 's'} in ${sandboxes.size} sandbox${sandboxes.size === 1 ? '' : 'es'}${f.memorySizeMb !== undefined ? ` at ${f.memorySizeMb} MB` : ''}`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: { summary: f.ooms.slice(0, 3).map((o) => `${o.text} (${o.line})`), kills: f.ooms.length, sandboxes: sandboxes.size },
    advice: 'look for memory-creep in the same sandboxes: a steady rise before a kill is a leak, not a too-small memory size',
    source: 'logs',
    cost: { note: 'each kill fails the invocation and forces a cold start' },
  });
}

/** The database refused connections: the classic symptom of connections opened per invocation. */
export function detectConnectionExhaustion(f: FunctionAggregate): Finding | undefined {
  if (f.refused.length === 0) return undefined;
  return createFinding({
    kind: 'connection-exhaustion',
    severity: 'error',
    title: `${f.fn}: the database refused connections ${f.refused.length} time${f.refused.length === 1 ? '' : 's'} ("too many connections")`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: { summary: f.refused.slice(0, 3).map((r) => `${r.text} (${r.line})`), refusals: f.refused.length },
    advice: 'connections are opened per invocation and not closed: create them outside the handler and reuse them, or end() them in finally; `leakwatch lint` and `leakwatch test` point at the line',
    source: 'logs',
  });
}

/** Sandboxes replaced after kills: cold starts whose INIT time is billed (AWS since August 2025). */
export function detectColdStartChurn(f: FunctionAggregate, opts: DetectOptions): Finding | undefined {
  const kills = f.ooms.length + f.timeouts.length;
  let cold = 0;
  for (const s of f.sandboxes.values()) cold += s.cold.length;
  if (kills === 0 || cold < 2) return undefined;
  const cost = f.platform === 'aws' ? priceMs(f, f.initMs, opts, `${cold} cold starts' INIT time`) : undefined;
  return createFinding({
    kind: 'cold-start-churn',
    severity: 'warning',
    title: `${f.fn}: ${cold} cold starts alongside ${kills} kills (timeouts or out-of-memory)`,
    function: f.fn,
    key: `${f.platform}:${f.fn}`,
    evidence: { summary: [`${cold} sandboxes started, ${(f.initMs / 1000).toFixed(1)} s of INIT time`, `${f.timeouts.length} timeouts, ${f.ooms.length} out-of-memory kills`], coldStarts: cold, kills, initMs: f.initMs },
    advice: 'a killed sandbox is replaced by a cold start: fix the timeouts and memory kills and the churn goes with them',
    source: 'logs',
    ...(cost ? { cost } : {}),
  });
}
