// The handlers and instrumentations benchmarks/guard-overhead.mjs compares, shared by its two child scripts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const smallFile = fileURLToPath(new URL('./package.json', import.meta.url));
const body = JSON.stringify({ items: Array.from({ length: 90 }, (_, i) => ({ id: `item-${i}`, qty: i % 7, price: 9.99 + i, note: 'lorem ipsum dolor' })) }); // ~10 KB

/** trivial: return at once; realistic: parse a 10 KB JSON body, one async hop, read a small file, serialise a result */
export const handlers = {
  trivial: async (event) => ({ statusCode: 200, body: event.id }),
  realistic: async (event) => {
    const order = JSON.parse(event.body);
    await new Promise((resolve) => setImmediate(resolve));
    const config = await readFile(smallFile, 'utf8');
    const total = order.items.reduce((sum, item) => sum + item.qty * item.price, 0);
    return { statusCode: 200, body: JSON.stringify({ total, items: order.items.length, config: config.length }) };
  },
  // the realistic handler's computation alone (no async hop, no I/O): does the guard cost more after it than after the trivial one?
  parse: async (event) => {
    const order = JSON.parse(event.body);
    const total = order.items.reduce((sum, item) => sum + item.qty * item.price, 0);
    return { statusCode: 200, body: JSON.stringify({ total, items: order.items.length }) };
  },
};

/** The usual production instrumentation: one structured log line and one EMF line per invocation. */
export function powertools(handler) {
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

let request = 0;
/** A Lambda context; each invocation gets its own request id (a UUID, as on Lambda). */
export function context() {
  request++;
  return {
    awsRequestId: `c0ffee00-0000-4000-8000-${String(request).padStart(12, '0')}`,
    functionName: 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:1:function:bench',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/bench',
    logStreamName: 's',
    getRemainingTimeInMillis: () => 30_000,
  };
}

export const event = { id: 'x', body };
