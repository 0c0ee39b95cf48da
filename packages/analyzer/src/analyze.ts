import type { Architecture, Finding } from '@leakwatch/core';
import { Aggregator, chronological } from './aggregate.js';
import type { FunctionAggregate } from './aggregate.js';
import { detectColdStartChurn, detectConnectionExhaustion, detectOutOfMemory, detectTimeouts } from './detect/failures.js';
import { detectDurationGrowth } from './detect/duration-growth.js';
import { detectMemoryCreep } from './detect/memory-creep.js';
import { detectOverProvisioned } from './detect/over-provisioned.js';
import { detectLogsAfterEnd } from './detect/after-end.js';
import { detectFromGuard } from './detect/guard.js';
import type { LogInput, ReadStats } from './read-inputs.js';
import { emptyStats, expandPaths, readRecords } from './read-inputs.js';
import type { LogRecord } from './record.js';

export interface AnalyzeOptions {
  /** architecture for pricing; default x86_64 */
  arch?: Architecture;
  /** function name for inputs that do not say (plain text files) */
  functionName?: string;
  /** memory size to price with when the logs do not say */
  defaultMemoryMb?: number;
  /** called every 10,000 records with the counts so far (progress bars) */
  onProgress?: (stats: ReadStats) => void;
}

export interface FunctionSummary {
  platform: string;
  function: string;
  invocations: number;
  sandboxes: number;
  timeouts: number;
  outOfMemory: number;
  billedSeconds: number;
  memorySizeMb?: number;
}

export interface LogAnalysis {
  findings: Finding[];
  functions: FunctionSummary[];
  stats: ReadStats;
}

/** Runs every detector over aggregated functions. */
export function detectAll(functions: Iterable<FunctionAggregate>, options: AnalyzeOptions = {}): Finding[] {
  const opts = { arch: options.arch ?? 'x86_64', ...(options.defaultMemoryMb !== undefined ? { defaultMemoryMb: options.defaultMemoryMb } : {}) };
  const findings: Finding[] = [];
  for (const raw of functions) {
    const f: FunctionAggregate = { ...raw, sandboxes: new Map([...raw.sandboxes].map(([k, s]) => [k, chronological(s)])) };
    for (const d of [
      detectMemoryCreep(f),
      detectTimeouts(f, opts),
      detectOutOfMemory(f),
      detectDurationGrowth(f, opts),
      detectColdStartChurn(f, opts),
      detectConnectionExhaustion(f),
      detectLogsAfterEnd(f),
      detectOverProvisioned(f, opts),
    ]) {
      if (d) findings.push(d);
    }
    findings.push(...detectFromGuard(f));
  }
  return findings;
}

/**
 * Reads platform logs (files, folders, .gz, streams), groups them by function and sandbox, and
 * returns the findings with their cost. Memory stays bounded by the number of sandboxes and
 * invocations, not the input size.
 *
 * @example
 * ```ts
 * const { findings } = await analyzeLogs([{ path: 'exported-logs/' }]);
 * ```
 */
export async function analyzeLogs(inputs: readonly LogInput[], options: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const stats = emptyStats();
  const agg = new Aggregator();
  let n = 0;
  const expanded: LogInput[] = [];
  for (const input of inputs) {
    if ('path' in input) for (const path of await expandPaths([input.path])) expanded.push({ path });
    else expanded.push(input);
  }
  for await (const r of readRecords(expanded, stats, options.functionName ? { fn: options.functionName } : {})) {
    agg.add(r);
    if (options.onProgress && ++n % 10_000 === 0) options.onProgress(stats);
  }
  return analyzeAggregate(agg, stats, options);
}

/** Analyses records already parsed (for example from CloudWatch). */
export function analyzeRecords(records: Iterable<LogRecord>, options: AnalyzeOptions = {}): LogAnalysis {
  const agg = new Aggregator();
  const stats = emptyStats();
  for (const r of records) {
    stats.records++;
    agg.add(r);
  }
  return analyzeAggregate(agg, stats, options);
}

function analyzeAggregate(agg: Aggregator, stats: ReadStats, options: AnalyzeOptions): LogAnalysis {
  const functions: FunctionSummary[] = [...agg.functions.values()].map((f) => ({
    platform: f.platform,
    function: f.fn,
    invocations: f.invocations,
    sandboxes: f.sandboxes.size,
    timeouts: f.timeouts.length,
    outOfMemory: f.ooms.length,
    billedSeconds: f.billedMs / 1000,
    ...(f.memorySizeMb !== undefined ? { memorySizeMb: f.memorySizeMb } : {}),
  }));
  return { findings: detectAll(agg.functions.values(), options), functions, stats };
}
