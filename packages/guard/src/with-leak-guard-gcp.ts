import { UsageError } from '@leakwatch/core';
import { Guard } from './guard.js';
import type { InvocationMeta } from './guard.js';
import type { GuardOptions } from './options.js';
import { resolveGuardOptions } from './options.js';
import { guardedCall, isThenable } from './with-leak-guard.js';

/** The members of an Express/Functions Framework response the guard reads. */
export interface GcpResponseLike {
  statusCode?: number;
  writableFinished?: boolean;
  destroyed?: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/** The members of an Express request the guard reads: one header, never the body. */
export interface GcpRequestLike {
  headers?: Record<string, string | string[] | undefined>;
}

const functionName = (): string | undefined => process.env['K_SERVICE'] ?? process.env['FUNCTION_TARGET'] ?? process.env['FUNCTION_NAME'];

function httpMeta(req: unknown): InvocationMeta {
  try {
    const id = (req as GcpRequestLike | undefined)?.headers?.['function-execution-id'];
    return { functionName: functionName(), requestId: typeof id === 'string' ? id : undefined };
  } catch {
    return { functionName: functionName() };
  }
}

/**
 * Wraps a Google Cloud Functions HTTP handler `(req, res)` (Functions Framework `http()`, Cloud
 * Run functions): the invocation ends when the response is closed, not when the handler returns.
 * It is named after `K_SERVICE` (or `FUNCTION_TARGET`), logs to stdout (Cloud Logging reads the
 * JSON lines), and leaves the request, the response and any error untouched.
 *
 * @example
 * ```js
 * import functions from '@google-cloud/functions-framework';
 * import { withLeakGuardHttp } from '@leakwatch/guard';
 * functions.http('orders', withLeakGuardHttp(async (req, res) => { res.json({ ok: true }); }));
 * ```
 */
export function withLeakGuardHttp<Req, Res extends GcpResponseLike>(handler: (req: Req, res: Res) => unknown, options: GuardOptions = {}): (req: Req, res: Res) => unknown {
  if (typeof handler !== 'function') throw new UsageError('withLeakGuardHttp: the handler must be a function');
  const guard = new Guard(resolveGuardOptions(options, 'withLeakGuardHttp'), true);
  return function (this: unknown, req: Req, res: Res): unknown {
    const record = guard.begin(httpMeta(req));
    let threw = false;
    const end = (): void => guard.end(record, threw || (res.statusCode ?? 200) >= 500 ? 'error' : 'ok');
    try {
      if (res.writableFinished || res.destroyed) queueMicrotask(end);
      else res.once('close', end);
    } catch {
      guard.end(record, 'error');
    }
    let result: unknown;
    try {
      result = guard.run(record, () => handler.call(this, req, res));
    } catch (error) {
      threw = true;
      throw error;
    }
    if (isThenable(result)) {
      return result.then(undefined, (error: unknown) => {
        threw = true;
        throw error;
      });
    }
    return result;
  };
}

/** The members of a CloudEvent the guard reads: its id, never its data. */
export interface CloudEventLike {
  id?: string;
}

/**
 * Wraps a Google Cloud Functions CloudEvent handler (Functions Framework `cloudEvent()`), promise
 * or callback style (`(event, callback)`, arity kept): the invocation ends when the handler
 * settles, and is identified by the event's `id`.
 *
 * @example
 * ```js
 * import functions from '@google-cloud/functions-framework';
 * import { withLeakGuardCloudEvent } from '@leakwatch/guard';
 * functions.cloudEvent('onUpload', withLeakGuardCloudEvent(async (event) => { await index(event.data); }));
 * ```
 */
export function withLeakGuardCloudEvent<H extends (...args: never[]) => unknown>(handler: H, options: GuardOptions = {}): H {
  if (typeof handler !== 'function') throw new UsageError('withLeakGuardCloudEvent: the handler must be a function');
  const guard = new Guard(resolveGuardOptions(options, 'withLeakGuardCloudEvent'), true);
  const fn = handler as unknown as (this: unknown, ...args: unknown[]) => unknown;
  const meta = (event: unknown): InvocationMeta => {
    try {
      const id = (event as CloudEventLike | undefined)?.id;
      return { functionName: functionName(), requestId: typeof id === 'string' ? id : undefined };
    } catch {
      return { functionName: functionName() };
    }
  };
  if (handler.length >= 2) {
    const wrapped = function (this: unknown, event: unknown, callback: (error?: unknown, result?: unknown) => void): unknown {
      const record = guard.begin(meta(event));
      let finished = false;
      const cb = (error?: unknown, result?: unknown): void => {
        if (!finished) {
          finished = true;
          guard.end(record, error === null || error === undefined ? 'ok' : 'error');
        }
        callback(error, result);
      };
      try {
        return guard.run(record, () => fn.call(this, event, cb));
      } catch (error) {
        if (!finished) {
          finished = true;
          guard.end(record, 'error');
        }
        throw error;
      }
    };
    return wrapped as unknown as H;
  }
  const wrapped = function (this: unknown, event: unknown): unknown {
    return guardedCall(guard, meta(event), () => fn.call(this, event));
  };
  return wrapped as unknown as H;
}
