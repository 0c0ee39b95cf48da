// Fixed twin of session-registry.cjs: a session is forgotten when its invocation ends.
const { randomUUID } = require('node:crypto');

class SessionRegistry {
  constructor() {
    this.sessions = new Map();
  }
  track(id, event) {
    this.sessions.set(id, { event: structuredClone(event), trail: Array.from({ length: 32 }, (_, i) => `${id}:${i}`), seenAt: new Date().toISOString() });
  }
  forget(id) {
    this.sessions.delete(id);
  }
}

const registry = new SessionRegistry();

exports.handler = async (event) => {
  const id = randomUUID();
  registry.track(id, event);
  try {
    return { statusCode: 204 };
  } finally {
    registry.forget(id);
  }
};
