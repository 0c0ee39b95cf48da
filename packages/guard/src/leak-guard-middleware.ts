import { Guard } from './guard.js';
import type { InvocationRecord } from './invocation-store.js';
import { invocationStorage } from './invocation-store.js';
import type { GuardOptions } from './options.js';
import { resolveGuardOptions } from './options.js';
import { lambdaMeta } from './with-leak-guard.js';

/** The part of a middy request the middleware reads: it never reads the event, the response or the error. */
export interface MiddyRequestLike {
  context?: unknown;
}

/** A middy middleware object. Each step returns undefined, so middy never takes it for an early response. */
export interface LeakGuardMiddleware {
  before: (request: MiddyRequestLike) => undefined;
  after: (request: MiddyRequestLike) => undefined;
  onError: (request: MiddyRequestLike) => undefined;
}

/**
 * The guard as a middy middleware: `before` starts the measurement, `after` and `onError` end it
 * (the response and the error are left exactly as the handler and the other middlewares made
 * them). `.use()` it first, so its `before` runs first and its `after`/`onError` last and the
 * whole chain is measured. Where invocations run in their own async context (Node 24, or once
 * two overlapped), the middleware enters it with `AsyncLocalStorage.enterWith`, since middy offers
 * no wrap point around the handler.
 *
 * @example
 * ```js
 * import middy from '@middy/core';
 * import { leakGuardMiddleware } from '@leakwatch/guard';
 * export const handler = middy(async (event) => ({ statusCode: 200 })).use(leakGuardMiddleware());
 * ```
 */
export function leakGuardMiddleware(options: GuardOptions = {}): LeakGuardMiddleware {
  const guard = new Guard(resolveGuardOptions(options, 'leakGuardMiddleware'));
  const records = new WeakMap<object, InvocationRecord>();
  const finish = (request: MiddyRequestLike, outcome: 'ok' | 'error'): void => {
    if (request === null || typeof request !== 'object') return;
    const record = records.get(request);
    if (!record) return;
    records.delete(request);
    guard.end(record, outcome);
  };
  return {
    before: (request) => {
      if (request === null || typeof request !== 'object') return undefined;
      const record = guard.begin(lambdaMeta(request.context));
      if (!record) return undefined;
      records.set(request, record);
      if (!record.isolated) return undefined;
      try {
        invocationStorage().enterWith(record);
      } catch {
        /* counts stay at zero; the handler runs as usual */
      }
      return undefined;
    },
    after: (request) => {
      finish(request, 'ok');
      return undefined;
    },
    onError: (request) => {
      finish(request, 'error');
      return undefined;
    },
  };
}
