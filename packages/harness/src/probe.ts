import type { Finding } from '@leakwatch/core';

/** What the harness measured for one invocation, in the process that runs the handler. */
export interface InvocationSample {
  /** 1-based invocation number */
  index: number;
  /** epoch ms when the invocation started */
  startedAt: number;
  /** wall time from the call to the settled result */
  durationMs: number;
  /** CPU time of the invocation (process.cpuUsage delta) */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** heap used after a full GC that follows the invocation, data spaces only (compiled code excluded) */
  heapUsedAfterGc: number;
  rss: number;
  outcome: 'ok' | 'error' | 'timeout';
  error?: { name: string; message: string };
}

/** What a probe may use. */
export interface ProbeContext {
  /** absolute path of the handler module */
  handlerFile: string;
  /** root that finding sites are made relative to */
  cwd: string;
  /** invocations planned for the run */
  invocations: number;
  /** directory for profile files (`--profile-out`), when set */
  outDir?: string;
  /** forces a full GC */
  gc(): void;
}

export interface ProbeResult {
  findings: Finding[];
  /** files written (profiles, snapshots), absolute paths */
  files?: string[];
  /** things that went wrong but did not stop the run ("snapshot not written: ENOSPC") */
  notes?: string[];
}

/**
 * A measurement that runs beside the handler, in whichever process hosts it (the harness's own
 * process, or the frozen child with `--freeze`): the profilers (heap sampling, heap snapshots,
 * CPU profile) are probes. Probes are created by the harness from serialisable options, so
 * they work across the child-process boundary.
 */
export interface HarnessProbe {
  readonly name: string;
  /** before the first invocation */
  setup?(ctx: ProbeContext): Promise<void>;
  /** after each invocation has settled and its heap was measured */
  afterInvocation?(sample: InvocationSample, ctx: ProbeContext): Promise<void>;
  /** after the last invocation: this probe's own findings and files */
  finish?(samples: readonly InvocationSample[], ctx: ProbeContext): Promise<ProbeResult>;
  /**
   * After every probe finished: attach this probe's evidence to the run's other findings (for
   * example the allocation site and retainer path of a `heap-growth` finding). Returns the list.
   */
  refine?(findings: Finding[]): Finding[];
}
