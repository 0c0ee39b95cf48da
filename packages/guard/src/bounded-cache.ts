import { UsageError } from '@leakwatch/core';

/** Options of {@link boundedCache}. */
export interface BoundedCacheOptions {
  /** most entries kept; setting one more evicts the least recently used */
  maxEntries: number;
  /** entries older than this are treated as absent (checked on read: no timer, no handle) */
  ttlMs?: number;
}

interface Entry<V> {
  value: V;
  at: number;
}

/**
 * A least-recently-used map with a hard size and an optional age limit, for module scope: what a
 * warm sandbox keeps between invocations stays bounded. Expiry is checked on read, so the cache
 * starts no timers and keeps no handle open.
 *
 * @example
 * ```ts
 * const users = boundedCache<string, User>({ maxEntries: 1000, ttlMs: 60_000 });
 * const user = await users.getOrSet(id, () => loadUser(id));
 * ```
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, Entry<V>>();
  readonly maxEntries: number;
  readonly ttlMs: number;

  constructor(options: BoundedCacheOptions) {
    if (options === null || typeof options !== 'object') throw new UsageError('boundedCache: options { maxEntries, ttlMs? } are required');
    for (const key of Object.keys(options)) if (key !== 'maxEntries' && key !== 'ttlMs') throw new UsageError(`boundedCache: unknown option '${key}' (known: maxEntries, ttlMs)`);
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new UsageError(`boundedCache: maxEntries must be a whole number ≥ 1, not ${String(options.maxEntries)}`);
    if (options.ttlMs !== undefined && (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0)) throw new UsageError(`boundedCache: ttlMs must be a number of milliseconds > 0, not ${String(options.ttlMs)}`);
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs ?? Infinity;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    const entry = this.map.get(key);
    if (!entry) return false;
    if (Date.now() - entry.at > this.ttlMs) {
      this.map.delete(key);
      return false;
    }
    return true;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, { value, at: Date.now() });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
    return this;
  }

  /** The cached value, or `create()`'s result stored and returned (a promise is cached as the promise; a rejected one is dropped). */
  getOrSet(key: K, create: () => V): V {
    if (this.has(key)) return this.get(key) as V;
    const value = create();
    this.set(key, value);
    if (value instanceof Promise) value.catch(() => this.map.get(key)?.value === value && this.map.delete(key));
    return value;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * A bounded LRU cache for module scope: the fix for the seed's list that grows on every call.
 *
 * @example
 * ```js
 * // instead of `const processedOrders = []` that every invocation pushes onto:
 * const processedOrders = boundedCache({ maxEntries: 500, ttlMs: 5 * 60_000 });
 * export async function handler(event) {
 *   processedOrders.set(event.orderId, { receivedAt: Date.now() });
 * }
 * ```
 */
export function boundedCache<K = unknown, V = unknown>(options: BoundedCacheOptions): BoundedCache<K, V> {
  return new BoundedCache<K, V>(options);
}
