import { UsageError } from '@leakwatch/core';
import { Guard } from './guard.js';
import type { InvocationMeta } from './guard.js';
import type { GuardOptions } from './options.js';
import { resolveGuardOptions } from './options.js';
import { guardedCall } from './with-leak-guard.js';

/** The members of an Azure Functions v4 `InvocationContext` the guard reads (structural: no dependency on `@azure/functions`). */
export interface AzureInvocationContextLike {
  invocationId?: string;
  functionName?: string;
  log?: (...args: unknown[]) => void;
}

function azureMeta(context: unknown): InvocationMeta {
  if (context === null || typeof context !== 'object') return {};
  try {
    const ctx = context as AzureInvocationContextLike;
    const log = ctx.log;
    return {
      functionName: typeof ctx.functionName === 'string' ? ctx.functionName : undefined,
      requestId: typeof ctx.invocationId === 'string' ? ctx.invocationId : undefined,
      log: typeof log === 'function' ? (line: string) => void log.call(ctx, line) : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Wraps an Azure Functions v4 handler (`app.http`, `app.timer`, `app.storageQueue`, … all take
 * `(trigger, context)`): each invocation is measured under `context.invocationId` and
 * `context.functionName`, and its lines go to `context.log` (so Application Insights has them)
 * unless a `log` option is given. Invocations that overlap in one worker keep their own counts.
 * Returns and throws exactly what the handler does.
 *
 * @example
 * ```js
 * import { app } from '@azure/functions';
 * import { withLeakGuardAzure } from '@leakwatch/guard';
 * app.http('orders', { methods: ['POST'], handler: withLeakGuardAzure(async (request, context) => ({ status: 200 })) });
 * ```
 */
export function withLeakGuardAzure<T, C, R>(handler: (trigger: T, context: C) => R, options: GuardOptions = {}): (trigger: T, context: C) => R {
  if (typeof handler !== 'function') throw new UsageError('withLeakGuardAzure: the handler must be a function');
  const guard = new Guard(resolveGuardOptions(options, 'withLeakGuardAzure'), true);
  return function (this: unknown, trigger: T, context: C): R {
    return guardedCall(guard, azureMeta(context), () => handler.call(this, trigger, context)) as R;
  };
}
