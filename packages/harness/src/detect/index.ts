import { sortFindings, type Finding } from '@leakwatch/core';
import type { Run } from '../run.js';
import type { ResolvedOptions } from '../run-options.js';
import { detectCpuGrowth } from './cpu.js';
import { detectDanglingWork } from './dangling.js';
import { detectInvocationErrors } from './errors.js';
import { detectHandleGrowth } from './handles.js';
import { detectHeapGrowth } from './heap.js';
import { detectListenerGrowth } from './listeners.js';
import { detectTimeouts } from './timeouts.js';

/**
 * Every detector over one run's measurements.
 *
 * @example
 * ```ts
 * const findings = detectFindings(run, options);
 * ```
 */
export function detectFindings(run: Run, options: Pick<ResolvedOptions, 'memoryMb' | 'functionName' | 'cwd'>): Finding[] {
  return sortFindings([
    ...detectHandleGrowth(run),
    ...detectListenerGrowth(run),
    ...detectDanglingWork(run),
    ...detectHeapGrowth(run, options),
    ...detectCpuGrowth(run, options),
    ...detectTimeouts(run),
    ...detectInvocationErrors(run),
  ]);
}
