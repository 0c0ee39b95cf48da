import { UsageError } from '@leakwatch/core';

/** How the guard behaves. Validated once, when the handler is wrapped. */
export interface GuardOptions {
  /** the function name in the metrics dimensions; default AWS_LAMBDA_FUNCTION_NAME or context.functionName */
  functionName?: string;
  /** the CloudWatch namespace of the metrics; default `Leakwatch` */
  namespace?: string;
  /** where lines go; default one `process.stdout.write` per line (CloudWatch reads EMF from stdout) */
  log?: (line: string) => void;
  /** emit the metrics line only every Nth invocation (findings and deadline lines always); default 1 */
  every?: number;
  /** emit metrics lines only when there is a finding; default false */
  onlyOnFindings?: boolean;
  /** how long before the platform timeout the watchdog logs what is pending; default 500 ms */
  deadlineMarginMs?: number;
  /** invocations in the rolling window the trends are judged on; default 60 */
  window?: number;
}

export interface ResolvedGuardOptions {
  functionName: string | undefined;
  namespace: string;
  log: (line: string) => void;
  every: number;
  onlyOnFindings: boolean;
  deadlineMarginMs: number;
  window: number;
}

const KNOWN = new Set(['functionName', 'namespace', 'log', 'every', 'onlyOnFindings', 'deadlineMarginMs', 'window']);

/**
 * Checks options once, at wrap time: the one place the guard throws, to the developer, never in production traffic.
 *
 * @example
 * ```ts
 * resolveGuardOptions({ every: 10 }).every; // 10
 * ```
 */
export function resolveGuardOptions(options: GuardOptions = {}): ResolvedGuardOptions {
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw new UsageError(`withLeakGuard: unknown option '${key}' (known: ${[...KNOWN].join(', ')})`);
  const int = (v: number | undefined, name: string, def: number, min: number): number => {
    if (v === undefined) return def;
    if (!Number.isInteger(v) || v < min) throw new UsageError(`withLeakGuard: ${name} must be a whole number ≥ ${min}, not ${String(v)}`);
    return v;
  };
  if (options.log !== undefined && typeof options.log !== 'function') throw new UsageError('withLeakGuard: log must be a function');
  return {
    functionName: options.functionName,
    namespace: options.namespace ?? 'Leakwatch',
    log: options.log ?? ((line: string) => void process.stdout.write(`${line}\n`)),
    every: int(options.every, 'every', 1, 1),
    onlyOnFindings: options.onlyOnFindings === true,
    deadlineMarginMs: int(options.deadlineMarginMs, 'deadlineMarginMs', 500, 0),
    window: int(options.window, 'window', 60, 12),
  };
}
