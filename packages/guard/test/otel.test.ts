import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLeakGuard } from '@leakwatch/guard';
// @ts-expect-error a plain .mjs fixture, so its line numbers are the file's own
import { cleanup, handler as leakyInterval } from './fixtures/interval-leak.mjs';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const manager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(manager.enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  (cleanup as () => void)();
  await provider.shutdown();
  trace.disable();
  context.disable();
});

const ctx = { awsRequestId: 'r', functionName: 'orders', getRemainingTimeInMillis: () => 3000 };

describe('OpenTelemetry (real SDK, in-memory exporter)', () => {
  it('puts leak measurements on the active span and findings as span events', async () => {
    const tracer = trace.getTracer('leakwatch-test');
    const guarded = withLeakGuard(leakyInterval as (e: unknown, c: unknown) => Promise<string>, { log: () => undefined });
    for (let i = 0; i < 60; i++) {
      const result = await tracer.startActiveSpan('invoke', async (span) => {
        try {
          return await guarded({}, ctx);
        } finally {
          span.end();
        }
      });
      expect(result).toBe('ok');
    }
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(60);
    expect(spans[0]!.attributes).toMatchObject({ 'leakwatch.outbound': 0, 'leakwatch.outbound_without_timeout': 0 });
    expect(spans[59]!.attributes['leakwatch.active_resources']).toBeGreaterThan(spans[0]!.attributes['leakwatch.active_resources'] as number);
    const withEvent = spans.filter((s) => s.events.some((e) => e.name === 'leakwatch.finding'));
    expect(withEvent).toHaveLength(1);
    const event = withEvent[0]!.events.find((e) => e.name === 'leakwatch.finding')!;
    expect(event.attributes).toMatchObject({ 'leakwatch.finding.kind': 'handle-growth' });
    expect(String(event.attributes?.['leakwatch.finding.site'])).toMatch(/interval-leak\.mjs:4$/);
    expect(withEvent[0]!.attributes['leakwatch.finding']).toBe('handle-growth');
  });

  it('without an active span nothing is recorded and the handler is unaffected', async () => {
    exporter.reset();
    const guarded = withLeakGuard(async (_e: unknown, _c: unknown) => 5, { log: () => undefined });
    expect(await guarded({}, ctx)).toBe(5);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
