import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { currentInvocation } from './invocation-store.js';
import type { InvocationRecord, UnguardedRequest } from './invocation-store.js';

let watching = false;
/** the `fetch` call that led to the current undici request: was it given an abort signal, and where was it made */
interface FetchMark {
  signalled: boolean;
  trace?: { stack?: string };
}
let fetchSignal: AsyncLocalStorage<FetchMark> | undefined;
/** request object → its entry, to mark it done when it finishes */
const unguarded = new WeakMap<object, UnguardedRequest>();
const MAX_UNGUARDED = 8;

/** where each `http` request of an invocation was created (Node ≥ 22.12 publishes the creation) */
const createdAt = new WeakMap<object, { stack?: string }>();

/**
 * `http.client.request.created` is published inside the `ClientRequest` constructor, on the
 * caller's stack (`http.client.request.start` comes later, from the socket's tick). The stack is
 * captured, not formatted: formatting happens only if the deadline line names the request.
 */
function onHttpCreated(message: unknown): void {
  if (!currentInvocation()) return;
  try {
    const t: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 16; // the caller sits under the channel, the constructor and request()
    Error.captureStackTrace(t);
    Error.stackTraceLimit = limit;
    createdAt.set((message as { request: object }).request, t);
  } catch {
    /* never throw from a channel subscriber */
  }
}

/** Keeps an unguarded request for the deadline line: its peer and where it was made (when known). */
function keepUnguarded(record: InvocationRecord, request: object, peer: string, trace: { stack?: string } | undefined, isDestroyed: () => boolean): void {
  const list = (record.unguarded ??= []);
  if (list.length >= MAX_UNGUARDED) return;
  const entry: UnguardedRequest = { peer, trace: trace ?? {}, done: false, isDestroyed };
  list.push(entry);
  unguarded.set(request, entry);
}

function markDone(message: unknown): void {
  try {
    const request = (message as { request?: object }).request;
    const entry = request ? unguarded.get(request) : undefined;
    if (entry) entry.done = true;
  } catch {
    /* never throw from a channel subscriber */
  }
}
let handlerSymbol: symbol | null | undefined;
const ORIGINAL = Symbol.for('leakwatch.guard.originalFetch');

interface HttpClientRequest {
  timeout?: number;
  destroyed?: boolean;
  host?: string;
  listenerCount(event: string): number;
  getHeader?(name: string): unknown;
}

interface UndiciRequest {
  headersTimeout?: number | null;
  bodyTimeout?: number | null;
  origin?: string | URL;
  completed?: boolean;
  aborted?: boolean;
  [key: symbol]: unknown;
}

/**
 * `http`/`https`: the `timeout` option sets `request.timeout`; `setTimeout(ms, onTimeout)` or
 * `on('timeout')` adds a `timeout` listener; a `signal` adds an `abort` listener. The agent's
 * socket timeout (5 s on Node's global agent) does not count: it only emits `timeout`, it never
 * ends a hung request.
 */
function httpHasDeadline(request: HttpClientRequest): boolean {
  return request.timeout !== undefined || request.listenerCount('timeout') > 0 || request.listenerCount('abort') > 0;
}

/** undici: explicit headers/body timeouts, a signal on the dispatch handler (`undici.request`), or a signalled `fetch`. */
function undiciHasDeadline(request: UndiciRequest): boolean {
  if (typeof request.headersTimeout === 'number' || typeof request.bodyTimeout === 'number') return true;
  if (handlerSymbol === undefined) handlerSymbol = Object.getOwnPropertySymbols(request).find((s) => s.description === 'handler') ?? null;
  const handler = handlerSymbol ? (request[handlerSymbol] as { signal?: unknown } | undefined) : undefined;
  if (handler?.signal != null) return true;
  return fetchSignal?.getStore()?.signalled === true;
}

function onHttpStart(message: unknown): void {
  const record = currentInvocation();
  if (!record) return;
  try {
    record.outbound++;
    const request = (message as { request: HttpClientRequest }).request;
    if (!httpHasDeadline(request)) {
      record.outboundWithoutTimeout++;
      const host = request.getHeader?.('host');
      keepUnguarded(record, request, typeof host === 'string' ? host : String(request.host ?? 'unknown'), createdAt.get(request), () => request.destroyed === true);
    }
  } catch {
    /* a subscriber that throws would surface as an uncaught exception: never */
  }
}

function onUndiciCreate(message: unknown): void {
  const record = currentInvocation();
  if (!record) return;
  try {
    record.outbound++;
    const request = (message as { request: UndiciRequest }).request;
    if (!undiciHasDeadline(request)) {
      record.outboundWithoutTimeout++;
      const origin = String(request.origin ?? 'unknown').replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
      keepUnguarded(record, request, origin, fetchSignal?.getStore()?.trace, () => request.completed === true || request.aborted === true);
    }
  } catch {
    /* never throw from a channel subscriber */
  }
}

/**
 * No diagnostics channel tells whether a `fetch` was given an abort signal (undici's request
 * sees only the dispatch options), so the global `fetch` is wrapped, once, to note it in the
 * async context of the call. The wrapper passes arguments, `this`, result and errors through.
 */
function noteFetchSignals(): void {
  const original = globalThis.fetch as (typeof globalThis.fetch & { [ORIGINAL]?: unknown }) | undefined;
  if (typeof original !== 'function' || original[ORIGINAL]) return;
  const marks = (fetchSignal = new AsyncLocalStorage<FetchMark>());
  const fetch = function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>): ReturnType<typeof globalThis.fetch> {
    if (currentInvocation() === undefined) return Reflect.apply(original, this, args);
    let signalled = true; // when unsure (a Request object always carries a signal), do not report
    try {
      const [input, init] = args;
      if (init?.signal !== undefined) signalled = init.signal !== null;
      else signalled = typeof input === 'object' && input !== null && !(input instanceof URL);
    } catch {
      /* keep the safe answer */
    }
    // where an unsignalled fetch was made: undici creates the request later, off the caller's stack
    let trace: { stack?: string } | undefined;
    if (!signalled) {
      trace = {};
      Error.captureStackTrace(trace, fetch);
    }
    return marks.run(trace ? { signalled, trace } : { signalled }, () => Reflect.apply(original, this, args));
  };
  Object.defineProperty(fetch, ORIGINAL, { value: original });
  try {
    globalThis.fetch = fetch as typeof globalThis.fetch;
  } catch {
    fetchSignal = undefined;
  }
}

/**
 * Starts counting outbound requests per invocation: subscribes to `http.client.request.start`
 * (http, https) and `undici:request:create` (fetch, undici). Called by the first guarded
 * invocation, never at import; later calls do nothing.
 *
 * @example
 * ```ts
 * watchOutbound(); // then each InvocationRecord's outbound and outboundWithoutTimeout count up
 * ```
 */
export function watchOutbound(): void {
  if (watching) return;
  watching = true;
  subscribe('http.client.request.created', onHttpCreated);
  subscribe('http.client.request.start', onHttpStart);
  subscribe('undici:request:create', onUndiciCreate);
  subscribe('http.client.response.finish', markDone);
  subscribe('undici:request:trailers', markDone);
  subscribe('undici:request:error', markDone);
  noteFetchSignals();
}
