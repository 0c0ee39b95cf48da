// Fixed twin of listener-request.mjs: the listener is removed when the invocation ends.
import { EventEmitter } from 'node:events';

const shutdown = new EventEmitter();

export async function handler(event) {
  const request = { headers: { ...event.headers }, body: JSON.stringify(event), receivedAt: Date.now() };
  const onFlush = () => console.log('flushing request from', request.receivedAt);
  shutdown.on('flush', onFlush);
  try {
    return { statusCode: 202 };
  } finally {
    shutdown.off('flush', onFlush);
  }
}
