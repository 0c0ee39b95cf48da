import { sortFindings } from '@leakwatch/core';
import type { Finding } from '@leakwatch/core';
import { detectFunction } from './detect-function.js';
import { detectSandbox } from './detect-sandbox.js';
import { addSandboxTotals, FLEET_SANDBOXES, mergeTotals, newFunctionTotals, type FunctionTotals } from './function-totals.js';
import { AppField, FallbackField, Field, ReportField, Scanned } from './line-scanner.js';
import type { LogEvent } from './log-event.js';
import { parseMessage } from './parse-message.js';
import { pricesFor, type ChosenPrices } from './platform-prices.js';
import { addUnreadableAt, UNREADABLE_SHOWN, type ReadCounts, type ScannedBatch } from './read-events.js';
import { addEnded, addReport, addTime, addToSandbox, loggedAfterEnd, newSandbox, sample, sampleOutOfMemory, type SandboxSeries } from './sandbox-series.js';
import { decodeString } from './scan-flat-event.js';

/** What a source gives: events one by one, batches of events, or the line scanner's records. */
export type EventSource = AsyncIterable<LogEvent | readonly LogEvent[] | ScannedBatch>;

/** The outcome of one analysis: findings, and counts for the summary. */
export interface LogAnalysis {
  findings: Finding[];
  counts: ReadCounts & { events: number; reports: number; functions: number; sandboxes: number };
}

/** Options of {@link analyzeLogs}. */
export interface AnalyzeOptions {
  /** the price tables chosen, at most one per provider (default: each platform's own; see pricesFor) */
  prices?: ChosenPrices;
  /** the function name when the logs do not say it */
  fn?: string;
  /**
   * Sandboxes held at once (default 512: about 5 MB of series; raise it for logs that interleave more sandboxes alive at the same time). Beyond it, the least recently seen ones are judged and
   * folded into their function's totals; a sandbox seen again after that starts a new series.
   */
  maxLiveSandboxes?: number;
  /** called with each sandbox once it is judged (its series are bounded; see BoundedSeries) */
  onSandbox?: (s: SandboxSeries) => void;
}

const DEFAULT_LIVE = 512;
/**
 * Retired sandboxes judged after each item read, at most. A retirement hands over an eighth of the
 * live sandboxes (64 by default) about every 40 chunks on the 1 GB fleet; 4 an item clears them
 * in 16.
 */
const JUDGED_PER_ITEM = 4;

/**
 * Reads events (one by one, or in batches as readEventBatches gives them) from any number of sources, groups them per function and sandbox, and runs every
 * detector. Memory is bounded whatever the input size: each sandbox keeps counters and bounded
 * series, at most `maxLiveSandboxes` sandboxes are held, and judged sandboxes leave only their
 * findings and their function's totals behind.
 *
 * @example
 * ```ts
 * const counts = { lines: 0, bytes: 0, unreadable: 0 };
 * const { findings } = await analyzeLogs([readFileEventBatches('app.log', counts)], counts);
 * ```
 */
export async function analyzeLogs(sources: Iterable<EventSource>, counts: ReadCounts, options: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const part = await collectSandboxes(sources, options);
  return finishAnalysis([part], counts, options.prices);
}

/**
 * What the sandbox pass leaves: the sandboxes' findings and their functions' totals. Plain data,
 * so a worker can send it (see analyzeLogFiles); parts of disjoint sandboxes add up.
 */
export interface SandboxPass {
  findings: Finding[];
  totals: FunctionTotals[];
  events: number;
  reports: number;
  sandboxes: number;
  /** REPORT lines that could not be read */
  unreadable: number;
  /** where the first of them are: their log stream and request id (events carry no line number) */
  unreadableAt: string[];
}

/**
 * The sandbox pass: reads the sources, groups the events per function and sandbox, and judges
 * each sandbox (as it is retired, and all at the end).
 *
 * @example
 * ```ts
 * const part = await collectSandboxes([readFileEventBatches('app.log', counts)], {});
 * ```
 */
export async function collectSandboxes(sources: Iterable<EventSource>, options: AnalyzeOptions = {}): Promise<SandboxPass> {
  /** sandboxes held, per function then stream (no per-event key strings) */
  const live = new Map<string, Map<string, SandboxSeries>>();
  let liveCount = 0;
  const totals = new Map<string, FunctionTotals>();
  const findings = new Map<string, Finding>();
  const maxLive = Math.max(1, options.maxLiveSandboxes ?? DEFAULT_LIVE);
  const prices = options.prices ? { prices: options.prices } : {};
  let events = 0;
  let reports = 0;
  let sandboxes = 0;
  let unreadable = 0;
  const unreadableAt: string[] = [];

  // The scanner's records name their sandbox by the scanner's stream id (with the group id it came
  // with): the sandbox is remembered per id, so a record costs no name lookup. A new name table or
  // a retired sandbox sends the record through sandboxOf.
  let idsOf: readonly string[] | undefined;
  let byStream: Array<SandboxSeries | undefined> = [];
  let groupOf: number[] = [];
  const slotOf = new WeakMap<SandboxSeries, number>();

  const judge = (s: SandboxSeries): void => {
    for (const f of detectSandbox(s, prices)) keep(findings, f);
    for (const g of s.guardFindings) keep(findings, { ...g, function: s.fn, evidence: { ...g.evidence, sandbox: s.sandbox } });
    let t = totals.get(s.fn);
    if (!t) totals.set(s.fn, (t = newFunctionTotals(s.fn)));
    addSandboxTotals(t, s);
    if (options.onSandbox) options.onSandbox(s);
    else {
      // nothing reads the series any more: their bucket arrays go to the next sandboxes
      s.memory.release();
      s.duration.release();
      s.guardHeap?.release();
    }
  };
  // Retired sandboxes are judged a few per item read (in the order they were retired, so findings
  // and totals add up as before), not all of an eighth at once: with the reader on another thread,
  // a burst of 64 judgements made the reader wait for a full ring, then the judge for an empty one.
  const unjudged: SandboxSeries[] = [];
  let judged = 0;
  const judgeSome = (most: number): void => {
    const to = Math.min(unjudged.length, judged + most);
    while (judged < to) judge(unjudged[judged++] as SandboxSeries);
    if (judged === unjudged.length) {
      unjudged.length = 0;
      judged = 0;
    }
  };
  const retire = (s: SandboxSeries): void => {
    unjudged.push(s);
    // a later event of its stream starts a new series; the scanner's cache lets go of this one
    const slot = slotOf.get(s);
    if (slot !== undefined && byStream[slot] === s) byStream[slot] = undefined;
  };
  const retireIdle = (): void => {
    // the least recently seen eighth, in one pass, so retiring costs O(1) per record on average
    const all: SandboxSeries[] = [];
    for (const streams of live.values()) for (const s of streams.values()) all.push(s);
    all.sort((a, b) => a.touched - b.touched);
    for (const s of all.slice(0, Math.max(1, all.length >> 3))) {
      live.get(s.fn)?.delete(s.sandbox);
      liveCount--;
      retire(s);
    }
  };

  const sandboxOf = (fn: string, sandbox: string): SandboxSeries => {
    let streams = live.get(fn);
    if (!streams) live.set(fn, (streams = new Map()));
    let s = streams.get(sandbox);
    if (!s) {
      s = newSandbox(fn, sandbox);
      streams.set(sandbox, s);
      liveCount++;
      sandboxes++;
      s.touched = events;
      if (liveCount > maxLive) retireIdle();
    }
    s.touched = events;
    return s;
  };
  const take = (e: LogEvent): void => {
    events++;
    const record = parseMessage(e.message);
    if (!record) {
      if (e.message.includes('REPORT RequestId')) {
        unreadable++;
        if (unreadableAt.length < UNREADABLE_SHOWN) unreadableAt.push(`${e.stream ?? e.group ?? 'input'}: the REPORT of request ${/REPORT RequestId:\s*(\S{1,64})/.exec(e.message)?.[1] ?? '?'}`);
      }
      return;
    }
    if (record.type === 'report' || record.type === 'invocation') reports++;
    const guard = record.type === 'guard-metrics' || record.type === 'guard-finding' ? record : undefined;
    const fn = options.fn ?? guard?.fn ?? (e.group ? functionOf(e.group) : e.stream ?? 'unknown');
    const s = sandboxOf(fn, e.stream ?? guard?.sandbox ?? fn);
    if (e.region !== undefined) s.region = e.region;
    addToSandbox(s, record, e.time);
  };
  const takeScanned = (batch: ScannedBatch): void => {
    const r = batch.records;
    if (batch.names !== idsOf) {
      idsOf = batch.names;
      byStream = [];
      groupOf = [];
    }
    for (let k = 0, o = 0; k < batch.count; k++, o += batch.stride) {
      const kind = r[o] as Scanned;
      if (kind === Scanned.Fallback) {
        for (let j = r[o + FallbackField.From] as number; j < (r[o + FallbackField.To] as number); j++) take(batch.fallback[j] as LogEvent);
        continue;
      }
      if (kind === Scanned.Skipped) continue;
      events++;
      if (kind === Scanned.Report) reports++;
      const stream = r[o + Field.Stream] as number;
      const group = r[o + Field.Group] as number;
      let s = byStream[stream];
      if (s !== undefined && groupOf[stream] === group) s.touched = events;
      else {
        s = sandboxOf(options.fn ?? functionOf(batch.names[group] as string), batch.names[stream] as string);
        byStream[stream] = s;
        groupOf[stream] = group;
        slotOf.set(s, stream);
      }
      const time = r[o + Field.Time] as number;
      addTime(s, time);
      if (kind === Scanned.Report) {
        const memoryMb = r[o + ReportField.MemorySize] as number;
        const maxMemoryMb = r[o + ReportField.MaxMemory] as number;
        if (addReport(s, time, r[o + ReportField.Duration] as number, r[o + ReportField.Billed] as number, memoryMb, maxMemoryMb, r[o + ReportField.Init] as number)) {
          sampleOutOfMemory(s, maxMemoryMb, memoryMb, batch.input.toString('latin1', r[o + ReportField.IdStart], r[o + ReportField.IdEnd]), r[o + ReportField.Billed] as number);
        }
      } else if (kind === Scanned.End) addEnded(s, r[o + Field.IdHash] as number, time);
      else if (loggedAfterEnd(s, r[o + Field.IdHash] as number, time)) {
        const at = r[o + AppField.MessageStart] as number;
        const to = r[o + AppField.MessageEnd] as number;
        const slash = batch.input.indexOf(92, at);
        sample(s, 'after-end', decodeString(batch.input, at, to, slash >= 0 && slash < to) ?? '');
      }
    }
  };
  for (const source of sources) {
    for await (const item of source) {
      if (isBatch(item)) for (const e of item) take(e);
      else if (isScanned(item)) takeScanned(item);
      else take(item);
      if (unjudged.length > 0) judgeSome(JUDGED_PER_ITEM);
    }
  }
  for (const streams of live.values()) for (const s of streams.values()) retire(s);
  live.clear();
  judgeSome(Infinity);
  return { findings: [...findings.values()], totals: [...totals.values()], events, reports, sandboxes, unreadable, unreadableAt };
}

/**
 * Adds up sandbox passes over disjoint sandboxes, runs the per-function detectors, and orders the
 * findings: worst first, ties by function, sandbox and kind, so the order does not depend on the
 * order the sandboxes were judged in (nor on how many workers judged them).
 *
 * @example
 * ```ts
 * const analysis = finishAnalysis([part], counts, prices);
 * ```
 */
export function finishAnalysis(parts: readonly SandboxPass[], counts: ReadCounts, prices?: ChosenPrices): LogAnalysis {
  const totals = new Map<string, FunctionTotals>();
  const findings = new Map<string, Finding>();
  let events = 0;
  let reports = 0;
  let sandboxes = 0;
  let unreadable = 0;
  for (const part of parts) {
    for (const f of part.findings) keep(findings, f);
    for (const t of part.totals) {
      const had = totals.get(t.fn);
      if (had) mergeTotals(had, t);
      else totals.set(t.fn, t);
    }
    events += part.events;
    reports += part.reports;
    sandboxes += part.sandboxes;
    unreadable += part.unreadable;
    addUnreadableAt(counts, part.unreadableAt);
  }
  counts.unreadable += unreadable;
  for (const t of totals.values()) for (const f of detectFunction(t, pricesFor(t.platform, prices, t.region))) keep(findings, f);
  const all = sortFindings([...findings.values()].sort(byPlace));
  attachFleet(all, totals);
  return { findings: all, counts: { ...counts, events, reports, functions: totals.size, sandboxes } };
}

/** Function, sandbox, kind, id: the order among findings sortFindings ranks alike. */
function byPlace(a: Finding, b: Finding): number {
  return cmp(a.function, b.function) || cmp(sandboxOf(a), sandboxOf(b)) || cmp(a.kind, b.kind) || cmp(a.id, b.id);
}

function sandboxOf(f: Finding): string | undefined {
  const s = f.evidence['sandbox'];
  return typeof s === 'string' ? s : undefined;
}

function cmp(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function isBatch(item: LogEvent | readonly LogEvent[] | ScannedBatch): item is readonly LogEvent[] {
  return Array.isArray(item);
}

function isScanned(item: LogEvent | ScannedBatch): item is ScannedBatch {
  return (item as ScannedBatch).scanned === true;
}

const functionNames = new Map<string, string>();

/** The function a log group belongs to (`/aws/lambda/orders` → `orders`), cached: groups are few. */
function functionOf(group: string): string {
  let fn = functionNames.get(group);
  if (fn === undefined) {
    fn = group.replace(/^\/aws\/lambda\//, '');
    if (functionNames.size < 10_000) functionNames.set(group, fn);
  }
  return fn;
}

/** Numbers that add up when one sandbox was judged in two parts (seen again after it was retired). */
const ADDITIVE = ['timeouts', 'wastedMs', 'kills', 'refusals', 'linesAfterEnd'] as const;

function keep(findings: Map<string, Finding>, f: Finding): void {
  const had = findings.get(f.id);
  if (!had) {
    findings.set(f.id, f);
    return;
  }
  for (const k of ADDITIVE) {
    const a = had.evidence[k];
    const b = f.evidence[k];
    if (typeof a === 'number' && typeof b === 'number') had.evidence[k] = a + b;
  }
  if (had.cost && f.cost && typeof had.cost.usd === 'number' && typeof f.cost.usd === 'number') {
    had.cost = {
      ...had.cost, usd: had.cost.usd + f.cost.usd,
      ...(typeof had.cost.gbSeconds === 'number' && typeof f.cost.gbSeconds === 'number' ? { gbSeconds: had.cost.gbSeconds + f.cost.gbSeconds } : {}),
      ...(typeof had.cost.vcpuSeconds === 'number' && typeof f.cost.vcpuSeconds === 'number' ? { vcpuSeconds: had.cost.vcpuSeconds + f.cost.vcpuSeconds } : {}),
    };
  }
}

/** memory-creep findings per function that carry the fleet as context (the worst first): the output stays bounded. */
const FLEET_CONTEXT_FINDINGS = 5;

/**
 * Gives the worst memory-creep findings of each function its other sandboxes as context series
 * (not highlighted), for fleet charts.
 */
function attachFleet(sorted: Finding[], totals: Map<string, FunctionTotals>): void {
  const given = new Map<string, number>();
  for (const f of sorted) {
    if (f.kind !== 'memory-creep' || f.function === undefined || !f.evidence.series) continue;
    const n = given.get(f.function) ?? 0;
    if (n >= FLEET_CONTEXT_FINDINGS) continue;
    given.set(f.function, n + 1);
    const others = (totals.get(f.function)?.fleet ?? []).filter((s) => s.sandbox !== f.evidence['sandbox']).slice(0, FLEET_SANDBOXES - 1);
    for (const s of others) f.evidence.series.push({ label: `max memory used, ${s.sandbox}`, unit: 'MB', x: s.x, y: s.y });
  }
}
