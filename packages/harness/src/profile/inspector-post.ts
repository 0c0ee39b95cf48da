import { Session } from 'node:inspector';

/**
 * `session.post` as a promise, on the callback API that every supported Node.js has.
 *
 * @example
 * ```ts
 * const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
 * ```
 */
export function post<T = unknown>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error: Error | null, result?: unknown) => (error ? reject(error) : resolve(result as T)));
  });
}

/**
 * A connected inspector session of this process (the runner's own thread: the handler runs here).
 *
 * @example
 * ```ts
 * const session = connectSession(); try { … } finally { session.disconnect(); }
 * ```
 */
export function connectSession(): Session {
  const session = new Session();
  session.connect();
  return session;
}
