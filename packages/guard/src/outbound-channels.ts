import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { currentInvocation } from './invocation-store.js';

let watching = false;
/** whether the `fetch` call that led to the current undici request was given an abort signal */
let fetchSignal: AsyncLocalStorage<boolean> | undefined;
let handlerSymbol: symbol | null | undefined;
const ORIGINAL = Symbol.for('leakwatch.guard.originalFetch');

interface HttpClientRequest {
  timeout?: number;
  listenerCount(event: string): number;
}

interface UndiciRequest {
  headersTimeout?: number | null;
  bodyTimeout?: number | null;
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
  return fetchSignal?.getStore() === true;
}

function onHttpStart(message: unknown): void {
  const record = currentInvocation();
  if (!record) return;
  try {
    record.outbound++;
    if (!httpHasDeadline((message as { request: HttpClientRequest }).request)) record.outboundWithoutTimeout++;
  } catch {
    /* a subscriber that throws would surface as an uncaught exception: never */
  }
}

function onUndiciCreate(message: unknown): void {
  const record = currentInvocation();
  if (!record) return;
  try {
    record.outbound++;
    if (!undiciHasDeadline((message as { request: UndiciRequest }).request)) record.outboundWithoutTimeout++;
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
  const marks = (fetchSignal = new AsyncLocalStorage<boolean>());
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
    return marks.run(signalled, () => Reflect.apply(original, this, args));
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
  subscribe('http.client.request.start', onHttpStart);
  subscribe('undici:request:create', onUndiciCreate);
  noteFetchSignals();
}
