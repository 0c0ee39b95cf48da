import { UsageError } from '@leakwatch/core';
import type { ProfileOptions } from './profile/index.js';

/** How a run invokes the handler. Every field is optional. */
export interface RunOptions {
  /** invocations in one warm sandbox; default 100 */
  invocations?: number;
  /** the event every invocation receives (a fresh copy each time); default `{}` */
  event?: unknown;
  /** a sequence of events, used in order and cycled */
  events?: unknown[];
  /** the function's timeout; default 3000 ms (Lambda's default) */
  timeoutMs?: number;
  /** the function's memory; default 128 MB. With `freeze`, the child's heap limit */
  memoryMb?: number;
  /** run in a child process stopped (SIGSTOP) between invocations, as Lambda freezes sandboxes */
  freeze?: boolean;
  /** how long the child stays frozen between invocations; default 20 ms */
  freezeGapMs?: number;
  /** `context.functionName`; default the module's base name */
  functionName?: string;
  /** root that sites are made relative to; default process.cwd() */
  cwd?: string;
  /** profilers (heap sampling, snapshots, CPU) */
  profile?: ProfileOptions;
}

export type ResolvedOptions = Required<Omit<RunOptions, 'event' | 'events' | 'profile'>> & {
  event: unknown;
  events: unknown[] | undefined;
  profile: ProfileOptions;
};

const KNOWN = new Set(['invocations', 'event', 'events', 'timeoutMs', 'memoryMb', 'freeze', 'freezeGapMs', 'functionName', 'cwd', 'profile']);

/**
 * Validates options once, with an error for unknown keys and bad numbers, and fills defaults.
 *
 * @example
 * ```ts
 * resolveOptions({ invocations: 50 }, 'handler').timeoutMs; // 3000
 * ```
 */
export function resolveOptions(options: RunOptions, defaultName: string): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new UsageError(`unknown option '${key}' (known: ${[...KNOWN].join(', ')})`);
  }
  const invocations = positiveInt(options.invocations ?? 100, 'invocations');
  const timeoutMs = positiveInt(options.timeoutMs ?? 3000, 'timeoutMs');
  const memoryMb = positiveInt(options.memoryMb ?? 128, 'memoryMb');
  const freezeGapMs = Math.max(0, Math.floor(options.freezeGapMs ?? 20));
  if (options.events !== undefined && (!Array.isArray(options.events) || options.events.length === 0)) {
    throw new UsageError('events must be a non-empty array');
  }
  return {
    invocations,
    timeoutMs,
    memoryMb,
    freeze: options.freeze === true,
    freezeGapMs,
    functionName: options.functionName ?? defaultName,
    cwd: options.cwd ?? process.cwd(),
    event: options.event ?? {},
    events: options.events,
    profile: resolveProfile(options.profile ?? {}),
  };
}

function resolveProfile(profile: ProfileOptions): ProfileOptions {
  if (profile.heapSamplingInterval !== undefined) positiveInt(profile.heapSamplingInterval, 'profile.heapSamplingInterval');
  return profile;
}

function positiveInt(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1 || Math.floor(value) !== value) throw new UsageError(`${name} must be a positive integer, not ${value}`);
  return value;
}
