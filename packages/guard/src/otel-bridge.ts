import { createRequire } from 'node:module';
import type { Finding } from '@leakwatch/core';

/** The few members of `@opentelemetry/api` the guard uses (it is an optional peer, never a dependency). */
interface OtelSpan {
  isRecording(): boolean;
  setAttributes(attributes: Record<string, string | number>): unknown;
  addEvent(name: string, attributes?: Record<string, string | number>): unknown;
}
interface OtelApi {
  trace: { getActiveSpan(): OtelSpan | undefined };
}

let api: OtelApi | null | undefined;

/**
 * `@opentelemetry/api` when the application has it, tried once with `require` (the guard stays
 * synchronous ESM without top-level await); undefined otherwise, and then the guard never looks again.
 *
 * @example
 * ```ts
 * loadOtel()?.trace.getActiveSpan(); // the span of the current invocation, if a tracer set one
 * ```
 */
export function loadOtel(): OtelApi | undefined {
  if (api === undefined) {
    try {
      const loaded = createRequire(import.meta.url)('@opentelemetry/api') as Partial<OtelApi> | undefined;
      api = typeof loaded?.trace?.getActiveSpan === 'function' ? (loaded as OtelApi) : null;
    } catch {
      api = null;
    }
  }
  return api ?? undefined;
}

/** The recording span active now, if OpenTelemetry is loaded and a tracer made one active. */
export function activeSpan(otel: OtelApi | undefined): OtelSpan | undefined {
  const span = otel?.trace.getActiveSpan();
  return span && span.isRecording() ? span : undefined;
}

/**
 * Puts the invocation's leak measurements on its span as `leakwatch.*` attributes, and each
 * finding as a `leakwatch.finding` event (kind, title, id, site) plus the `leakwatch.finding`
 * attribute naming the kinds.
 *
 * @example
 * ```ts
 * annotateSpan(span, { 'leakwatch.heap_after_gc': 31_457_280 }, findings);
 * ```
 */
export function annotateSpan(span: unknown, attributes: Record<string, number>, findings: readonly Finding[]): void {
  const s = span as OtelSpan;
  s.setAttributes(attributes);
  if (findings.length === 0) return;
  for (const f of findings) {
    s.addEvent('leakwatch.finding', {
      'leakwatch.finding.kind': f.kind,
      'leakwatch.finding.id': f.id,
      'leakwatch.finding.title': f.title,
      ...(f.site ? { 'leakwatch.finding.site': `${f.site.file}:${f.site.line}` } : {}),
    });
  }
  s.setAttributes({ 'leakwatch.finding': findings.map((f) => f.kind).join(',') });
}
