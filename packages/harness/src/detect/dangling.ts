import { createFinding, median, type Finding } from '@leakwatch/core';
import type { DanglingEvent } from '../ledger.js';
import type { Run } from '../run.js';

/**
 * Work an invocation left running after it returned (a timer, an un-awaited request), grouped by
 * creation site, with how long it ran on. On Lambda it runs inside the next invocation, or never.
 *
 * @example
 * ```ts
 * const findings = detectDanglingWork(run);
 * ```
 */
export function detectDanglingWork(run: Run): Finding[] {
  const bySite = new Map<string, DanglingEvent[]>();
  for (const d of run.dangling) {
    const list = bySite.get(d.siteKey) ?? [];
    list.push(d);
    bySite.set(d.siteKey, list);
  }
  const findings: Finding[] = [];
  const completed = Math.max(1, run.invocations - run.timeouts.length);
  for (const events of bySite.values()) {
    const invocations = new Set(events.map((e) => e.invocation));
    if (invocations.size < 2 || invocations.size < completed * 0.1) continue;
    const first = events[0]!;
    const ranOn = events.flatMap((e) => (e.ranOnMs === undefined ? [] : [e.ranOnMs]));
    const never = events.length - ranOn.length;
    const intoNext = events.filter((e) => e.finishedDuring !== undefined && e.finishedDuring > e.invocation).length;
    const summary = [`left running after the return in ${invocations.size} of ${run.invocations} invocations`];
    if (ranOn.length) summary.push(`ran on for ${Math.round(median(ranOn))} ms after the return (median; longest ${Math.round(Math.max(...ranOn))} ms)`);
    if (intoNext) summary.push(`${intoNext} finished inside a later invocation${run.mode === 'freeze' ? ' (resumed after the freeze, as on Lambda)' : ''}`);
    if (never) summary.push(`${never} never finished during the run`);
    findings.push(
      createFinding({
        kind: 'dangling-work',
        severity: 'warning',
        title: `${describe(first.kind)} keeps running after the handler returned`,
        site: first.site,
        evidence: {
          summary,
          resource: first.kind,
          invocations: invocations.size,
          ranOnMs: ranOn.map((v) => Math.round(v * 10) / 10),
          series: [{ label: `ms run on after the return, ${first.site.file}:${first.site.line}`, unit: 'ms', x: events.filter((e) => e.ranOnMs !== undefined).map((e) => e.invocation), y: ranOn }],
        },
        advice: 'await the work before returning (or clear the timer); on Lambda the sandbox is frozen after the return, so it runs late inside the next invocation, or is lost',
        source: 'test',
      }),
    );
  }
  return findings;
}

function describe(kind: DanglingEvent['kind']): string {
  switch (kind) {
    case 'timer':
      return 'a timer';
    case 'request':
      return 'an outbound request';
    case 'dns':
      return 'a DNS lookup';
    case 'fs':
      return 'a file operation';
    case 'immediate':
      return 'a setImmediate callback';
    default:
      return `a ${kind}`;
  }
}
