import { classifyPeer, createFinding, judgeTrend, type Finding } from '@leakwatch/core';
import type { ResourceKind } from '../ledger.js';
import type { Run, SiteSeries } from '../run.js';
import { formatCount, seriesWithTrend, trendLine } from './trend-text.js';

/** Smallest growth that counts: one leaked handle every 20 invocations. */
export const HANDLE_MIN_SLOPE = 0.05;

const NOUN: Record<ResourceKind, [string, string]> = {
  socket: ['socket', 'sockets'],
  pipe: ['pipe', 'pipes'],
  server: ['server', 'servers'],
  timer: ['timer', 'timers'],
  interval: ['interval', 'intervals'],
  file: ['file handle', 'file handles'],
  'child-process': ['child process', 'child processes'],
  udp: ['UDP socket', 'UDP sockets'],
  watcher: ['file watcher', 'file watchers'],
  request: ['request', 'requests'],
  dns: ['DNS lookup', 'DNS lookups'],
  fs: ['file operation', 'file operations'],
  immediate: ['immediate', 'immediates'],
};

const ADVICE: Record<ResourceKind, string> = {
  socket: 'close the socket (end() / destroy()) in a finally block, or create the client once outside the handler and reuse it',
  pipe: 'close the pipe when the invocation is done',
  server: 'do not start a server per invocation; start it once at module scope or close it before returning',
  timer: 'clear the timer before returning, or await the work it schedules',
  interval: 'clear the interval before returning, or create it once at module scope',
  file: 'close the file handle (await handle.close()) in a finally block',
  'child-process': 'wait for the child process to exit, or kill it before returning',
  udp: 'close the UDP socket before returning',
  watcher: 'close the watcher before returning',
  request: 'await the request and give it a timeout',
  dns: 'await the lookup',
  fs: 'await the file operation',
  immediate: 'await the work it schedules',
};

/**
 * Handles that accumulate per creation site: the live count grows with invocations. Reuse stays
 * bounded and never fires. Database peers become `db-connection-leak`.
 *
 * @example
 * ```ts
 * const findings = detectHandleGrowth(run);
 * ```
 */
export function detectHandleGrowth(run: Run): Finding[] {
  const findings: Finding[] = [];
  for (const s of run.series) {
    if (s.type !== 'resource' || !s.resource) continue;
    if (s.work && finishesByItself(run, s)) continue; // dangling work, judged by its own detector
    const verdict = judgeTrend(s.y, { minSlope: HANDLE_MIN_SLOPE });
    if (!verdict.growing) continue;
    findings.push(handleFinding(s, s.resource, verdict));
  }
  return findings;
}

function finishesByItself(run: Run, s: SiteSeries): boolean {
  const events = run.dangling.filter((d) => `${d.siteKey}|${d.kind}` === s.key);
  return events.length > 0 && events.filter((d) => d.ranOnMs !== undefined).length * 2 >= events.length;
}

function handleFinding(s: SiteSeries, resource: ResourceKind, verdict: ReturnType<typeof judgeTrend>): Finding {
  const [one, many] = NOUN[resource];
  const perInvocation = verdict.slope;
  const rate = perInvocation >= 0.95 && perInvocation <= 1.05 ? '1' : formatCount(perInvocation);
  const service = s.service ? classifyPeer(undefined, s.service) ?? classifyPeerFromText(s.peer) : undefined;
  const where = s.peer ? ` to ${s.peer.replace(/ → .*$/, '')}` : '';
  const y = s.y;
  const last = y[y.length - 1] ?? 0;
  if (s.database) {
    const info = service ?? classifyPeerFromText(s.peer);
    const limit = info?.defaultLimit;
    const title = `${rate} ${s.service} connection${rate === '1' ? '' : 's'}${where} opened per invocation and never closed`;
    return createFinding({
      kind: 'db-connection-leak',
      severity: 'error',
      title,
      site: s.site,
      evidence: {
        summary: [trendLine('live connections', y, verdict, formatCount, '')],
        series: [seriesWithTrend(`live ${s.service} connections from ${s.site.file}:${s.site.line}`, 'count', y, verdict)],
        resource,
        peer: s.peer,
        service: s.service,
        liveAtEnd: last,
      },
      advice: 'call connection.end() in a finally block, or create the connection outside the handler and reuse it',
      ...(limit && info?.limitSetting
        ? { cost: { note: `the server's ${info.limitSetting} (${limit}) is reached after ~${Math.ceil(limit / Math.max(perInvocation, 1e-9))} warm invocations of one sandbox` } }
        : {}),
      source: 'test',
    });
  }
  const label = s.peer ? `${many}${where}${s.service ? ` (${s.service})` : ''}` : many;
  return createFinding({
    kind: 'handle-growth',
    severity: 'error',
    title: `${rate} ${rate === '1' ? one : many}${where}${s.service ? ` (${s.service})` : ''} created per invocation and never ${resource === 'timer' || resource === 'interval' ? 'cleared' : 'closed'}`,
    site: s.site,
    evidence: {
      summary: [trendLine(`live ${label}`, y, verdict, formatCount, '')],
      series: [seriesWithTrend(`live ${many} from ${s.site.file}:${s.site.line}`, 'count', y, verdict)],
      resource,
      ...(s.peer ? { peer: s.peer } : {}),
      liveAtEnd: last,
    },
    advice: ADVICE[resource],
    source: 'test',
  });
}

function classifyPeerFromText(peer: string | undefined): ReturnType<typeof classifyPeer> {
  const port = peer ? Number(/:(\d+)(?: →|$)/.exec(peer)?.[1]) : NaN;
  return Number.isFinite(port) ? classifyPeer(port) : undefined;
}
