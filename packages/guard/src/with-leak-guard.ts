import { createFinding, formatBytes, GUARD_SCHEMA_VERSION, judgeTrend, UsageError } from '@leakwatch/core';
import type { Finding, GuardDeadlineLine, GuardFindingLine } from '@leakwatch/core';
import { emfLine } from './emf-line.js';
import type { GuardOptions, ResolvedGuardOptions } from './options.js';
import { resolveGuardOptions } from './options.js';
import { SandboxState } from './sandbox-state.js';

type AnyHandler = (...args: never[]) => unknown;

interface LambdaLikeContext {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
}

interface Token {
  t0: number;
  cpu: NodeJS.CpuUsage;
  before: number;
  requestId: string | undefined;
  functionName: string;
  watchdog: NodeJS.Timeout | undefined;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function';

function countByType(): { total: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  const list = process.getActiveResourcesInfo();
  for (const t of list) byType[t] = (byType[t] ?? 0) + 1;
  return { total: list.length, byType };
}

/** The guard's per-invocation work; every step is wrapped so a failure never reaches the handler. */
class Guard {
  private state: SandboxState | undefined;
  private failed = false;
  constructor(private readonly opts: ResolvedGuardOptions) {}

  begin(context: unknown): Token | undefined {
    if (this.failed) return undefined; // after its own failure the guard steps aside for good
    try {
      const ctx = (context ?? {}) as LambdaLikeContext;
      this.state ??= new SandboxState(this.opts.window);
      this.state.watchGc();
      const state = this.state;
      state.invocation++;
      const functionName = this.opts.functionName ?? process.env['AWS_LAMBDA_FUNCTION_NAME'] ?? ctx.functionName ?? 'unknown';
      const token: Token = { t0: performance.now(), cpu: process.cpuUsage(), before: process.getActiveResourcesInfo().length, requestId: typeof ctx.awsRequestId === 'string' ? ctx.awsRequestId : undefined, functionName, watchdog: undefined };
      const remaining = typeof ctx.getRemainingTimeInMillis === 'function' ? ctx.getRemainingTimeInMillis() : undefined;
      if (remaining !== undefined && remaining - this.opts.deadlineMarginMs > 0) {
        const invocation = state.invocation;
        token.watchdog = setTimeout(() => this.deadline(token, invocation), remaining - this.opts.deadlineMarginMs);
        token.watchdog.unref();
      }
      return token;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  end(token: Token | undefined, outcome: 'ok' | 'error'): void {
    if (!token || !this.state) return;
    try {
      clearTimeout(token.watchdog);
      const state = this.state;
      const cpu = process.cpuUsage(token.cpu);
      const mem = process.memoryUsage();
      const active = countByType();
      if (Number.isFinite(state.heapAfterGc)) state.heap.push(state.heapAfterGc);
      state.resources.push(active.total);
      const findings = this.judge(token.functionName);
      const emit = !this.opts.onlyOnFindings || findings.length > 0;
      if (emit && (findings.length > 0 || state.invocation % this.opts.every === 0)) {
        this.opts.log(
          emfLine(this.opts.namespace, {
            functionName: token.functionName,
            sandboxId: state.sandboxId,
            invocation: state.invocation,
            ...(token.requestId ? { requestId: token.requestId } : {}),
            outcome,
            values: {
              DurationMs: performance.now() - token.t0,
              CpuUserMs: cpu.user / 1000,
              CpuSystemMs: cpu.system / 1000,
              HeapUsed: mem.heapUsed,
              HeapAfterGc: state.heapAfterGc,
              Rss: mem.rss,
              ActiveResources: active.total,
              PendingAtReturn: Math.max(0, active.total - token.before),
            },
            activeByType: active.byType,
          }),
        );
      }
      for (const finding of findings) {
        const line: GuardFindingLine = { LeakwatchSchema: GUARD_SCHEMA_VERSION, LeakwatchType: 'finding', FunctionName: token.functionName, SandboxId: state.sandboxId, Invocation: state.invocation, finding };
        this.opts.log(JSON.stringify(line));
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Rolling robust trends inside the sandbox; each kind is reported once per sandbox. */
  private judge(functionName: string): Finding[] {
    const state = this.state as SandboxState;
    const step = Math.max(4, Math.floor(this.opts.window / 4));
    if (state.invocation % step !== 0 || state.resources.length < 12) return [];
    const out: Finding[] = [];
    const key = `${functionName}:${state.sandboxId}`;
    const heap = state.heap.toArray();
    if (!state.reported.has('heap') && heap.length >= 12) {
      const v = judgeTrend(heap, { minSlope: 1024 });
      if (v.growing) {
        state.reported.add('heap');
        out.push(createFinding({ kind: 'heap-growth', severity: 'error', title: `heap after GC grows ${formatBytes(v.slope)} per invocation in this sandbox`, function: functionName, key, evidence: { summary: [`heap after GC over the last ${heap.length} invocations: ${formatBytes(heap[0] ?? 0)} → ${formatBytes(heap[heap.length - 1] ?? 0)} (95% CI ${formatBytes(v.ciLow)} to ${formatBytes(v.ciHigh)} per invocation)`], bytesPerInvocation: v.slope, ciLow: v.ciLow, ciHigh: v.ciHigh }, advice: 'run `leakwatch test` on this handler for the allocation site: something at module scope keeps what each invocation adds', source: 'guard' }));
      }
    }
    const res = state.resources.toArray();
    if (!state.reported.has('handles')) {
      const v = judgeTrend(res, { minSlope: 0.5 });
      if (v.growing) {
        state.reported.add('handles');
        out.push(createFinding({ kind: 'handle-growth', severity: 'error', title: `active handles grow ${v.slope.toFixed(2)} per invocation in this sandbox`, function: functionName, key, evidence: { summary: [`active resources over the last ${res.length} invocations: ${res[0]} → ${res[res.length - 1]}`], perInvocation: v.slope }, advice: 'close what the handler opens (end() in finally) or create it once outside the handler; `leakwatch test` names the line', source: 'guard' }));
      }
    }
    return out;
  }

  private deadline(token: Token, invocation: number): void {
    try {
      const state = this.state as SandboxState;
      const active = countByType();
      const line: GuardDeadlineLine = {
        LeakwatchSchema: GUARD_SCHEMA_VERSION,
        LeakwatchType: 'deadline',
        FunctionName: token.functionName,
        SandboxId: state.sandboxId,
        Invocation: invocation,
        ...(token.requestId ? { RequestId: token.requestId } : {}),
        remainingMs: this.opts.deadlineMarginMs,
        pending: Object.entries(active.byType).map(([type, count]) => ({ type, count })),
      };
      this.opts.log(JSON.stringify(line));
    } catch (error) {
      this.fail(error);
    }
  }

  /** Logs the guard's own failure once; the handler carries on as if unwrapped. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    try {
      this.opts.log(JSON.stringify({ LeakwatchSchema: GUARD_SCHEMA_VERSION, LeakwatchType: 'guard-error', message: `leakwatch guard disabled its measurement after an internal error: ${(error as Error)?.message ?? String(error)}` }));
    } catch {
      /* nothing more to do: never throw into the handler */
    }
  }
}

/**
 * Wraps a Lambda handler (async or callback-style) so every invocation is measured for
 * microseconds and logs one EMF metrics line; when heap or handles grow across warm invocations a
 * finding line follows, and a watchdog logs what is pending shortly before the platform timeout.
 * The wrapped handler returns and throws exactly what the bare one does.
 *
 * @example
 * ```js
 * import { withLeakGuard } from '@leakwatch/guard';
 * export const handler = withLeakGuard(async (event, context) => ({ statusCode: 200 }));
 * ```
 */
export function withLeakGuard<H extends AnyHandler>(handler: H, options: GuardOptions = {}): H {
  if (typeof handler !== 'function') throw new UsageError('withLeakGuard: the handler must be a function');
  const guard = new Guard(resolveGuardOptions(options));
  const fn = handler as unknown as (this: unknown, ...args: unknown[]) => unknown;
  if (handler.length >= 3) {
    // Callback style: keep the arity, since the Lambda runtime reads handler.length.
    const wrapped = function (this: unknown, event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void): unknown {
      const token = guard.begin(context);
      let finished = false;
      const finish = (outcome: 'ok' | 'error'): void => {
        if (finished) return;
        finished = true;
        guard.end(token, outcome);
      };
      const cb = (error?: unknown, result?: unknown): void => {
        finish(error === null || error === undefined ? 'ok' : 'error');
        callback(error, result);
      };
      let result: unknown;
      try {
        result = fn.call(this, event, context, cb);
      } catch (error) {
        finish('error');
        throw error;
      }
      if (isThenable(result)) {
        return result.then(
          (value) => {
            finish('ok');
            return value;
          },
          (error: unknown) => {
            finish('error');
            throw error;
          },
        );
      }
      return result;
    };
    return wrapped as unknown as H;
  }
  const wrapped = function (this: unknown, event: unknown, context: unknown): unknown {
    const token = guard.begin(context);
    let result: unknown;
    try {
      result = fn.call(this, event, context);
    } catch (error) {
      guard.end(token, 'error');
      throw error;
    }
    if (isThenable(result)) {
      return result.then(
        (value) => {
          guard.end(token, 'ok');
          return value;
        },
        (error: unknown) => {
          guard.end(token, 'error');
          throw error;
        },
      );
    }
    guard.end(token, 'ok');
    return result;
  };
  return wrapped as unknown as H;
}
