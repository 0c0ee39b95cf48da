import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One invocation's state. It lives in an `AsyncLocalStorage`, never in a module global, so
 * invocations that overlap in one process (Azure, Cloud Run, a local server) keep their own counts.
 */
export class InvocationRecord {
  /** outbound HTTP requests (http, https, fetch, undici) started inside this invocation */
  outbound = 0;
  /** those among them with neither a timeout nor an abort signal */
  outboundWithoutTimeout = 0;
  watchdog: NodeJS.Timeout | undefined = undefined;
  /** the active OpenTelemetry span when the invocation began, if any */
  span: unknown = undefined;
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
 * The store of the current invocation, created on first use (not at import: on Node 20 an active
 * AsyncLocalStorage installs promise hooks).
 *
 * @example
 * ```ts
 * invocationStorage().getStore()?.outbound; // inside a guarded handler: its outbound count so far
 * ```
 */
export function invocationStorage(): AsyncLocalStorage<InvocationRecord> {
  return (storage ??= new AsyncLocalStorage<InvocationRecord>());
}

/** The record of the invocation running now, or undefined outside guarded code; never throws. */
export function currentInvocation(): InvocationRecord | undefined {
  return storage?.getStore();
}
