// Leak (dangling-work): the handler returns while work it started still runs: a timer that
// flushes metrics (line 7) and an audit write that is not awaited (line 8; its timer is on line 13).
// On Lambda the sandbox is frozen at the return, so both run late, inside the next invocation, or never.
import { setTimeout as sleep } from 'node:timers/promises';

export async function handler(event) {
  setTimeout(() => flushMetrics(event), 30);
  writeAudit({ action: 'order', at: Date.now() });
  return { statusCode: 202 };
}

async function writeAudit(entry) {
  await sleep(30);
  return JSON.stringify(entry).length;
}

function flushMetrics(event) {
  return JSON.stringify({ metric: 'orders', value: 1, source: event.source ?? 'api' });
}
