/** The part of a Lambda context the deadline needs. */
export interface DeadlineContext {
  getRemainingTimeInMillis(): number;
}

/**
 * An AbortSignal that fires `marginMs` before the platform timeout: give it to `fetch`, `http`
 * requests and database queries so a hung dependency fails the call, not the whole invocation.
 *
 * @example
 * ```ts
 * // the seed's payment API, with a deadline
 * const res = await fetch(paymentUrl, { method: 'POST', body, signal: deadlineSignal(context, { marginMs: 500 }) });
 * ```
 */
export function deadlineSignal(context: DeadlineContext, options: { marginMs?: number } = {}): AbortSignal {
  const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 0;
  return AbortSignal.timeout(Math.max(0, remaining - (options.marginMs ?? 500)));
}
