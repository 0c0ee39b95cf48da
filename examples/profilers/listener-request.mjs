// Leak (heap-growth, listener-growth): each invocation subscribes to a module-level emitter with
// a listener that closes over its request (line 11); the listener is never removed, so every
// request object stays reachable from `shutdown`.
import { EventEmitter } from 'node:events';

const shutdown = new EventEmitter();
shutdown.setMaxListeners(0);

export async function handler(event) {
  const request = { headers: { ...event.headers }, body: JSON.stringify(event), receivedAt: Date.now() };
  shutdown.on('flush', () => console.log('flushing request from', request.receivedAt));
  return { statusCode: 202 };
}
// leakwatch-lint-expect: no-listener-per-invocation
