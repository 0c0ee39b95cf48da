import { createFinding, firstUserFrame, formatBytes, GUARD_SCHEMA_VERSION, judgeTrend, parseStack, relativeTo } from '@leakwatch/core';
import type { Finding, GuardDeadlineLine, GuardFindingLine } from '@leakwatch/core';
import { DeadlineWatchdog } from './deadline-watchdog.js';
import { DeepCapture } from './deep-capture.js';
import type { CaptureResult } from './deep-capture.js';
import { getHeapStatistics } from 'node:v8';
import { EmfWriter } from './emf-writer.js';
import type { LineValues } from './emf-writer.js';
import { finishInvocation, InvocationRecord, invocationStorage, startInvocation } from './invocation-store.js';
import type { ResolvedGuardOptions } from './options.js';
import { activeSpan, annotateSpan, loadOtel } from './otel-bridge.js';
import { watchOutbound } from './outbound-channels.js';
import { SandboxState } from './sandbox-state.js';
import { stdoutBytes, stdoutLog } from './stdout-sink.js';

/** What an adapter knows about one invocation when it starts. */
export interface InvocationMeta {
  functionName?: string | undefined;
  requestId?: string | undefined;
  /** time left before the platform kills the invocation; arms the deadline watchdog */
  remainingMs?: number | undefined;
  /** the platform's logger for this invocation (Azure's `context.log`), used when no `log` option was given */
  log?: ((line: string) => void) | undefined;
}

export type Outcome = 'ok' | 'error';

function countByType(list: readonly string[]): Record<string, number> {
  const byType: Record<string, number> = {};
  for (const t of list) byType[t] = (byType[t] ?? 0) + 1;
  return byType;
}

/**
 * RSS is read every this many invocations, not every one, and at most once a second:
 * `process.memoryUsage.rss()` reads /proc and cost 10–12 µs per call, a third of the guard's
 * whole budget at the time (Node 20, 2 vCPU; benchmarks/guard-overhead.mjs; 8.4 µs on a later
 * machine); every 16th still cost ~1.8 µs amortised, every 64th ~0.13 µs, which a busy sandbox
 * (thousands of invocations a second) no longer pays. The line carries the latest sample: RSS moves
 * slowly, and a sample a second old says the same.
 */
const RSS_EVERY = 64;
const RSS_MIN_MS = 1000;

/**
 * V8's heap used. From v8 heap statistics, not process.memoryUsage(): the latter also reads RSS
 * from /proc (~10 µs). When V8 inlines getHeapStatistics() it drops the 14-member object that
 * only one member is read from (~360 bytes per invocation otherwise); end() is kept small for
 * that (the line is written by a method of its own), but whether V8 does so varies from run to
 * run (Node 20: 1.35 or 1.7 KB allocated per trivial guarded invocation, heap sampling).
 */
function heapUsedNow(): number {
  return getHeapStatistics().used_heap_size;
}

/** what collect() and judge() return when there is nothing: one shared array, none allocated per invocation */
const NONE: readonly Finding[] = Object.freeze([]);

/** Ordinary least-squares slope in O(n): a cheap screen before the O(n²) robust test. */
function olsSlope(y: readonly number[]): number {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    sx += i;
    sy += v;
    sxy += i * v;
    sxx += i * i;
  }
  const d = n * sxx - sx * sx;
  return d === 0 ? 0 : (n * sxy - sx * sy) / d;
}

/**
 * The guard's per-invocation work, shared by `withLeakGuard`, the middleware and the adapters.
 * Every step is wrapped so a failure never reaches the handler: after its first failure the guard
 * logs one line and steps aside for good.
 *
 * @example
 * ```ts
 * const guard = new Guard(resolveGuardOptions({}));
 * const record = guard.begin({ requestId: 'r-1' });
 * const result = guard.run(record, () => handler(event));
 * guard.end(record, 'ok');
 * ```
 */
export class Guard {
  private state: SandboxState | undefined;
  private failed = false;
  private readonly capture = new DeepCapture();
  private writer: EmfWriter | undefined;
  /** findings waiting for the creation-site capture to name their line */
  private pending: Finding[] = [];
  private readonly otel;
  private readonly watchdog = new DeadlineWatchdog((record) => this.deadline(record));

  /** read once: process.env is a call into C++ (~0.5 µs) and Lambda's function name never changes */
  private readonly envName = process.env['AWS_LAMBDA_FUNCTION_NAME'];

  /**
   * @param isolate run every invocation in its own AsyncLocalStorage context (the Azure and GCP
   * adapters: their platforms run invocations concurrently); otherwise only where that is cheap or
   * once invocations have overlapped.
   */
  constructor(
    private readonly opts: ResolvedGuardOptions,
    private readonly isolate = false,
  ) {
    this.otel = opts.otel ? loadOtel() : undefined;
  }

  begin(meta: InvocationMeta): InvocationRecord | undefined {
    if (this.failed) return undefined;
    try {
      if (!this.state) {
        this.state = new SandboxState(this.opts.window);
        this.writer = new EmfWriter(this.opts.namespace, this.state.sandboxId);
        this.state.watchGc();
        if (this.opts.outbound) watchOutbound();
      }
      const state = this.state;
      const invocation = ++state.invocation;
      const functionName = this.opts.functionName ?? this.envName ?? meta.functionName ?? 'unknown';
      const remaining = meta.remainingMs;
      // Active resources before this invocation = after the previous one (a frozen sandbox does not
      // change in between): saves a getActiveResourcesInfo() call, ~1 µs, per invocation.
      if (state.lastActive < 0) state.lastActive = process.getActiveResourcesInfo().length;
      // Likewise CPU is counted from the previous invocation's end: process.cpuUsage() is a
      // getrusage() call, ~2.5 µs here, and one per invocation is enough for a frozen sandbox.
      state.lastCpu ??= process.cpuUsage();
      const record = new InvocationRecord(performance.now(), state.lastCpu, state.lastActive, invocation, functionName, meta.requestId, this.opts.log ?? meta.log ?? stdoutLog);
      if (this.otel) record.span = activeSpan(this.otel);
      if (remaining !== undefined && remaining - this.opts.deadlineMarginMs > 0) this.watchdog.watch(record, record.t0 + remaining - this.opts.deadlineMarginMs, record.t0);
      record.isolated = startInvocation(record, this.isolate);
      return record;
    } catch (error) {
      this.fail(error, meta.log);
      return undefined;
    }
  }

  /** Runs `fn` with `record` as the current invocation (outbound requests and creation sites are charged to it). */
  run<T>(record: InvocationRecord | undefined, fn: () => T): T {
    if (!record?.isolated) return fn();
    return invocationStorage().run(record, fn);
  }

  end(record: InvocationRecord | undefined, outcome: Outcome): void {
    if (!record) return;
    this.watchdog.unwatch(record);
    finishInvocation(record);
    if (!this.state || this.failed) return;
    try {
      const state = this.state;
      const now = process.cpuUsage();
      const cpuUser = now.user - record.cpu.user;
      const cpuSystem = now.system - record.cpu.system;
      state.lastCpu = now;
      const heapUsed = heapUsedNow();
      if ((record.invocation % RSS_EVERY === 1 && record.t0 - state.rssAt >= RSS_MIN_MS) || state.rss === 0) {
        state.rss = process.memoryUsage.rss();
        state.rssAt = record.t0;
      }
      const list = process.getActiveResourcesInfo();
      const active = list.length;
      state.lastActive = active;
      if (Number.isFinite(state.heapAfterGc)) state.heap.push(state.heapAfterGc);
      state.resources.push(active);
      const findings = this.collect(record.functionName);
      const emit = !this.opts.onlyOnFindings || findings.length > 0;
      if (emit && (findings.length > 0 || record.invocation % this.opts.every === 0)) this.line(record, outcome, cpuUser, cpuSystem, heapUsed, active, list);
      for (const finding of findings) {
        const line: GuardFindingLine = { LeakwatchSchema: GUARD_SCHEMA_VERSION, LeakwatchType: 'finding', FunctionName: record.functionName, SandboxId: state.sandboxId, Invocation: record.invocation, finding };
        record.log(JSON.stringify(line));
      }
      if (record.span !== undefined) {
        const attributes: Record<string, number> = { 'leakwatch.active_resources': active, 'leakwatch.outbound': record.outbound, 'leakwatch.outbound_without_timeout': record.outboundWithoutTimeout };
        if (Number.isFinite(state.heapAfterGc)) attributes['leakwatch.heap_after_gc'] = state.heapAfterGc;
        annotateSpan(record.span, attributes, findings);
      }
    } catch (error) {
      this.fail(error, record.log);
    }
  }

  /** The metrics line: a method of its own, which keeps end() small enough for V8 to inline the heap statistics (see heapUsedNow). */
  private line(record: InvocationRecord, outcome: Outcome, cpuUser: number, cpuSystem: number, heapUsed: number, active: number, list: readonly string[]): void {
    const state = this.state as SandboxState;
    const values: LineValues = {
      DurationMs: performance.now() - record.t0,
      CpuUserMs: cpuUser / 1000,
      CpuSystemMs: cpuSystem / 1000,
      HeapUsed: heapUsed,
      HeapAfterGc: state.heapAfterGc,
      Rss: state.rss,
      ActiveResources: active,
      OutboundRequests: record.outbound,
      RequestsWithoutTimeout: record.outboundWithoutTimeout,
      PendingAtReturn: Math.max(0, active - record.before),
    };
    const writer = this.writer as EmfWriter;
    // the default sink takes the line as bytes: no string is built (~0.8 µs less than line() + writing it, Node 20)
    if (record.log === stdoutLog) stdoutBytes(writer.bytes, writer.encode(Date.now(), record.functionName, record.invocation, record.requestId, outcome, values, list));
    else record.log(writer.line(Date.now(), record.functionName, record.invocation, record.requestId, outcome, values, list));
  }

  /** New trend findings, held back while the creation-site capture names their line. */
  private collect(functionName: string): readonly Finding[] {
    const done = this.capture.endInvocation();
    let ready: readonly Finding[] = NONE;
    if (done) {
      ready = this.pending.map((f) => withSite(f, done.top));
      this.pending = [];
    }
    const fresh = this.judge(functionName);
    if (fresh.length === 0) return ready;
    if (this.opts.deepCapture > 0 && !this.capture.active) {
      this.pending.push(...fresh);
      this.capture.start(this.opts.deepCapture);
      return ready;
    }
    if (this.capture.active) {
      this.pending.push(...fresh);
      return ready;
    }
    return [...ready, ...fresh];
  }

  /** Rolling robust trends inside the sandbox; each kind is reported once per sandbox. */
  private judge(functionName: string): readonly Finding[] {
    const state = this.state as SandboxState;
    const step = Math.max(4, Math.floor(this.opts.window / 4));
    if (state.invocation % step !== 0 || state.resources.length < 12) return NONE;
    const out: Finding[] = [];
    const key = `${functionName}:${state.sandboxId}`;
    const heap = state.heap.toArray();
    // The robust test is O(n²); a flat series (the usual case) is screened out in O(n) first.
    if (!state.reported.has('heap') && heap.length >= 12 && olsSlope(heap) >= 512) {
      const v = judgeTrend(heap, { minSlope: 1024 });
      if (v.growing) {
        state.reported.add('heap');
        out.push(createFinding({ kind: 'heap-growth', severity: 'error', title: `heap after GC grows ${formatBytes(v.slope)} per invocation in this sandbox`, function: functionName, key, evidence: { summary: [`heap after GC over the last ${heap.length} invocations: ${formatBytes(heap[0] ?? 0)} → ${formatBytes(heap[heap.length - 1] ?? 0)} (95% CI ${formatBytes(v.ciLow)} to ${formatBytes(v.ciHigh)} per invocation)`], bytesPerInvocation: v.slope, ciLow: v.ciLow, ciHigh: v.ciHigh }, advice: 'run `leakwatch test` on this handler for the allocation site: something at module scope keeps what each invocation adds', source: 'guard' }));
      }
    }
    const res = state.resources.toArray();
    if (!state.reported.has('handles') && olsSlope(res) >= 0.25) {
      const v = judgeTrend(res, { minSlope: 0.5 });
      if (v.growing) {
        state.reported.add('handles');
        out.push(createFinding({ kind: 'handle-growth', severity: 'error', title: `active handles grow ${v.slope.toFixed(2)} per invocation in this sandbox`, function: functionName, key, evidence: { summary: [`active resources over the last ${res.length} invocations: ${res[0]} → ${res[res.length - 1]}`], perInvocation: v.slope }, advice: 'close what the handler opens (end() in finally) or create it once outside the handler; `leakwatch test` names the line', source: 'guard' }));
      }
    }
    return out;
  }

  private deadline(record: InvocationRecord): void {
    if (this.failed) return;
    try {
      const state = this.state as SandboxState;
      const byType = countByType(process.getActiveResourcesInfo());
      const line: GuardDeadlineLine = {
        LeakwatchSchema: GUARD_SCHEMA_VERSION,
        LeakwatchType: 'deadline',
        FunctionName: record.functionName,
        SandboxId: state.sandboxId,
        Invocation: record.invocation,
        ...(record.requestId ? { RequestId: record.requestId } : {}),
        remainingMs: this.opts.deadlineMarginMs,
        pending: [...unguardedPending(record), ...Object.entries(byType).map(([type, count]) => ({ type, count }))],
      };
      record.log(JSON.stringify(line));
    } catch (error) {
      this.fail(error, record.log);
    }
  }

  /** Logs the guard's own failure once; the handler carries on as if unwrapped. */
  private fail(error: unknown, log: ((line: string) => void) | undefined): void {
    if (this.failed) return;
    this.failed = true;
    try {
      this.capture.stop();
      (this.opts.log ?? log ?? stdoutLog)(JSON.stringify({ LeakwatchSchema: GUARD_SCHEMA_VERSION, LeakwatchType: 'guard-error', message: `leakwatch guard disabled its measurement after an internal error: ${(error as Error)?.message ?? String(error)}` }));
    } catch {
      /* nothing more to do: never throw into the handler */
    }
  }
}

/**
 * The outbound requests of this invocation that have no timeout and have not finished, with their
 * peer and the line that started them (the stack captured at the start is formatted only now).
 */
function unguardedPending(record: InvocationRecord): GuardDeadlineLine['pending'] {
  const out: GuardDeadlineLine['pending'] = [];
  for (const r of record.unguarded ?? []) {
    if (r.done || r.isDestroyed()) continue;
    const frame = firstUserFrame(parseStack(r.trace.stack));
    out.push({ type: 'request without timeout', count: 1, peer: r.peer, ...(frame ? { site: `${relativeTo(frame.file, process.cwd())}:${frame.line}` } : {}) });
  }
  return out;
}

/** The finding again, with the creation site where resources accumulated (same kind, new stable id from the site). */
function withSite(finding: Finding, top: CaptureResult | undefined): Finding {
  if (!top) return finding;
  const { id: _id, ...rest } = finding;
  void _id;
  return createFinding({
    ...rest,
    site: top.site,
    evidence: { ...rest.evidence, summary: [...(rest.evidence.summary ?? []), `${top.live} ${top.type} resources created at ${top.site.file}:${top.site.line} were still alive after ${top.invocations} invocations with creation-site capture`], resource: top.type },
  });
}
