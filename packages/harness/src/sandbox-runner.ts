import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { firstUserFrame, parseStack, relativeTo, type Finding } from '@leakwatch/core';
import { detectFindings } from './detect/index.js';
import { fullGc } from './gc.js';
import { invokeOnce } from './invoke.js';
import { keyOf, ResourceLedger } from './ledger.js';
import { ListenerWatch } from './listener-watch.js';
import type { Handler } from './load-handler.js';
import type { HarnessProbe, InvocationSample, ProbeContext } from './probe.js';
import { createProbes } from './profile/index.js';
import type { ResolvedOptions } from './run-options.js';
import type { InvocationError, InvocationTimeout, Run, SiteSeries } from './run.js';

/** What the host of the sandbox lets the runner do between invocations (the child freezes there). */
export interface RunnerHooks {
  /** after invocation `index` was measured, before the next starts */
  between?(index: number): Promise<void>;
  /** each sample as soon as it is measured (the child streams them, so a crash keeps them) */
  onSample?(sample: InvocationSample): void;
}

/**
 * Runs the invocations of one warm sandbox in the current process and judges them: the same code
 * runs in-process and inside the frozen child.
 *
 * @example
 * ```ts
 * const run = await runSandbox(handler, '/app/handler.mjs', resolveOptions({}, 'handler'), 'in-process');
 * ```
 */
export async function runSandbox(handler: Handler, handlerFile: string, options: ResolvedOptions, mode: Run['mode'], hooks: RunnerHooks = {}): Promise<Run> {
  const n = options.invocations;
  const gc = fullGc();
  const notes: string[] = [];
  const files: string[] = [];
  const ctx: ProbeContext = { handlerFile, cwd: options.cwd, invocations: n, gc, ...(options.profile.outDir ? { outDir: options.profile.outDir } : {}) };
  const probes = await setupProbes(options, ctx, notes);
  // Allocated up front, with doubles where doubles go, so the harness's own bookkeeping does not
  // grow the heap per invocation (a first double store into a small-integer field allocates).
  const samples: InvocationSample[] = Array.from({ length: n }, (_, i) => ({ index: i + 1, startedAt: 0.5, durationMs: 0.5, cpuUserMicros: 0.5, cpuSystemMicros: 0.5, heapUsedAfterGc: 0.5, rss: 0.5, outcome: 'ok' }));
  const series = new Map<string, SiteSeries>();
  const errors: InvocationError[] = [];
  const timeouts: InvocationTimeout[] = [];
  const ledger = new ResourceLedger({ cwd: options.cwd });
  const listeners = new ListenerWatch(options.cwd, ledger.context);
  const invokeOptions = { functionName: options.functionName, memoryMb: options.memoryMb, timeoutMs: options.timeoutMs };
  let done = 0;
  gc();
  ledger.enable();
  listeners.install();
  try {
    for (let i = 1; i <= n; i++) {
      const sample = samples[i - 1]!;
      const event = options.events ? structuredClone(options.events[(i - 1) % options.events.length]) : structuredClone(options.event);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
      sample.startedAt = Date.now();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      ledger.begin(i);
      listeners.begin(i);
      const outcome = await Promise.race([ledger.context.run(i, () => invokeOnce(handler, event, invokeOptions)), timedOut]);
      const pending = ledger.end();
      listeners.end();
      const t1 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      clearTimeout(timer);
      sample.durationMs = t1 - t0;
      sample.cpuUserMicros = cpu.user;
      sample.cpuSystemMicros = cpu.system;
      if (outcome === 'timeout') {
        sample.outcome = 'timeout';
        timeouts.push({
          invocation: i,
          timeoutMs: options.timeoutMs,
          pending: pending.flatMap((r) => {
            const site = ledger.siteOf(r);
            const peer = ledger.peerOf(r);
            r.pendingSince = undefined; // reported with the timeout, not as dangling work
            return site ? [{ resource: ledger.kindOf(r), site, ageMs: Math.round(t1 - r.createdAt), ...(peer ? { peer: peer.text } : {}) }] : [];
          }),
        });
      } else if (!outcome.ok) {
        sample.outcome = 'error';
        sample.error = describeError(outcome.error);
        if (errors.length < 50) errors.push({ invocation: i, ...sample.error, ...errorSite(outcome.error, options.cwd) });
      }
      gc();
      const memory = process.memoryUsage();
      sample.heapUsedAfterGc = dataHeapUsed();
      sample.rss = memory.rss;
      countLive(ledger, listeners, series, i, n);
      done = i;
      hooks.onSample?.(sample);
      for (const probe of probes) await guard(probe, 'afterInvocation', notes, () => probe.afterInvocation?.(sample, ctx));
      if (i < n) await (hooks.between ? hooks.between(i) : new Promise<void>((resolve) => setImmediate(resolve)));
    }
    // Give work left by the last invocation a moment to show how long it runs on.
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
    ledger.flushPending();
  } finally {
    ledger.disable();
    listeners.uninstall();
  }
  const finished = samples.slice(0, done);
  const siteSeries = [...series.values()].map((s) => ({ ...s, y: s.y.slice(0, done) }));
  const dangling = ledger.dangling.filter((d) => !timeouts.some((t) => t.invocation === d.invocation));
  const base: Run = { handlerFile, mode, invocations: done, timeoutMs: options.timeoutMs, memoryMb: options.memoryMb, findings: [], samples: finished, series: siteSeries, dangling, errors, timeouts, files, notes };
  let findings: Finding[] = detectFindings(base, options);
  for (const probe of probes) {
    const result = await guard(probe, 'finish', notes, () => probe.finish?.(finished, ctx));
    if (result) {
      findings.push(...result.findings);
      files.push(...(result.files ?? []));
      notes.push(...(result.notes ?? []));
    }
  }
  for (const probe of probes) {
    if (!probe.refine) continue;
    try {
      findings = probe.refine(findings);
    } catch (error) {
      notes.push(`${probe.name}: refine failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  ledger.clear();
  return { ...base, findings };
}

/**
 * The heap that holds data: every V8 space but those of compiled code and its metadata (`code_*`,
 * `trusted_*`). The JIT keeps compiling a warm handler for hundreds of invocations: on Node 24 a
 * leak-free handler doing one HTTP call per invocation grew code_space by 91 KB and trusted_space
 * by 92 KB over 200 invocations, old_space by 16 KB, which read as a 1.2 KB/invocation leak.
 */
function dataHeapUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name.includes('code') || space.space_name.includes('trusted')) continue;
    used += space.space_used_size;
  }
  return used;
}

async function setupProbes(options: ResolvedOptions, ctx: ProbeContext, notes: string[]): Promise<HarnessProbe[]> {
  let probes: HarnessProbe[] = [];
  try {
    if (options.profile.outDir) mkdirSync(options.profile.outDir, { recursive: true });
    probes = createProbes(options.profile);
  } catch (error) {
    notes.push(`profilers not started: ${(error as Error)?.message ?? String(error)}`);
    return [];
  }
  const ready: HarnessProbe[] = [];
  for (const probe of probes) {
    const ok = await guard(probe, 'setup', notes, async () => {
      await probe.setup?.(ctx);
      return true;
    });
    if (ok) ready.push(probe);
  }
  return ready;
}

/** Runs a probe step; a failure becomes a note and never stops the run. */
async function guard<T>(probe: HarnessProbe, step: string, notes: string[], fn: () => Promise<T> | T | undefined): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    notes.push(`${probe.name}: ${step} failed: ${(error as Error)?.message ?? String(error)}`);
    return undefined;
  }
}

function countLive(ledger: ResourceLedger, listeners: ListenerWatch, series: Map<string, SiteSeries>, i: number, n: number): void {
  const at = (key: string, make: () => Omit<SiteSeries, 'y'>): SiteSeries => {
    let s = series.get(key);
    if (!s) {
      s = { ...make(), y: new Array<number>(n).fill(0) };
      series.set(key, s);
    }
    return s;
  };
  for (const r of ledger.records.values()) {
    if (!ledger.isAlive(r) || ledger.isUnrefTimer(r)) continue;
    const site = ledger.siteOf(r);
    if (!site) continue;
    const resource = ledger.kindOf(r);
    const s = at(`${keyOf(site)}|${resource}`, () => {
      const peer = resource === 'socket' ? ledger.peerOf(r) : undefined;
      return {
        key: `${keyOf(site)}|${resource}`,
        type: 'resource',
        resource,
        site,
        work: ledger.isWork(r),
        ...(peer ? { peer: peer.text } : {}),
        ...(peer?.service ? { service: peer.service.service, database: peer.service.database } : {}),
      };
    });
    if (resource === 'socket' && !s.peer) {
      const peer = ledger.peerOf(r);
      if (peer) {
        s.peer = peer.text;
        if (peer.service) Object.assign(s, { service: peer.service.service, database: peer.service.database });
      }
    }
    s.y[i - 1]! += 1;
  }
  for (const c of listeners.count()) {
    const s = at(`listener|${c.key}`, () => ({ key: `listener|${c.key}`, type: 'listener', site: c.site, emitter: `${c.emitter} '${c.event}'` }));
    s.y[i - 1] = c.count;
  }
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.split('\n')[0] ?? '' };
  return { name: typeof error, message: String(error) };
}

function errorSite(error: unknown, cwd: string): { site?: NonNullable<InvocationError['site']> } {
  const frame = error instanceof Error ? firstUserFrame(parseStack(error.stack)) : undefined;
  if (!frame) return {};
  return { site: { file: relativeTo(frame.file, cwd), line: frame.line, column: frame.column, ...(frame.function ? { function: frame.function } : {}) } };
}
