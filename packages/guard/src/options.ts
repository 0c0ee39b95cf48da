import { UsageError } from '@leakwatch/core';

/** How the guard behaves. Validated once, when the handler is wrapped. */
export interface GuardOptions {
  /** the function name in the metrics dimensions; default AWS_LAMBDA_FUNCTION_NAME or context.functionName */
  functionName?: string;
  /** the CloudWatch namespace of the metrics; default `Leakwatch` */
  namespace?: string;
  /** where lines go; default one write per line on stdout (CloudWatch reads EMF from stdout) */
  log?: (line: string) => void;
  /** emit the metrics line only every Nth invocation (findings and deadline lines always); default 1 */
  every?: number;
  /** emit metrics lines only when there is a finding; default false */
  onlyOnFindings?: boolean;
  /** how long before the platform timeout the watchdog logs what is pending; default 500 ms */
  deadlineMarginMs?: number;
  /** invocations in the rolling window the trends are judged on; default 60 */
  window?: number;
  /** invocations with creation-site capture after a trend turns significant; default 5, 0 turns it off */
  deepCapture?: number;
  /** count outbound HTTP requests and those without a timeout or abort signal; default true */
  outbound?: boolean;
  /** findings become events of the active OpenTelemetry span when `@opentelemetry/api` is installed; default true */
  otel?: boolean;
}

export interface ResolvedGuardOptions {
  functionName: string | undefined;
  namespace: string;
  log: ((line: string) => void) | undefined;
  every: number;
  onlyOnFindings: boolean;
  deadlineMarginMs: number;
  window: number;
  deepCapture: number;
  outbound: boolean;
  otel: boolean;
}

const KNOWN = new Set(['functionName', 'namespace', 'log', 'every', 'onlyOnFindings', 'deadlineMarginMs', 'window', 'deepCapture', 'outbound', 'otel']);

/**
 * Checks options once, at wrap time: the one place the guard throws, to the developer, never in
 * production traffic. `log` stays undefined when not given, so an adapter can choose its
 * platform's logger (Azure's `context.log`).
 *
 * @example
 * ```ts
 * resolveGuardOptions({ every: 10 }).every; // 10
 * ```
 */
export function resolveGuardOptions(options: GuardOptions = {}, caller = 'withLeakGuard'): ResolvedGuardOptions {
  if (options === null || typeof options !== 'object') throw new UsageError(`${caller}: options must be an object, not ${String(options)}`);
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw new UsageError(`${caller}: unknown option '${key}' (known: ${[...KNOWN].join(', ')})`);
  const int = (v: number | undefined, name: string, def: number, min: number): number => {
    if (v === undefined) return def;
    if (!Number.isInteger(v) || v < min) throw new UsageError(`${caller}: ${name} must be a whole number ≥ ${min}, not ${String(v)}`);
    return v;
  };
  const bool = (v: boolean | undefined, name: string, def: boolean): boolean => {
    if (v === undefined) return def;
    if (typeof v !== 'boolean') throw new UsageError(`${caller}: ${name} must be true or false, not ${String(v)}`);
    return v;
  };
  if (options.log !== undefined && typeof options.log !== 'function') throw new UsageError(`${caller}: log must be a function`);
  if (options.functionName !== undefined && typeof options.functionName !== 'string') throw new UsageError(`${caller}: functionName must be a string`);
  if (options.namespace !== undefined && typeof options.namespace !== 'string') throw new UsageError(`${caller}: namespace must be a string`);
  return {
    functionName: options.functionName,
    namespace: options.namespace ?? 'Leakwatch',
    log: options.log,
    every: int(options.every, 'every', 1, 1),
    onlyOnFindings: bool(options.onlyOnFindings, 'onlyOnFindings', false),
    deadlineMarginMs: int(options.deadlineMarginMs, 'deadlineMarginMs', 500, 0),
    window: int(options.window, 'window', 60, 12),
    deepCapture: int(options.deepCapture, 'deepCapture', 5, 0),
    outbound: bool(options.outbound, 'outbound', true),
    otel: bool(options.otel, 'otel', true),
  };
}
