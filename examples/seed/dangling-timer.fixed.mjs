// Fixed twin of dangling-timer.mjs: the handler awaits the audit write and flushes the metrics
// before it returns, so nothing is left running when the sandbox is frozen.
import { setTimeout as sleep } from 'node:timers/promises';

export async function handler(event) {
  await Promise.all([sleep(30).then(() => flushMetrics(event)), writeAudit({ action: 'order', at: Date.now() })]);
  return { statusCode: 202 };
}

async function writeAudit(entry) {
  await sleep(30);
  return JSON.stringify(entry).length;
}

function flushMetrics(event) {
  return JSON.stringify({ metric: 'orders', value: 1, source: event.source ?? 'api' });
}
