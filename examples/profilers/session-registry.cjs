// Leak (heap-growth): a registry instance at module scope (CommonJS) records every caller in its
// `sessions` Map (line 10) and nothing ever removes them.
const { randomUUID } = require('node:crypto');

class SessionRegistry {
  constructor() {
    this.sessions = new Map();
  }
  track(id, event) {
    this.sessions.set(id, { event: structuredClone(event), trail: Array.from({ length: 32 }, (_, i) => `${id}:${i}`), seenAt: new Date().toISOString() });
  }
}

const registry = new SessionRegistry();

exports.handler = async (event) => {
  registry.track(randomUUID(), event);
  return { statusCode: 204 };
};
