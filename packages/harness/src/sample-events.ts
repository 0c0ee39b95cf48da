/** Built-in sample events, shaped like the real ones (trimmed to the fields handlers read). */
export const SAMPLE_EVENTS = {
  'api-gateway': {
    version: '2.0',
    routeKey: 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'example.execute-api.us-east-1.amazonaws.com' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'example',
      http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'leakwatch' },
      requestId: 'leakwatch-request',
      stage: '$default',
      timeEpoch: 0,
    },
    body: '{"orderId":"o-1","amount":42}',
    isBase64Encoded: false,
  },
  sqs: {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
        body: '{"orderId":"o-1"}',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183' },
        messageAttributes: {},
        md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders',
        awsRegion: 'us-east-1',
      },
    ],
  },
  s3: {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2026-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' }, object: { key: 'incoming/file.csv', size: 1024, eTag: '0123456789abcdef' } },
      },
    ],
  },
  eventbridge: {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'OrderPlaced',
    source: 'shop.orders',
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { orderId: 'o-1', amount: 42 },
  },
} as const;

export type SampleEventName = keyof typeof SAMPLE_EVENTS;

/**
 * A fresh copy of a built-in sample event.
 *
 * @example
 * ```ts
 * sampleEvent('sqs').Records[0].body; // '{"orderId":"o-1"}'
 * ```
 */
export function sampleEvent(name: SampleEventName): unknown {
  return structuredClone(SAMPLE_EVENTS[name]);
}

/** True when `name` names a built-in sample. */
export function isSampleEventName(name: string): name is SampleEventName {
  return Object.prototype.hasOwnProperty.call(SAMPLE_EVENTS, name);
}
