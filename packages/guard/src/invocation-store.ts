import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One invocation's state. It lives in an `AsyncLocalStorage`, never in a module global, so
 * invocations that overlap in one process (Azure, Cloud Run, a local server) keep their own counts.
 */
/** An outbound request started with no timeout or abort signal: what the deadline line names. */
export interface UnguardedRequest {
  /** `host:port`, never the path or query (they can carry tokens) */
  peer: string;
  /** where it was started: a captured, not yet formatted, stack */
  trace: { stack?: string };
  done: boolean;
  /** true when the request object says it was torn down */
  isDestroyed: () => boolean;
}

export class InvocationRecord {
  /** outbound HTTP requests (http, https, fetch, undici) started inside this invocation */
  outbound = 0;
  /** those among them with neither a timeout nor an abort signal */
  outboundWithoutTimeout = 0;
  watchdog: NodeJS.Timeout | undefined = undefined;
  /** outbound requests without a timeout or signal, kept (at most 8) for the deadline line */
  unguarded: UnguardedRequest[] | undefined = undefined;
  /** the active OpenTelemetry span when the invocation began, if any */
  span: unknown = undefined;
  /** runs in its own AsyncLocalStorage context (see {@link startInvocation}) */
  isolated = false;
  constructor(
    readonly t0: number,
    readonly cpu: NodeJS.CpuUsage,
    readonly before: number,
    readonly invocation: number,
    readonly functionName: string,
    readonly requestId: string | undefined,
    readonly log: (line: string) => void,
  ) {}
}

let storage: AsyncLocalStorage<InvocationRecord> | undefined;
/** the invocations running now; as many as run concurrently, never more */
const inFlight = new Set<InvocationRecord>();
/** set for good once two invocations overlapped: from then on each runs in its own async context */
let overlapSeen = false;

/**
 * On Node 24 AsyncLocalStorage rides on AsyncContextFrame and costs next to nothing; on Node 20
 * and 22 an active one installs promise hooks that cost 0.35–0.45 µs per promise in the whole
 * process (30 awaits: 5.9 → 16–19 µs CPU, Node 20; see docs/guard.md), more than the guard
 * itself on a promise-heavy handler.
 */
const cheapAsyncContext = Number(process.versions.node.split('.')[0]) >= 24 && !process.execArgv.includes('--no-async-context-frame');

/**
 * Registers a starting invocation and says whether it must run in its own AsyncLocalStorage
 * context: always when `isolate` (Azure and GCP run invocations concurrently) or where that is
 * cheap (Node 24), and everywhere from the first time two invocations overlap. Until then one
 * invocation runs at a time (Lambda's model) and the running one is the current one.
 *
 * @example
 * ```ts
 * record.isolated = startInvocation(record, false);
 * ```
 */
export function startInvocation(record: InvocationRecord, isolate: boolean): boolean {
  // An invocation the platform abandoned (a callback never called) must not be kept for ever.
  if (inFlight.size >= 10_000) inFlight.clear();
  inFlight.add(record);
  if (inFlight.size > 1) overlapSeen = true;
  return isolate || cheapAsyncContext || overlapSeen;
}

/** Unregisters an invocation that ended. */
export function finishInvocation(record: InvocationRecord): void {
  inFlight.delete(record);
}

/**
 * The store of the current invocation, created on first use (not at import: on Node 20 an active
 * AsyncLocalStorage installs promise hooks).
 *
 * @example
 * ```ts
 * invocationStorage().run(record, () => handler(event, context));
 * ```
 */
export function invocationStorage(): AsyncLocalStorage<InvocationRecord> {
  return (storage ??= new AsyncLocalStorage<InvocationRecord>());
}

/**
 * The invocation running now, or undefined outside guarded code; never throws. Its own async
 * context says it when it has one; otherwise, while invocations have never overlapped, the only
 * one in flight is it. Once they have overlapped, an invocation without a context gets nothing:
 * a request is left uncounted rather than charged to another invocation.
 */
export function currentInvocation(): InvocationRecord | undefined {
  const stored = storage?.getStore();
  if (stored !== undefined || overlapSeen || inFlight.size !== 1) return stored;
  for (const record of inFlight) return record;
  return undefined;
}
