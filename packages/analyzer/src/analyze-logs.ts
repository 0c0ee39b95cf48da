import { sortFindings } from '@leakwatch/core';
import type { Finding, PriceTable } from '@leakwatch/core';
import { detectFunction } from './detect-function.js';
import { detectSandbox } from './detect-sandbox.js';
import type { LogEvent } from './log-event.js';
import { parseAwsText } from './parse-aws-text.js';
import { parseGcpAzure } from './parse-gcp-azure.js';
import { parseStructured } from './parse-structured.js';
import type { ReadCounts } from './read-events.js';
import { addRecord, type SandboxSeries } from './sandbox-series.js';

/** The outcome of one analysis: findings, and counts for the summary. */
export interface LogAnalysis {
  findings: Finding[];
  sandboxes: SandboxSeries[];
  counts: ReadCounts & { events: number; reports: number; functions: number };
}

/**
 * Reads events from any number of sources, groups them per function and sandbox, and runs every
 * detector. Memory stays bounded by the number of invocations, not the bytes of input.
 *
 * @example
 * ```ts
 * const counts = { lines: 0, bytes: 0, unreadable: 0 };
 * const { findings } = await analyzeLogs([readFileEvents('app.log', counts)], counts);
 * ```
 */
export async function analyzeLogs(sources: Iterable<AsyncIterable<LogEvent>>, counts: ReadCounts, options: { prices?: PriceTable; fn?: string } = {}): Promise<LogAnalysis> {
  const all = new Map<string, SandboxSeries>();
  let events = 0;
  let reports = 0;
  for (const source of sources) {
    for await (const e of source) {
      events++;
      const record = (e.message.includes('{"') ? parseStructured(e.message) : undefined) ?? parseAwsText(e.message) ?? parseGcpAzure(e.message);
      if (!record) {
        if (e.message.includes('REPORT RequestId')) counts.unreadable++;
        continue;
      }
      if (record.type === 'report') reports++;
      if (record.type === 'invocation') reports++;
      const guard = record.type === 'guard-metrics' || record.type === 'guard-finding' ? record : undefined;
      const fn = options.fn ?? guard?.fn ?? (e.group ? e.group.replace(/^\/aws\/lambda\//, '') : e.stream ?? 'unknown');
      addRecord(all, fn, e.stream ?? guard?.sandbox ?? fn, record, e.time);
    }
  }
  const sandboxes = [...all.values()];
  const byFn = new Map<string, SandboxSeries[]>();
  for (const s of sandboxes) byFn.set(s.fn, [...(byFn.get(s.fn) ?? []), s]);
  const findings: Finding[] = [];
  const prices = options.prices ? { prices: options.prices } : {};
  for (const s of sandboxes) {
    findings.push(...detectSandbox(s, prices));
    for (const g of s.guardFindings) findings.push({ ...g, function: s.fn, evidence: { ...g.evidence, sandbox: s.sandbox } });
  }
  for (const [fn, list] of byFn) findings.push(...detectFunction(fn, list, options.prices));
  attachFleet(findings, byFn);
  return { findings: sortFindings(findings), sandboxes, counts: { ...counts, events, reports, functions: byFn.size } };
}

const FLEET_SANDBOXES = 20;
const FLEET_POINTS = 200;

/** Gives each memory-creep finding its function's other sandboxes as context series (not highlighted), for fleet charts. */
function attachFleet(findings: Finding[], byFn: Map<string, SandboxSeries[]>): void {
  for (const f of findings) {
    if (f.kind !== 'memory-creep' || f.function === undefined || !f.evidence.series) continue;
    const others = (byFn.get(f.function) ?? []).filter((s) => s.sandbox !== f.evidence['sandbox'] && s.maxMemoryMb.length > 0).slice(0, FLEET_SANDBOXES);
    for (const s of others) {
      const step = Math.ceil(s.maxMemoryMb.length / FLEET_POINTS);
      const keep = (_: number, i: number): boolean => i % step === 0;
      f.evidence.series.push({ label: `max memory used, ${s.sandbox}`, unit: 'MB', x: s.x.filter(keep), y: s.maxMemoryMb.filter(keep) });
    }
  }
}
