import { UsageError } from '@leakwatch/core';

type Closer<R> = (resource: R) => unknown;

const asyncDispose: symbol = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose');
const syncDispose: symbol = Symbol.dispose ?? Symbol.for('Symbol.dispose');

/** The resource's own release: `Symbol.asyncDispose`, `Symbol.dispose`, then `end()`, `close()`, `release()`, `destroy()`. */
function defaultCloser(resource: unknown): (() => unknown) | undefined {
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) return undefined;
  const r = resource as Record<PropertyKey, unknown>;
  for (const key of [asyncDispose, syncDispose, 'end', 'close', 'release', 'destroy']) {
    const fn = r[key];
    if (typeof fn === 'function') return () => (fn as (this: unknown) => unknown).call(resource);
  }
  return undefined;
}

/**
 * Opens a resource, uses it, and releases it in `finally` on every path: the `withResource` form
 * of `await using` for Node 20 (which has no `using` syntax). `close` defaults to the resource's
 * own `Symbol.asyncDispose`, `Symbol.dispose`, `end()`, `close()`, `release()` or `destroy()`,
 * and is awaited. If `use` throws, its error is the one you get (a failing close does not hide it).
 *
 * @example
 * ```js
 * // the seed's mysql connection that was never closed
 * const rows = await withResource(
 *   () => mysql.createConnection(config),
 *   (connection) => query(connection, 'SELECT * FROM users'),
 *   (connection) => new Promise((resolve) => connection.end(() => resolve())),
 * );
 * ```
 */
export async function withResource<R, T>(open: () => R | PromiseLike<R>, use: (resource: R) => T | PromiseLike<T>, close?: Closer<R>): Promise<Awaited<T>> {
  if (typeof open !== 'function') throw new UsageError('withResource: open must be a function that returns the resource');
  if (typeof use !== 'function') throw new UsageError('withResource: use must be a function that receives the resource');
  if (close !== undefined && typeof close !== 'function') throw new UsageError('withResource: close must be a function');
  const resource = await open();
  const release = close ? () => close(resource) : defaultCloser(resource);
  if (!release) throw new UsageError('withResource: the resource has no end(), close(), release(), destroy() or Symbol.asyncDispose; pass close as the third argument');
  let result: Awaited<T>;
  try {
    result = await use(resource);
  } catch (error) {
    try {
      await release();
    } catch {
      /* the use error is the one that matters */
    }
    throw error;
  }
  await release();
  return result;
}

/**
 * Makes `resource` work with `await using` (Node 24, TypeScript 5.2+): defines
 * `Symbol.asyncDispose` on it (not enumerable) that runs `close(resource)` once and awaits it.
 * Returns the same object, so it is used as before.
 *
 * @example
 * ```js
 * // Node 24: the connection ends when the block exits, however it exits
 * await using connection = disposable(mysql.createConnection(config), (c) => new Promise((r) => c.end(() => r())));
 * ```
 */
export function disposable<R extends object>(resource: R, close: Closer<R>): R & AsyncDisposable {
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw new UsageError(`disposable: the resource must be an object, not ${resource === null ? 'null' : typeof resource}; use withResource for other values`);
  if (typeof close !== 'function') throw new UsageError('disposable: close must be a function that releases the resource');
  if (!Object.isExtensible(resource)) throw new UsageError('disposable: the resource is frozen or sealed; use withResource(open, use, close) instead');
  let closed: Promise<void> | undefined;
  Object.defineProperty(resource, asyncDispose, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: () => (closed ??= Promise.resolve().then(() => close(resource)).then(() => undefined)),
  });
  return resource as R & AsyncDisposable;
}
