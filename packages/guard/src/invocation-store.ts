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
  /** when the deadline watchdog reports this invocation (`performance.now()`), while it is watched */
  deadlineAt: number | undefined = undefined;
  /** neighbours in the deadline watchdog's list */
  prevWatched: InvocationRecord | undefined = undefined;
  nextWatched: InvocationRecord | undefined = undefined;
  /** outbound requests without a timeout or signal, kept (at most 8) for the deadline line */
  unguarded: UnguardedRequest[] | undefined = undefined;
  /** the active OpenTelemetry span when the invocation began, if any */
  span: unknown = undefined;
  /** runs in its own AsyncLocalStorage context (see {@link startInvocation}) */
  isolated = false;
  /** started and not yet ended */
  running = false;
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
/**
 * How many invocations run now, and the latest one started: while invocations have never
 * overlapped, that is the one running. A count and a slot, not a Set of records: adding to and
 * deleting from a Set cost ~0.15 µs per invocation (Node 20, benchmarks/guard-overhead.mjs).
 */
let running = 0;
let latest: InvocationRecord | undefined;
/** set for good once two invocations overlapped: from then on each runs in its own async context */
let overlapSeen = false;
/** true while the guard creates its own resources: they belong to no invocation */
let outside = false;

/**
 * Runs `fn` (the guard's own work, such as arming its timer) as part of no invocation: the
 * creation-site capture and the outbound counts ignore what it creates.
 *
 * @example
 * ```ts
 * const timer = outsideInvocations(() => setTimeout(check, 1000));
 * ```
 */
export function outsideInvocations<T>(fn: () => T): T {
  const was = outside;
  outside = true;
  try {
    return fn();
  } finally {
    outside = was;
  }
}

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
  record.running = true;
  // An invocation the platform abandoned (a callback never called) stays counted: the next one
  // then counts as overlapping, and invocations are isolated from then on, as they must be.
  if (++running > 1) overlapSeen = true;
  latest = record;
  return isolate || cheapAsyncContext || overlapSeen;
}

/** Unregisters an invocation that ended (once: a second call for the same record does nothing). */
export function finishInvocation(record: InvocationRecord): void {
  if (!record.running) return;
  record.running = false;
  running--;
  if (latest === record) latest = undefined;
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
  if (outside) return undefined;
  const stored = storage?.getStore();
  if (stored !== undefined || overlapSeen || running !== 1) return stored;
  return latest;
}
