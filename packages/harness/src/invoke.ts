import { createLambdaContext } from './lambda-context.js';
import type { Handler } from './load-handler.js';

export type InvokeOutcome = { ok: true } | { ok: false; error: unknown };

/**
 * Calls a handler once the way Lambda does: async handlers settle with their promise,
 * callback-style handlers (three parameters) with the callback or `context.done`.
 *
 * @example
 * ```ts
 * const outcome = await invokeOnce(handler, {}, { functionName: 'f', memoryMb: 128, timeoutMs: 3000 });
 * ```
 */
export function invokeOnce(handler: Handler, event: unknown, options: { functionName: string; memoryMb: number; timeoutMs: number }): Promise<InvokeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error: unknown, _result?: unknown): void => {
      if (settled) return;
      settled = true;
      resolve(error === null || error === undefined ? { ok: true } : { ok: false, error });
    };
    const context = createLambdaContext({ ...options, startedAt: Date.now(), settle });
    try {
      const callbackStyle = handler.length >= 3;
      const result = callbackStyle ? handler(event, context, settle) : handler(event, context);
      if (result !== null && typeof result === 'object' && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(
          (value) => settle(null, value),
          (error: unknown) => settle(error ?? new Error('the handler rejected with no reason')),
        );
      } else if (!callbackStyle) {
        settle(null, result);
      }
    } catch (error) {
      settle(error ?? new Error('the handler threw no value'));
    }
  });
}
