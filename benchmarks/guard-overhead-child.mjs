// One measurement for benchmarks/guard-overhead.mjs, in a fresh process so hooks that one variant
// switches on (AsyncLocalStorage's promise hooks, async_hooks) never slow another one down.
// argv: <variant> <handler> <invocations>. Reports CPU and wall microseconds per invocation over IPC.
import { createHook } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { withLeakGuard } from '@leakwatch/guard';
import { Guard } from '../packages/guard/dist/guard.js';
import { resolveGuardOptions } from '../packages/guard/dist/options.js';
import { guardedCall, lambdaMeta } from '../packages/guard/dist/with-leak-guard.js';

const [variant, shape, n] = process.argv.slice(2);
const N = Number(n);
const smallFile = fileURLToPath(new URL('./package.json', import.meta.url));
const body = JSON.stringify({ items: Array.from({ length: 90 }, (_, i) => ({ id: `item-${i}`, qty: i % 7, price: 9.99 + i, note: 'lorem ipsum dolor' })) }); // ~10 KB
const handlers = {
  trivial: async (event) => ({ statusCode: 200, body: event.id }),
  realistic: async (event) => {
    const order = JSON.parse(event.body);
    await new Promise((resolve) => setImmediate(resolve));
    const config = await readFile(smallFile, 'utf8');
    const total = order.items.reduce((sum, item) => sum + item.qty * item.price, 0);
    return { statusCode: 200, body: JSON.stringify({ total, items: order.items.length, config: config.length }) };
  },
};
const bare = handlers[shape];

function powertools(handler) {
  const logger = new Logger({ serviceName: 'bench' });
  const metrics = new Metrics({ namespace: 'Bench', serviceName: 'bench' });
  return async (event, context) => {
    logger.addContext(context);
    const result = await handler(event, context);
    logger.info('handled', { statusCode: result.statusCode });
    metrics.addMetric('handled', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    return result;
  };
}

/** The guard with its creation-site capture held on (as for the few sampled invocations after a trend turns significant). */
function guardInDeepCapture(handler) {
  const guard = new Guard(resolveGuardOptions({}));
  guard['capture'].start(Number.MAX_SAFE_INTEGER);
  return (event, context) => guardedCall(guard, lambdaMeta(context), () => handler(event, context));
}

/** What a naive leak hunter does: an async_hooks hook that formats a stack for every resource. */
function plainStackHook(handler) {
  const stacks = new Map();
  createHook({ init: (id) => void stacks.set(id, new Error().stack), destroy: (id) => void stacks.delete(id) }).enable();
  return handler;
}

const variants = {
  bare: () => bare,
  guard: () => withLeakGuard(bare),
  'guard-deep-capture': () => guardInDeepCapture(bare),
  powertools: () => powertools(bare),
  'async-hooks-stack': () => plainStackHook(bare),
};
const fn = variants[variant]();
const context = { awsRequestId: 'c0ffee', functionName: 'bench', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:1:function:bench', memoryLimitInMB: '1024', logGroupName: '/aws/lambda/bench', logStreamName: 's', getRemainingTimeInMillis: () => 30_000 };
const event = { id: 'x', body };
for (let i = 0; i < Math.min(2000, N); i++) await fn(event, context);
const t = performance.now();
const cpu = process.cpuUsage();
for (let i = 0; i < N; i++) await fn(event, context);
const used = process.cpuUsage(cpu);
// CPU time is the figure compared: on a shared machine it does not count the time spent waiting
// for a core, which wall time does. Wall time is reported beside it.
process.send({ cpuMicros: (used.user + used.system) / N, wallMicros: ((performance.now() - t) * 1000) / N });
